import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { TIMER_STATUSES, type PhaseProgress, type TimerPhase } from '../../../shared/timer.ts'
import { rooms } from './rooms.ts'

/**
 * Each room's phase timer as of its last transition (shared/timer.ts TimerState), in server time.
 * It holds start times and accumulated durations, never a countdown, so a restarted server
 * computes the same remaining time. The history of transitions is in room_events (`timer.*`).
 */
export const roomTimers = sqliteTable('room_timers', {
  roomId: text('room_id')
    .primaryKey()
    .references(() => rooms.id),
  /** The phase plan: JSON array of { id, label, plannedMs }. */
  phases: text('phases', { mode: 'json' }).$type<TimerPhase[]>().notNull(),
  /** Per phase, aligned with `phases`: JSON array of { spentMs, extensionMs }. */
  progress: text('progress', { mode: 'json' }).$type<PhaseProgress[]>().notNull(),
  phaseIndex: integer('phase_index').notNull(),
  status: text('status', { enum: TIMER_STATUSES }).notNull(),
  phaseStartedAt: integer('phase_started_at'),
  pausedAt: integer('paused_at'),
  pausedMsInPhase: integer('paused_ms_in_phase').notNull(),
  startedAt: integer('started_at'),
  endedAt: integer('ended_at'),
  revision: integer('revision').notNull(),
  /** Server time (ms) of the last transition. */
  updatedAt: integer('updated_at').notNull(),
})
