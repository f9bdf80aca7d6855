import type { NoteCreate, NoteEdit } from '../../shared/notes-events.ts'
import { can } from '../../shared/roles.ts'
import type { Db } from '../db/connection.ts'
import { forbidden } from '../errors.ts'
import type { Logger } from '../log.ts'
import { participantChannel } from '../realtime/channels.ts'
import { onEvent, type RoomServer, type RoomSocket } from '../realtime/socket-server.ts'
import { createNote, editNote, listNotesForAuthor, type NoteSaveResult } from './notes-store.ts'

export interface NotesFeatureDeps {
  db: Db
  io: RoomServer
  log: Logger
  /** The phase running now in the room (the timer's), or null before the start and after the end. */
  currentPhaseId: (roomId: string) => string | null
}

export interface NotesFeature {
  /** Sends the author's notes and registers the note events; call after presence has set the participant id. */
  handleConnection(socket: RoomSocket): void
}

export function createNotesFeature(deps: NotesFeatureDeps): NotesFeature {
  const log = deps.log.child({ feature: 'notes' })
  return {
    handleConnection(socket) {
      if (can(socket.data.role, 'notes:write')) socket.emit('notes:list', listNotesForAuthor(deps.db, requireNoteAuthor(socket)))
      // Registered for every role so that a candidate's attempt is answered FORBIDDEN and logged, not ignored.
      onEvent(socket, log, 'note:create', (payload) => handleNoteCreate(deps, log, socket, payload))
      onEvent(socket, log, 'note:edit', (payload) => handleNoteEdit(deps, log, socket, payload))
      onEvent(socket, log, 'notes:fetch', () => ({ notes: listNotesForAuthor(deps.db, requireNoteAuthor(socket)) }))
    },
  }
}

function handleNoteCreate(deps: NotesFeatureDeps, log: Logger, socket: RoomSocket, payload: NoteCreate) {
  const author = requireNoteAuthor(socket)
  const result = createNote(deps.db, { ...author, ...payload, phaseId: deps.currentPhaseId(author.roomId) }, Date.now())
  publish(deps, log, socket, result)
  return { note: result.note }
}

function handleNoteEdit(deps: NotesFeatureDeps, log: Logger, socket: RoomSocket, payload: NoteEdit) {
  const author = requireNoteAuthor(socket)
  const result = editNote(deps.db, { ...author, ...payload, phaseId: deps.currentPhaseId(author.roomId) }, Date.now())
  publish(deps, log, socket, result)
  return { note: result.note }
}

function requireNoteAuthor(socket: RoomSocket): { roomId: string; authorId: string } {
  const { roomId, role, participantId } = socket.data
  if (!can(role, 'notes:write')) throw forbidden('Your role may not write notes.')
  return { roomId, authorId: participantId }
}

/** Only the author's own channel hears of a note (their other tabs too); never the room. */
function publish(deps: NotesFeatureDeps, log: Logger, socket: RoomSocket, { note, duplicate, revision }: NoteSaveResult): void {
  const fields = { roomId: socket.data.roomId, role: socket.data.role, participantId: note.authorId, noteId: note.id, revision, phaseId: note.phaseId }
  if (duplicate) {
    log.debug(fields, 'note resend ignored')
    return
  }
  // Never the body: notes are private and stay out of logs.
  log.info(fields, 'note saved')
  deps.io.to(participantChannel(note.authorId)).emit('note:saved', note)
}
