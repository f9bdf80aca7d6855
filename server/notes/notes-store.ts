import type { RunResult } from 'better-sqlite3'
import { and, asc, eq, sql } from 'drizzle-orm'
import { alias, type BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type { Note } from '../../shared/notes-events.ts'
import type { Db } from '../db/connection.ts'
import type * as schema from '../db/schema/index.ts'
import { noteRevisions, notes } from '../db/schema/index.ts'
import { conflict, notFound } from '../errors.ts'
import { appendEvent } from '../timeline/index.ts'

/** The database or a transaction on it: reads run inside the write's transaction so they see its rows. */
type Reader = BaseSQLiteDatabase<'sync', RunResult, typeof schema>

export interface NoteAuthor {
  roomId: string
  authorId: string
}

export interface NoteWrite extends NoteAuthor {
  noteId: string
  revisionId: string
  body: string
  /** The phase current on the server now; the caller asks the timer. */
  phaseId: string | null
}

/** What a write did: `duplicate` is a resend of a revision already stored, which changed nothing. */
export interface NoteSaveResult {
  note: Note
  duplicate: boolean
  /** 1 for a new note, then one more per edit. */
  revision: number
}

export interface NoteRevisionRecord {
  id: string
  seq: number
  body: string
  phaseId: string | null
  at: number
}

/** A note with every revision, for the report and replay. */
export interface NoteHistory extends Note {
  clientCreatedAt: number | null
  history: NoteRevisionRecord[]
}

/** Stores a new note as its first revision, with its timeline event, in one transaction. */
export function createNote(db: Db, input: NoteWrite & { clientCreatedAt?: number | undefined }, now: number): NoteSaveResult {
  return db.transaction((tx) => {
    const existing = tx.select().from(notes).where(eq(notes.id, input.noteId)).get()
    if (existing) {
      const first = tx
        .select()
        .from(noteRevisions)
        .where(and(eq(noteRevisions.noteId, existing.id), eq(noteRevisions.seq, 1)))
        .get()
      if (!isOwnedBy(existing, input) || first?.id !== input.revisionId) throw conflict('This note id is already taken.')
      return { note: requireNote(tx, existing.id), duplicate: true, revision: 1 }
    }
    requireFreeRevisionId(tx, input.revisionId)
    tx.insert(notes)
      .values({
        id: input.noteId,
        roomId: input.roomId,
        authorId: input.authorId,
        phaseId: input.phaseId,
        createdAt: now,
        clientCreatedAt: input.clientCreatedAt ?? null,
      })
      .run()
    tx.insert(noteRevisions).values({ id: input.revisionId, noteId: input.noteId, seq: 1, body: input.body, phaseId: input.phaseId, at: now }).run()
    // The timeline says that and when a note was written, never what it says: note text stays in its own table.
    appendEvent(tx, {
      roomId: input.roomId,
      at: now,
      participantId: input.authorId,
      type: 'note.created',
      payload: { noteId: input.noteId, revisionId: input.revisionId, phaseId: input.phaseId },
    })
    return { note: requireNote(tx, input.noteId), duplicate: false, revision: 1 }
  })
}

/** Appends a revision to the author's own note; the earlier text stays as it was. */
export function editNote(db: Db, input: NoteWrite, now: number): NoteSaveResult {
  return db.transaction((tx) => {
    const note = tx.select().from(notes).where(eq(notes.id, input.noteId)).get()
    // Someone else's note answers like a missing one, so ids cannot be probed.
    if (!note || !isOwnedBy(note, input)) throw notFound(undefined, 'There is no such note of yours.')
    const resent = tx.select().from(noteRevisions).where(eq(noteRevisions.id, input.revisionId)).get()
    if (resent) {
      if (resent.noteId !== note.id) throw conflict('This revision id is already taken.')
      return { note: requireNote(tx, note.id), duplicate: true, revision: resent.seq }
    }
    const seq = latestSeq(tx, note.id) + 1
    tx.insert(noteRevisions).values({ id: input.revisionId, noteId: note.id, seq, body: input.body, phaseId: input.phaseId, at: now }).run()
    appendEvent(tx, {
      roomId: note.roomId,
      at: now,
      participantId: note.authorId,
      type: 'note.edited',
      payload: { noteId: note.id, revisionId: input.revisionId, revision: seq, phaseId: input.phaseId },
    })
    return { note: requireNote(tx, note.id), duplicate: false, revision: seq }
  })
}

/** The author's notes with their current text, oldest first. */
export function listNotesForAuthor(db: Reader, author: NoteAuthor): Note[] {
  return selectCurrentNotes(db, and(eq(notes.roomId, author.roomId), eq(notes.authorId, author.authorId)))
}

/** Every note of the room, every author, with all revisions: for the report and replay, never for a socket. */
export function listNotesForRoom(db: Reader, roomId: string): NoteHistory[] {
  const rows = db.select().from(notes).where(eq(notes.roomId, roomId)).orderBy(asc(notes.createdAt), asc(notes.id)).all()
  const revisions = db
    .select({ revision: noteRevisions })
    .from(noteRevisions)
    .innerJoin(notes, eq(notes.id, noteRevisions.noteId))
    .where(eq(notes.roomId, roomId))
    .orderBy(asc(noteRevisions.noteId), asc(noteRevisions.seq))
    .all()
  const byNote = new Map<string, NoteRevisionRecord[]>()
  for (const { revision } of revisions) {
    const list = byNote.get(revision.noteId) ?? []
    list.push({ id: revision.id, seq: revision.seq, body: revision.body, phaseId: revision.phaseId, at: revision.at })
    byNote.set(revision.noteId, list)
  }
  return rows.flatMap((row) => {
    const history = byNote.get(row.id) ?? []
    const latest = history.at(-1)
    if (!latest) return []
    const note: Note = {
      id: row.id,
      authorId: row.authorId,
      phaseId: row.phaseId,
      createdAt: row.createdAt,
      updatedAt: latest.at,
      body: latest.body,
      revisions: history.length,
    }
    return [{ ...note, clientCreatedAt: row.clientCreatedAt, history }]
  })
}

const latest = alias(noteRevisions, 'latest')

/** Notes joined with their latest revision; seq runs 1, 2, 3… so the latest seq is the revision count. */
function selectCurrentNotes(db: Reader, where: ReturnType<typeof and>): Note[] {
  return db
    .select({
      id: notes.id,
      authorId: notes.authorId,
      phaseId: notes.phaseId,
      createdAt: notes.createdAt,
      updatedAt: latest.at,
      body: latest.body,
      revisions: latest.seq,
    })
    .from(notes)
    .innerJoin(latest, eq(latest.noteId, notes.id))
    .where(and(where, eq(latest.seq, sql`(select max(r.seq) from ${noteRevisions} r where r.note_id = ${notes.id})`)))
    .orderBy(asc(notes.createdAt), asc(notes.id))
    .all()
}

function requireNote(db: Reader, noteId: string): Note {
  const note = selectCurrentNotes(db, eq(notes.id, noteId))[0]
  if (!note) throw new Error(`note ${noteId} has no revision`)
  return note
}

function latestSeq(db: Reader, noteId: string): number {
  const row = db
    .select({ seq: sql<number>`max(${noteRevisions.seq})` })
    .from(noteRevisions)
    .where(eq(noteRevisions.noteId, noteId))
    .get()
  return row?.seq ?? 0
}

function requireFreeRevisionId(db: Reader, revisionId: string): void {
  if (db.select({ id: noteRevisions.id }).from(noteRevisions).where(eq(noteRevisions.id, revisionId)).get()) {
    throw conflict('This revision id is already taken.')
  }
}

function isOwnedBy(note: { roomId: string; authorId: string }, author: NoteAuthor): boolean {
  return note.roomId === author.roomId && note.authorId === author.authorId
}
