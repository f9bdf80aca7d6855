// The notes feature's public door on the client.
export { NotesPanel, type NotesPanelProps } from './notes-panel.tsx'
