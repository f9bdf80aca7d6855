import { describe, expect, it } from 'vitest'
import { mergeNotes, noteViews, saveStatus } from '../../../client/src/notes/note-views.ts'
import type { OutboxEntry } from '../../../client/src/outbox/outbox.ts'
import type { Note } from '../../../shared/notes-events.ts'

const ME = 'participant-me'

function note(id: string, overrides: Partial<Note> = {}): Note {
  return { id, authorId: ME, phaseId: 'clarify', createdAt: 1_000, updatedAt: 1_000, body: `body of ${id}`, revisions: 1, ...overrides }
}

function queued(event: string, payload: Record<string, unknown>, queuedAt = 5_000): OutboxEntry {
  return { id: String(payload.revisionId), event, payload, queuedAt }
}

describe('note views', () => {
  it('merging keeps the copy with more revisions, whatever order list and saved events arrive in', () => {
    const newer = note('note-0001', { body: 'second', revisions: 2 })
    const older = note('note-0001', { body: 'first', revisions: 1 })
    expect(mergeNotes(new Map(), [newer, older]).get('note-0001')?.body).toBe('second')
    expect(mergeNotes(mergeNotes(new Map(), [older]), [newer]).get('note-0001')?.body).toBe('second')
  })

  it('a note created offline shows at once, marked pending, stamped with its typing time', () => {
    const views = noteViews(
      new Map(),
      [queued('note:create', { noteId: 'note-0002', revisionId: 'rev-00001', body: 'typed offline', clientCreatedAt: 4_000 })],
      ME,
    )
    expect(views).toEqual([
      { id: 'note-0002', authorId: ME, phaseId: null, createdAt: 4_000, updatedAt: 4_000, body: 'typed offline', revisions: 0, pending: true },
    ])
  })

  it('a queued edit lays its text over the saved note until the server has it', () => {
    const saved = mergeNotes(new Map(), [note('note-0001')])
    const views = noteViews(saved, [queued('note:edit', { noteId: 'note-0001', revisionId: 'rev-00002', body: 'edited offline' })], ME)
    expect(views[0]).toMatchObject({ id: 'note-0001', body: 'edited offline', pending: true, phaseId: 'clarify', updatedAt: 5_000 })
  })

  it('a queued create whose note the server already has (lost ack) does not hide the server copy', () => {
    const saved = mergeNotes(new Map(), [note('note-0001', { body: 'edited on the server', revisions: 2 })])
    const views = noteViews(saved, [queued('note:create', { noteId: 'note-0001', revisionId: 'rev-00001', body: 'original' })], ME)
    expect(views[0]).toMatchObject({ body: 'edited on the server', pending: false })
  })

  it('lists notes oldest first and skips unreadable queued entries', () => {
    const saved = mergeNotes(new Map(), [note('note-late', { createdAt: 3_000 }), note('note-early', { createdAt: 2_000 })])
    const views = noteViews(
      saved,
      [queued('note:create', { noteId: 'x', revisionId: 'rev-00003' }), queued('note:edit', { noteId: 'missing-note', revisionId: 'rev-00004', body: 'x' })],
      ME,
    )
    expect(views.map((view) => view.id)).toEqual(['note-early', 'note-late'])
  })

  it('the status reads saved, saving, or offline-will-sync', () => {
    expect(saveStatus(0, false)).toBe('saved')
    expect(saveStatus(2, true)).toBe('saving')
    expect(saveStatus(1, false)).toBe('offline')
  })
})
