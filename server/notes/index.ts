// The notes feature's public door.
export { createNotesFeature, type NotesFeature, type NotesFeatureDeps } from './notes-feature.ts'
export { listNotesForRoom, type NoteHistory, type NoteRevisionRecord } from './notes-store.ts'
