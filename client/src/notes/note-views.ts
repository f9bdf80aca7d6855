import { NoteCreateSchema, NoteEditSchema, type Note } from '../../../shared/notes-events.ts'
import type { OutboxEntry } from '../outbox/outbox.ts'

/** A note as the panel shows it: the server's text, or the newer text still waiting in the outbox. */
export interface NoteView extends Note {
  /** The text shown is not on the server yet. */
  pending: boolean
}

export type SaveStatus = 'saved' | 'saving' | 'offline'

/**
 * Folds notes from the server into what we know. Notes are never deleted and revisions only grow,
 * so the copy with more revisions wins, whatever order the list and the saved events arrive in.
 */
export function mergeNotes(known: ReadonlyMap<string, Note>, incoming: readonly Note[]): Map<string, Note> {
  const merged = new Map(known)
  for (const note of incoming) {
    const current = merged.get(note.id)
    if (!current || note.revisions >= current.revisions) merged.set(note.id, note)
  }
  return merged
}

/** The panel's list: saved notes with the queued creates and edits laid over them, oldest first. */
export function noteViews(saved: ReadonlyMap<string, Note>, pending: readonly OutboxEntry[], authorId: string): NoteView[] {
  const views = new Map<string, NoteView>()
  for (const note of saved.values()) views.set(note.id, { ...note, pending: false })
  for (const entry of pending) applyPending(views, entry, authorId)
  return [...views.values()].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
}

function applyPending(views: Map<string, NoteView>, entry: OutboxEntry, authorId: string): void {
  if (entry.event === 'note:create') {
    const create = NoteCreateSchema.safeParse(entry.payload)
    if (!create.success) return
    const existing = views.get(create.data.noteId)
    // Already on the server (its ack was lost): the server's copy may be newer than the queued text.
    if (existing) return
    const at = create.data.clientCreatedAt ?? entry.queuedAt
    views.set(create.data.noteId, {
      id: create.data.noteId,
      authorId,
      phaseId: null,
      createdAt: at,
      updatedAt: at,
      body: create.data.body,
      revisions: 0,
      pending: true,
    })
  } else if (entry.event === 'note:edit') {
    const edit = NoteEditSchema.safeParse(entry.payload)
    const note = edit.success ? views.get(edit.data.noteId) : undefined
    if (edit.success && note) views.set(note.id, { ...note, body: edit.data.body, updatedAt: entry.queuedAt, pending: true })
  }
}

/** What the status line says: unsent work while offline is "will sync", not an error. */
export function saveStatus(unsaved: number, connected: boolean): SaveStatus {
  if (unsaved === 0) return 'saved'
  return connected ? 'saving' : 'offline'
}
