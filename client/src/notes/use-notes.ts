import { useCallback, useMemo, useState } from 'react'
import type { Note, NoteSavedAck } from '../../../shared/notes-events.ts'
import { newClientId, useConnected, useOutbox, usePushedItems, type ProtocolSocket } from '../outbox/index.ts'
import { mergeNotes, noteViews, type NoteView } from './note-views.ts'

export interface NotesState {
  notes: NoteView[]
  /** Creates and edits queued but not yet acknowledged by the server. */
  pendingCount: number
  connected: boolean
  /** False until the participant id is known: the outbox is per participant. */
  ready: boolean
  /** Why the server refused a note for good, if it did. */
  rejection: string | undefined
  addNote(body: string): void
  editNote(noteId: string, body: string): void
}

const NOTES_EVENTS = { list: 'notes:list', item: 'note:saved', fetch: 'notes:fetch', ackField: 'notes' } as const

/** The author's notes: server copies plus a localStorage outbox, so nothing typed is lost offline or on reload. */
export function useNotes(socket: ProtocolSocket | undefined, roomId: string, participantId: string | undefined): NotesState {
  const [saved, setSaved] = useState<ReadonlyMap<string, Note>>(() => new Map())
  const connected = useConnected(socket)
  const receive = useCallback((notes: Note[]) => setSaved((known) => mergeNotes(known, notes)), [])
  const receiveAck = useCallback((ack: unknown) => receive([(ack as NoteSavedAck).note]), [receive])
  const { pending, rejection, enqueue } = useOutbox(socket, 'notes', roomId, participantId, receiveAck)

  usePushedItems<Note>(socket, NOTES_EVENTS, receive)

  const addNote = useCallback(
    (body: string) => {
      const revisionId = newClientId()
      enqueue({ id: revisionId, event: 'note:create', payload: { noteId: newClientId(), revisionId, body, clientCreatedAt: Date.now() } })
    },
    [enqueue],
  )

  const editNote = useCallback(
    (noteId: string, body: string) => {
      const revisionId = newClientId()
      // Autosaves of one note replace each other while they wait: only the latest text needs sending.
      enqueue({ id: revisionId, event: 'note:edit', payload: { noteId, revisionId, body }, replaces: `note:${noteId}` })
    },
    [enqueue],
  )

  const notes = useMemo(() => noteViews(saved, pending, participantId ?? ''), [saved, pending, participantId])
  return { notes, pendingCount: pending.length, connected, ready: participantId !== undefined && socket !== undefined, rejection, addNote, editNote }
}
