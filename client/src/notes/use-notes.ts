import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Ack } from '../../../shared/events.ts'
import type { Note, NoteSavedAck, NotesFetchAck } from '../../../shared/notes-events.ts'
import { ACK_TIMEOUT_MS, newClientId, useConnected, useOutbox, type ProtocolSocket } from '../outbox/index.ts'
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

/** The author's notes: server copies plus a localStorage outbox, so nothing typed is lost offline or on reload. */
export function useNotes(socket: ProtocolSocket | undefined, roomId: string, participantId: string | undefined): NotesState {
  const [saved, setSaved] = useState<ReadonlyMap<string, Note>>(() => new Map())
  const connected = useConnected(socket)
  const receive = useCallback((notes: Note[]) => setSaved((known) => mergeNotes(known, notes)), [])
  const receiveAck = useCallback((ack: unknown) => receive([(ack as NoteSavedAck).note]), [receive])
  const { pending, rejection, enqueue } = useOutbox(socket, 'notes', roomId, participantId, receiveAck)

  useServerNotes(socket, receive)

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

/**
 * Listens from the moment the socket exists, because the server pushes 'notes:list' right after
 * the handshake; a panel mounted on an already connected socket asks again instead.
 */
function useServerNotes(socket: ProtocolSocket | undefined, receive: (notes: Note[]) => void): void {
  useEffect(() => {
    if (!socket) return
    const receiveOne = (note: Note) => receive([note])
    socket.on('notes:list', receive)
    socket.on('note:saved', receiveOne)
    if (socket.connected) {
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('notes:fetch', {})
        .then((ack) => {
          const answer = ack as Ack<NotesFetchAck>
          if (answer.ok) receive(answer.notes)
        })
        .catch(() => undefined) // Disconnected meanwhile: the next connect pushes the list.
    }
    return () => {
      socket.off('notes:list', receive)
      socket.off('note:saved', receiveOne)
    }
  }, [socket, receive])
}
