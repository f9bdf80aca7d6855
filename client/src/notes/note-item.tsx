import { useEffect, useState } from 'react'
import { NOTE_BODY_MAX_CHARS } from '../../../shared/notes-events.ts'
import { SafeMarkdown } from '../ui/safe-markdown.tsx'
import type { NoteView } from './note-views.ts'
import { useAutosave } from './use-autosave.ts'

interface NoteItemProps {
  note: NoteView
  phaseName: (phaseId: string) => string
  onEdit: (noteId: string, body: string) => void
  /** Tells the panel whether this note has typed text not yet handed to the outbox. */
  onDirtyChange: (noteId: string, dirty: boolean) => void
}

export function NoteItem({ note, phaseName, onEdit, onDirtyChange }: NoteItemProps) {
  const [editing, setEditing] = useState(false)
  return (
    <li className={`notes-item${note.pending ? ' notes-item-pending' : ''}`}>
      <div className="notes-meta">
        <time dateTime={new Date(note.createdAt).toISOString()}>{formatClock(note.createdAt)}</time>
        {note.phaseId !== null && <span className="notes-phase">{phaseName(note.phaseId)}</span>}
        {note.revisions > 1 && <span className="notes-edited">edited</span>}
        {note.pending && <span className="notes-unsynced">not synced yet</span>}
        {!editing && (
          <button type="button" className="notes-edit-button" onClick={() => setEditing(true)} aria-label={`Edit the note from ${formatClock(note.createdAt)}`}>
            Edit
          </button>
        )}
      </div>
      {editing ? (
        <NoteEditor note={note} onEdit={onEdit} onDirtyChange={onDirtyChange} onDone={() => setEditing(false)} />
      ) : note.body.trim() === '' ? (
        <p className="notes-empty-body">(empty)</p>
      ) : (
        <SafeMarkdown text={note.body} className="notes-markdown" />
      )}
    </li>
  )
}

function NoteEditor({ note, onEdit, onDirtyChange, onDone }: Omit<NoteItemProps, 'phaseName'> & { onDone: () => void }) {
  const [draft, setDraft] = useState(note.body)
  const { dirty, flush } = useAutosave(draft, note.body, (text) => onEdit(note.id, text))

  useEffect(() => {
    onDirtyChange(note.id, dirty)
  }, [note.id, dirty, onDirtyChange])
  useEffect(() => () => onDirtyChange(note.id, false), [note.id, onDirtyChange])

  const done = () => {
    flush()
    onDone()
  }
  return (
    <div className="notes-editor">
      <textarea
        aria-label="Edit note"
        className="notes-textarea"
        value={draft}
        maxLength={NOTE_BODY_MAX_CHARS}
        autoFocus
        rows={Math.min(12, Math.max(3, draft.split('\n').length + 1))}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={flush}
        onKeyDown={(event) => {
          if (event.key === 'Escape' || (event.key === 'Enter' && (event.ctrlKey || event.metaKey))) {
            event.preventDefault()
            done()
          }
        }}
      />
      <button type="button" onClick={done}>
        Done
      </button>
    </div>
  )
}

export function formatClock(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })
}
