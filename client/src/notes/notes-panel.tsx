import { useCallback, useEffect, useRef, useState } from 'react'
import { NOTE_BODY_MAX_CHARS } from '../../../shared/notes-events.ts'
import { QuickEntry } from '../ui/quick-entry.tsx'
import type { RoomSocket } from '../room/use-room-socket.ts'
import { NoteItem } from './note-item.tsx'
import { saveStatus, type SaveStatus } from './note-views.ts'
import { useNotes } from './use-notes.ts'
import './notes-panel.css'

export interface NotesPanelProps {
  /** The room socket. Mount the panel as soon as it exists: the server sends the notes right after connecting. */
  socket: RoomSocket | undefined
  roomId: string
  /** From 'room:welcome'; the panel accepts input once it is known. */
  participantId: string | undefined
  /** Turns a phase id into its plan's name; the raw id is shown otherwise. */
  phaseName?: (phaseId: string) => string
}

const STATUS_LABELS: Record<SaveStatus, string> = {
  saved: 'Saved',
  saving: 'Saving…',
  offline: 'Offline, will sync',
}

/** Private notes of the interviewer or observer: only their author ever receives them. */
export function NotesPanel({ socket, roomId, participantId, phaseName = (id) => id }: NotesPanelProps) {
  const { notes, pendingCount, connected, ready, rejection, addNote, editNote } = useNotes(socket, roomId, participantId)
  const [dirty, setDirty] = useState<ReadonlySet<string>>(() => new Set())
  const onDirtyChange = useCallback((noteId: string, isDirty: boolean) => {
    setDirty((current) => {
      if (current.has(noteId) === isDirty) return current
      const next = new Set(current)
      if (isDirty) next.add(noteId)
      else next.delete(noteId)
      return next
    })
  }, [])
  const status = saveStatus(pendingCount + dirty.size, connected)
  const listEnd = useRef<HTMLLIElement>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the list scrolls when a note is added, which is what its length says.
  useEffect(() => {
    // A block body on purpose: newer Chromium returns a promise from scrollIntoView, and an effect must not return one.
    listEnd.current?.scrollIntoView({ block: 'nearest' })
  }, [notes.length])

  return (
    <section className="notes" aria-labelledby="notes-heading">
      <header className="notes-header">
        <h2 id="notes-heading">Private notes</h2>
        <span role="status" className={`notes-status notes-status-${status}`}>
          {STATUS_LABELS[status]}
        </span>
      </header>
      <p className="notes-hint">Only you can see these notes.</p>
      {rejection !== undefined && (
        <p role="alert" className="notes-error">
          A note could not be saved: {rejection}
        </p>
      )}
      {notes.length === 0 && <p className="notes-hint">No notes yet.</p>}
      <ol className="notes-list" aria-label="Your notes">
        {notes.map((note) => (
          <NoteItem key={note.id} note={note} phaseName={phaseName} onEdit={editNote} onDirtyChange={onDirtyChange} />
        ))}
        <li ref={listEnd} aria-hidden="true" className="notes-list-end" />
      </ol>
      <QuickEntry
        label="New note"
        placeholder="Write a note (Markdown). Enter adds it, Shift+Enter for a new line."
        submitLabel="Add note"
        maxLength={NOTE_BODY_MAX_CHARS}
        classPrefix="notes"
        disabled={!ready}
        onSubmit={addNote}
      />
    </section>
  )
}
