import {
  applyTransition,
  createTimer,
  phaseActuals,
  type PhaseActual,
  type TimerErrorCode,
  type TimerPhase,
  type TimerState,
  type TimerTransition,
} from '../../shared/timer.ts'
import type { Db } from '../db/connection.ts'
import type { Logger } from '../log.ts'
import { findTimer, insertTimer, saveTimer, type TimerEvent } from './timer-store.ts'

export type TimerServiceErrorCode = TimerErrorCode | 'no-timer'
export type TimerServiceResult = { ok: true; state: TimerState } | { ok: false; error: { code: TimerServiceErrorCode; message: string } }
export type TimerEndResult = { ok: true; state: TimerState; actuals: PhaseActual[] } | { ok: false; error: { code: TimerServiceErrorCode; message: string } }

export interface TimerServiceDeps {
  db: Db
  log: Logger
  /** Called after every committed change, to push the new state to the room. */
  publish?: (roomId: string, state: TimerState) => void
}

const NO_TIMER = { ok: false, error: { code: 'no-timer', message: 'This room has no timer.' } } as const

/**
 * The rooms' phase timers. SQLite is the only copy: every call reads the row and every change
 * writes it with its timeline event in one transaction. better-sqlite3 is synchronous, so a
 * read-compute-write cannot interleave with another one, and a primary-key read costs
 * microseconds, which makes an in-memory cache (and its eviction) not worth having.
 */
export class TimerService {
  private readonly db: Db
  private readonly log: Logger
  private readonly publish: (roomId: string, state: TimerState) => void

  constructor(deps: TimerServiceDeps) {
    this.db = deps.db
    this.log = deps.log
    this.publish = deps.publish ?? (() => undefined)
  }

  /** Gives a room its timer; a room that already has one keeps it (idempotent), and that one is returned. */
  initialize(roomId: string, phases: readonly TimerPhase[], now: number = Date.now()): TimerState {
    const state = createTimer(phases)
    const inserted = insertTimer(this.db, roomId, state, now)
    if (!inserted) return this.get(roomId) as TimerState
    this.log.info({ roomId, phases: phases.length }, 'timer initialized')
    return state
  }

  get(roomId: string): TimerState | undefined {
    return findTimer(this.db, roomId)
  }

  /** The phase notes and other events are tagged with: null before the start and after the end. */
  currentPhaseId(roomId: string): string | null {
    const state = this.get(roomId)
    if (!state || (state.status !== 'running' && state.status !== 'paused')) return null
    return state.phases[state.phaseIndex]?.id ?? null
  }

  /** Applies one transition, persists it with its `timer.<type>` timeline event, then publishes it. */
  apply(roomId: string, transition: TimerTransition, now: number, participantId: string | null): TimerServiceResult {
    const result = this.db.transaction((tx): TimerServiceResult => {
      const current = findTimer(tx, roomId)
      if (!current) return NO_TIMER
      const next = applyTransition(current, transition, now)
      if (!next.ok) return next
      saveTimer(tx, roomId, next.state, transitionEvent(transition, next.state, now, participantId), now)
      return next
    })
    if (!result.ok) return result
    const { state } = result
    this.log.info(
      { roomId, transition: transition.type, phaseId: state.phases[state.phaseIndex]?.id, revision: state.revision, participantId },
      'timer transition',
    )
    this.publish(roomId, state)
    return result
  }

  /** Stops the timer for good (the room's "end interview" calls this) and returns the time actually spent per phase. */
  end(roomId: string, now: number, participantId: string | null): TimerEndResult {
    const result = this.apply(roomId, { type: 'end' }, now, participantId)
    if (!result.ok) return result
    return { ok: true, state: result.state, actuals: phaseActuals(result.state, now) }
  }

  /** A lobby action: swaps the plan of a timer that has not started (a new question or phase plan). */
  replacePhases(roomId: string, phases: readonly TimerPhase[], now: number, participantId: string | null): TimerServiceResult {
    const result = this.db.transaction((tx): TimerServiceResult => {
      const current = findTimer(tx, roomId)
      if (!current) return NO_TIMER
      if (current.status !== 'not-started')
        return { ok: false, error: { code: 'already-started', message: 'The plan cannot change once the interview has started.' } }
      const state = { ...createTimer(phases), revision: current.revision + 1 }
      saveTimer(tx, roomId, state, { type: 'timer.plan-replaced', participantId, payload: { state } }, now)
      return { ok: true, state }
    })
    if (result.ok) {
      this.log.info({ roomId, phases: phases.length, participantId }, 'timer plan replaced')
      this.publish(roomId, result.state)
    }
    return result
  }
}

/**
 * Each timeline event carries the whole state after the transition: replay reads the timer at
 * time t as `timerView(state of the last timer.* event ≤ t, t)`, and the report reads the
 * actual time per phase from `timer.end`.
 */
function transitionEvent(transition: TimerTransition, state: TimerState, now: number, participantId: string | null): TimerEvent {
  const phase = state.phases[state.phaseIndex]
  if (!phase) throw new Error(`timer state has no phase ${state.phaseIndex}`)
  const common = { phaseId: phase.id, phaseIndex: state.phaseIndex, state }
  switch (transition.type) {
    case 'extend':
      return { type: 'timer.extend', participantId, payload: { ...common, minutes: transition.minutes } }
    case 'end':
      return { type: 'timer.end', participantId, payload: { ...common, actuals: phaseActuals(state, now) } }
    default:
      return { type: `timer.${transition.type}`, participantId, payload: common }
  }
}
