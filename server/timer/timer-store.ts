import { eq } from 'drizzle-orm'
import type { TimerState } from '../../shared/timer.ts'
import type { TimelineEventDraft, TimerEventType } from '../../shared/timeline.ts'
import type { Db } from '../db/connection.ts'
import { roomTimers } from '../db/schema/index.ts'
import { appendEvent } from '../timeline/index.ts'

/** The database or a transaction on it: the queries below run the same way in both. */
export type TimerDb = Db | Parameters<Parameters<Db['transaction']>[0]>[0]

type TimerRow = typeof roomTimers.$inferSelect

/** A `timer.*` event; the room and the time are the transition's. */
export type TimerEvent = TimelineEventDraft<TimerEventType>

function toState(row: TimerRow): TimerState {
  return {
    phases: row.phases,
    progress: row.progress,
    phaseIndex: row.phaseIndex,
    status: row.status,
    phaseStartedAt: row.phaseStartedAt,
    pausedAt: row.pausedAt,
    pausedMsInPhase: row.pausedMsInPhase,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    revision: row.revision,
  }
}

function toRow(roomId: string, state: TimerState, now: number): TimerRow {
  return { roomId, ...state, updatedAt: now }
}

export function findTimer(db: TimerDb, roomId: string): TimerState | undefined {
  const row = db.select().from(roomTimers).where(eq(roomTimers.roomId, roomId)).get()
  return row ? toState(row) : undefined
}

/**
 * Inserts the room's first timer; returns false (writing nothing) when one exists. No timeline
 * event: the plan is part of the room's creation, and `timer.start` records the full state anyway.
 */
export function insertTimer(db: TimerDb, roomId: string, state: TimerState, now: number): boolean {
  return (
    db
      .insert(roomTimers)
      .values(toRow(roomId, state, now))
      .onConflictDoNothing()
      .run().changes > 0
  )
}

/** Replaces the stored state and appends the transition to the timeline in the caller's transaction. */
export function saveTimer(db: TimerDb, roomId: string, state: TimerState, event: TimerEvent, now: number): void {
  const { roomId: _key, ...changes } = toRow(roomId, state, now)
  db.update(roomTimers).set(changes).where(eq(roomTimers.roomId, roomId)).run()
  appendEvent(db, { roomId, at: now, ...event })
}
