import * as z from 'zod/mini'
import { ackOf, clientEvent } from './protocol.ts'

/** A note is a quick Markdown entry; 10 000 characters is several pages, far above a real interview note. */
export const NOTE_BODY_MAX_CHARS = 10_000

/**
 * Ids the client generates (uuid or ULID), so that resending the same note or revision after a
 * lost ack is recognised by the server instead of stored twice.
 */
export const ClientIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'is not a client id'))

const NoteBodySchema = z.string().check(z.maxLength(NOTE_BODY_MAX_CHARS, `is longer than ${NOTE_BODY_MAX_CHARS} characters`))

export const NoteCreateSchema = z.strictObject({
  noteId: ClientIdSchema,
  revisionId: ClientIdSchema,
  body: NoteBodySchema.check(z.refine((body) => body.trim().length > 0, 'cannot be empty')),
  /** When the author typed it (client clock, ms): kept for the report, never used for ordering. */
  clientCreatedAt: z.optional(z.number().check(z.int(), z.nonnegative())),
})
export type NoteCreate = z.infer<typeof NoteCreateSchema>

/** An edit may empty a note: nothing is deleted, so clearing the text is how a note is withdrawn. */
export const NoteEditSchema = z.strictObject({
  noteId: ClientIdSchema,
  revisionId: ClientIdSchema,
  body: NoteBodySchema,
})
export type NoteEdit = z.infer<typeof NoteEditSchema>

/** A note as its author sees it: the text of its latest revision. */
export interface Note {
  id: string
  authorId: string
  /** The phase current when the note was first written (server-side), null before the interview starts. */
  phaseId: string | null
  /** Server time of the first revision (ms). */
  createdAt: number
  /** Server time of the latest revision (ms). */
  updatedAt: number
  body: string
  /** How many revisions the note has; 1 for a note never edited. */
  revisions: number
}

/** Acks of note:create and note:edit carry the note as saved. */
export interface NoteSavedAck {
  note: Note
}

export interface NotesFetchAck {
  notes: Note[]
}

export const NotesClientEvents = {
  'note:create': clientEvent(NoteCreateSchema, ackOf<NoteSavedAck>()),
  'note:edit': clientEvent(NoteEditSchema, ackOf<NoteSavedAck>()),
  /**
   * Asks again for the author's notes. The server pushes 'notes:list' on connect; a panel mounted
   * after that push uses this instead of missing the list.
   */
  'notes:fetch': clientEvent(z.strictObject({}), ackOf<NotesFetchAck>()),
} as const

/** Emitted only to the author's own participant channel: no other socket ever receives a note. */
export interface NotesServerEvents {
  /** The author's notes, oldest first, sent once on connect. */
  'notes:list': (notes: Note[]) => void
  /** A note created or edited by this author (from any of their tabs). */
  'note:saved': (note: Note) => void
}
