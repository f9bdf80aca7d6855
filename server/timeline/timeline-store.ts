import type { RunResult } from 'better-sqlite3'
import { and, asc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import {
  canReadTimelineEvent,
  TIMELINE_EVENT_TYPES,
  TIMELINE_RULES,
  TimelineEventSchema,
  type NewTimelineEvent,
  type StoredTimelineEvent,
  type TimelineEventType,
  type TimelineViewer,
} from '../../shared/timeline.ts'
import type * as schema from '../db/schema/index.ts'
import { roomEvents } from '../db/schema/index.ts'
import { describeZodError } from '../errors.ts'
import { CorruptTimelineEventError, validateTimelineEvent } from './timeline-validate.ts'

/** A drizzle database or a transaction on it: events are appended inside the caller's transaction. */
export type TimelineDb = BaseSQLiteDatabase<'sync', RunResult, typeof schema>

export interface TimelineQuery<T extends TimelineEventType> {
  viewer: TimelineViewer
  /** Server time (ms), inclusive. */
  from?: number | undefined
  /** Server time (ms), inclusive: `until: t` is everything that had happened at t. */
  until?: number | undefined
  /** Only these types (default: every type the viewer may read). */
  types?: readonly T[] | undefined
}

/**
 * Validates the event against shared/timeline.ts and appends it on `db` (pass the transaction that
 * makes the change the event records, so both commit or neither). Throws InvalidTimelineEventError
 * on a malformed event: a writer's bug is never stored.
 */
export function appendEvent(db: TimelineDb, input: NewTimelineEvent): StoredTimelineEvent {
  const event = validateTimelineEvent(input)
  const { lastInsertRowid } = db.insert(roomEvents).values(event).run()
  return { ...event, id: Number(lastInsertRowid) }
}

/**
 * The room's events in the order they were appended, as `viewer` may see them, each parsed with
 * the shared schema. Visibility is narrowed in SQL (so a candidate's read never loads others'
 * rows) and then decided per event by `canReadTimelineEvent`, the one rule.
 */
export function readTimeline<T extends TimelineEventType = TimelineEventType>(
  db: TimelineDb,
  roomId: string,
  query: TimelineQuery<T>,
): StoredTimelineEvent<T>[] {
  const { viewer, from, until, types } = query
  const conditions: (SQL | undefined)[] = [eq(roomEvents.roomId, roomId), visibleTo(viewer, roomId)]
  if (from !== undefined) conditions.push(gte(roomEvents.at, from))
  if (until !== undefined) conditions.push(lte(roomEvents.at, until))
  if (types !== undefined) conditions.push(inArray(roomEvents.type, [...types]))
  const rows = db
    .select()
    .from(roomEvents)
    .where(and(...conditions))
    .orderBy(asc(roomEvents.id))
    .all()
  const isWanted = (event: StoredTimelineEvent): event is StoredTimelineEvent<T> => types === undefined || (types as readonly string[]).includes(event.type)
  return rows
    .map(parseRow)
    .filter((event) => canReadTimelineEvent(viewer, event))
    .filter(isWanted)
}

function parseRow(row: typeof roomEvents.$inferSelect): StoredTimelineEvent {
  const { id, ...stored } = row
  const parsed = TimelineEventSchema.safeParse(stored)
  if (!parsed.success) throw new CorruptTimelineEventError(id, row.type, describeZodError(parsed.error))
  return { ...parsed.data, id }
}

/** The SQL side of `canReadTimelineEvent`, derived from the same rules table. */
function visibleTo(viewer: TimelineViewer, roomId: string): SQL | undefined {
  if (viewer.kind === 'server') return undefined
  // A participant of another room reads nothing here, whatever their role.
  if (viewer.roomId !== roomId) return sql`0`
  const readable = TIMELINE_EVENT_TYPES.filter((type) => canReadTimelineEvent(viewer, { roomId, type, participantId: null }))
  const ownOnly = TIMELINE_EVENT_TYPES.filter((type) => TIMELINE_RULES[type].readers === 'author')
  return or(inArray(roomEvents.type, readable), and(inArray(roomEvents.type, ownOnly), eq(roomEvents.participantId, viewer.participantId)))
}
