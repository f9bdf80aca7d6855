import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SERVER_VIEWER, TIMELINE_EVENT_TYPES, type TimelineEvent } from '../../../shared/timeline.ts'
import { openDatabase } from '../../../server/db/connection.ts'
import { readTimeline } from '../../../server/timeline/index.ts'
import { ROOM_ID, sampleEvents, T0 } from './timeline-samples.ts'

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url))
/** The migration that made the timeline typed; found by name so that renumbering it keeps this test valid. */
const TIMELINE_MIGRATION = /^\d+_timeline_version$/

let dir: string

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockboard-timeline-migration-'))
})

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** A copy of migrations/ whose journal stops just before the timeline migration: the schema as it was. */
function migrationsBeforeTimeline(): string {
  const copy = path.join(dir, 'migrations-before')
  fs.cpSync(MIGRATIONS_DIR, copy, { recursive: true })
  const journalFile = path.join(copy, 'meta', '_journal.json')
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] }
  const cut = journal.entries.findIndex((entry) => TIMELINE_MIGRATION.test(entry.tag))
  if (cut < 0) throw new Error('no *_timeline_version migration in migrations/')
  fs.writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }))
  return copy
}

/**
 * The rows exactly as the code before the typed timeline wrote them: drizzle inserts of
 * `payload` as JSON text (appendRoomEvent, the notes, chat, interview and timer stores), and the
 * board store's own prepared insert, which named neither the participant nor a version.
 */
function writeOldStyleRows(sqlite: Database.Database, events: TimelineEvent[]): void {
  sqlite
    .prepare(`insert into rooms (id, title, question_id, phase_plan_id, status, created_at) values (?, 'Old room', 'url-shortener', 'standard-45', 'lobby', ?)`)
    .run(ROOM_ID, T0)
  const drizzleInsert = sqlite.prepare(`insert into room_events (room_id, at, participant_id, type, payload) values (?, ?, ?, ?, ?)`)
  const boardInsert = sqlite.prepare(`insert into room_events (room_id, at, type, payload) values (?, ?, 'board.diff', ?)`)
  for (const event of events) {
    if (event.type === 'board.diff') boardInsert.run(event.roomId, event.at, JSON.stringify(event.payload))
    else drizzleInsert.run(event.roomId, event.at, event.participantId, event.type, JSON.stringify(event.payload))
  }
  // appendRoomEvent wrote `participant.left` without a payload: the column default '{}' filled it in.
  sqlite.prepare(`insert into room_events (room_id, at, participant_id, type) values (?, ?, 'p-candidate-1', 'participant.left')`).run(ROOM_ID, T0 + 999)
}

describe('the timeline migration', () => {
  it('rows written before the timeline was typed read back through readTimeline as valid v1 events', () => {
    const file = path.join(dir, 'mockboard.db')
    const old = new Database(file)
    old.pragma('foreign_keys = ON')
    migrate(drizzle(old), { migrationsFolder: migrationsBeforeTimeline() })
    const columns = (old.prepare(`pragma table_info(room_events)`).all() as { name: string }[]).map((column) => column.name)
    expect(columns).not.toContain('v')
    const samples = sampleEvents(ROOM_ID)
    const events = TIMELINE_EVENT_TYPES.map((type, index): TimelineEvent => ({ ...samples[type], at: T0 + index }))
    writeOldStyleRows(old, events)
    old.close()

    const db = openDatabase(file)
    try {
      const read = readTimeline(db, ROOM_ID, { viewer: SERVER_VIEWER })
      expect(read.map(({ id: _id, ...event }) => event)).toEqual([...events, { ...samples['participant.left'], at: T0 + 999 }])
      expect(read.every((event) => event.v === 1)).toBe(true)
    } finally {
      db.$client.close()
    }
  })
})
