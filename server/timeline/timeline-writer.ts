import type Database from 'better-sqlite3'
import type { NewTimelineEvent } from '../../shared/timeline.ts'
import { validateTimelineEvent } from './timeline-validate.ts'

/** Appends on a prepared statement; the same validation as `appendEvent`, without drizzle's query building. */
export interface TimelineWriter {
  /** Returns the event's id. Runs inside whatever transaction is open on the connection. */
  append(event: NewTimelineEvent): number
}

const INSERT_EVENT = `insert into room_events (room_id, at, participant_id, type, v, payload) values (?, ?, ?, ?, ?, ?)`

/**
 * For writers on a hot path: board diffs are appended for every live room every second from one
 * batched flush, and building a drizzle query costs ~60 µs (STACK.md) where a prepared insert
 * costs a few. The statement is prepared once per connection and shared by every writer on it.
 */
export function createTimelineWriter(sqlite: Database.Database): TimelineWriter {
  const insert = preparedInsert(sqlite)
  return {
    append(input) {
      const event = validateTimelineEvent(input)
      const result = insert.run(event.roomId, event.at, event.participantId, event.type, event.v, JSON.stringify(event.payload))
      return Number(result.lastInsertRowid)
    },
  }
}

type InsertEvent = Database.Statement<[string, number, string | null, string, number, string]>
const statements = new WeakMap<Database.Database, InsertEvent>()

function preparedInsert(sqlite: Database.Database): InsertEvent {
  let statement = statements.get(sqlite)
  if (!statement) {
    statement = sqlite.prepare(INSERT_EVENT)
    statements.set(sqlite, statement)
  }
  return statement
}
