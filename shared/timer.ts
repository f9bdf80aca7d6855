/**
 * The phase timer's math: a pure state machine over server time. Nothing here reads a clock;
 * every transition and view takes `nowMs` (server ms since epoch), so the server, the client and
 * the tests run the same code against different clocks.
 *
 * The state holds deadlines and accumulated durations, never a running countdown: any process
 * holding the state and the server's "now" can compute the same view, which is what lets the
 * server push only transitions and resume exactly after a restart.
 */

export interface TimerPhase {
  id: string
  label: string
  plannedMs: number
}

export const TIMER_STATUSES = ['not-started', 'running', 'paused', 'ended'] as const
export type TimerStatus = (typeof TIMER_STATUSES)[number]

/**
 * What happened in one phase, aligned with `phases`. Kept per phase (not only for the current
 * one) because "previous" goes back to a phase: its clock continues from the time already spent
 * there and keeps its extensions, instead of starting a fresh budget.
 */
export interface PhaseProgress {
  /** Active (unpaused) time banked by earlier visits to this phase. */
  spentMs: number
  extensionMs: number
}

export interface TimerState {
  phases: TimerPhase[]
  progress: PhaseProgress[]
  phaseIndex: number
  status: TimerStatus
  /** When the current visit to the current phase began; null before the start and after the end. */
  phaseStartedAt: number | null
  /** Set while paused. */
  pausedAt: number | null
  /** Completed pauses during the current visit (the running pause is `now − pausedAt`). */
  pausedMsInPhase: number
  startedAt: number | null
  endedAt: number | null
  /** Bumped by every transition, so a client can tell a newer state from a late duplicate. */
  revision: number
}

export const EXTENSION_MINUTES = [1, 2, 5] as const
export type ExtensionMinutes = (typeof EXTENSION_MINUTES)[number]

export type TimerTransition =
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'extend'; minutes: ExtensionMinutes }
  | { type: 'end' }
export type TimerTransitionType = TimerTransition['type']

export type TimerErrorCode =
  | 'not-started'
  | 'already-started'
  | 'not-running'
  | 'not-paused'
  | 'ended'
  | 'no-next-phase'
  | 'no-previous-phase'
  | 'invalid-extension'

export interface TimerError {
  code: TimerErrorCode
  message: string
}
export type TimerResult = { ok: true; state: TimerState } | { ok: false; error: TimerError }

const MINUTE_MS = 60_000

/** The standard 45-minute plan, used until a room takes its plan from the question bank. */
export const DEFAULT_PHASES: readonly TimerPhase[] = [
  { id: 'clarify', label: 'Clarify', plannedMs: 5 * MINUTE_MS },
  { id: 'high-level-design', label: 'High-level design', plannedMs: 15 * MINUTE_MS },
  { id: 'deep-dive', label: 'Deep dive', plannedMs: 15 * MINUTE_MS },
  { id: 'scale-and-wrap-up', label: 'Scale and wrap-up', plannedMs: 10 * MINUTE_MS },
]

/** A fresh, not-started timer. A plan without phases is a programming error, not user input. */
export function createTimer(phases: readonly TimerPhase[]): TimerState {
  if (phases.length === 0) throw new Error('A timer needs at least one phase.')
  if (phases.some((phase) => !(phase.plannedMs > 0))) throw new Error('Every phase needs a positive planned duration.')
  return {
    phases: phases.map((phase) => ({ ...phase })),
    progress: phases.map(() => ({ spentMs: 0, extensionMs: 0 })),
    phaseIndex: 0,
    status: 'not-started',
    phaseStartedAt: null,
    pausedAt: null,
    pausedMsInPhase: 0,
    startedAt: null,
    endedAt: null,
    revision: 0,
  }
}

const refuse = (code: TimerErrorCode, message: string): TimerResult => ({ ok: false, error: { code, message } })
const accept = (state: TimerState, changes: Partial<TimerState>): TimerResult => ({
  ok: true,
  state: { ...state, ...changes, revision: state.revision + 1 },
})

/** Active time of the current visit. Clamped at 0: a server clock stepping back must not show negative time. */
function currentVisitMs(state: TimerState, nowMs: number): number {
  if (state.phaseStartedAt === null) return 0
  if (state.status === 'running') return Math.max(0, nowMs - state.phaseStartedAt - state.pausedMsInPhase)
  if (state.status === 'paused' && state.pausedAt !== null) return Math.max(0, state.pausedAt - state.phaseStartedAt - state.pausedMsInPhase)
  return 0
}

function progressAt(state: TimerState, index: number): PhaseProgress {
  return state.progress[index] ?? { spentMs: 0, extensionMs: 0 }
}

/** Active time spent in the current phase, over every visit. Frozen while paused. */
export function phaseElapsedMs(state: TimerState, nowMs: number): number {
  return progressAt(state, state.phaseIndex).spentMs + currentVisitMs(state, nowMs)
}

/** Refuses transitions that need the interview to be under way. */
function refuseUnlessActive(state: TimerState): TimerResult | undefined {
  if (state.status === 'not-started') return refuse('not-started', 'The interview has not started yet.')
  if (state.status === 'ended') return refuse('ended', 'The interview has ended.')
  return undefined
}

/** Banks the current visit into the phase's progress; the caller decides what comes next. */
function bankCurrentVisit(state: TimerState, nowMs: number): PhaseProgress[] {
  return state.progress.map((progress, index) => (index === state.phaseIndex ? { ...progress, spentMs: phaseElapsedMs(state, nowMs) } : progress))
}

export function startTimer(state: TimerState, nowMs: number): TimerResult {
  if (state.status === 'ended') return refuse('ended', 'The interview has ended.')
  if (state.status !== 'not-started') return refuse('already-started', 'The timer is already started.')
  return accept(state, { status: 'running', phaseIndex: 0, phaseStartedAt: nowMs, pausedAt: null, pausedMsInPhase: 0, startedAt: nowMs })
}

export function pauseTimer(state: TimerState, nowMs: number): TimerResult {
  const refused = refuseUnlessActive(state)
  if (refused) return refused
  if (state.status !== 'running') return refuse('not-running', 'The timer is not running.')
  return accept(state, { status: 'paused', pausedAt: nowMs })
}

export function resumeTimer(state: TimerState, nowMs: number): TimerResult {
  const refused = refuseUnlessActive(state)
  if (refused) return refused
  if (state.status !== 'paused' || state.pausedAt === null) return refuse('not-paused', 'The timer is not paused.')
  const pauseMs = Math.max(0, nowMs - state.pausedAt)
  return accept(state, { status: 'running', pausedAt: null, pausedMsInPhase: state.pausedMsInPhase + pauseMs })
}

/** Moves to another phase; a paused timer stays paused, so the interviewer can line up the next phase first. */
function moveToPhase(state: TimerState, nowMs: number, phaseIndex: number): TimerResult {
  return accept(state, {
    progress: bankCurrentVisit(state, nowMs),
    phaseIndex,
    phaseStartedAt: nowMs,
    pausedAt: state.status === 'paused' ? nowMs : null,
    pausedMsInPhase: 0,
  })
}

export function nextPhase(state: TimerState, nowMs: number): TimerResult {
  const refused = refuseUnlessActive(state)
  if (refused) return refused
  if (state.phaseIndex >= state.phases.length - 1) return refuse('no-next-phase', 'This is the last phase; end the interview instead.')
  return moveToPhase(state, nowMs, state.phaseIndex + 1)
}

export function previousPhase(state: TimerState, nowMs: number): TimerResult {
  const refused = refuseUnlessActive(state)
  if (refused) return refused
  if (state.phaseIndex <= 0) return refuse('no-previous-phase', 'This is the first phase.')
  return moveToPhase(state, nowMs, state.phaseIndex - 1)
}

export function extendPhase(state: TimerState, _nowMs: number, minutes: number): TimerResult {
  const refused = refuseUnlessActive(state)
  if (refused) return refused
  if (!(EXTENSION_MINUTES as readonly number[]).includes(minutes)) {
    return refuse('invalid-extension', `A phase can be extended by ${EXTENSION_MINUTES.join(', ')} minutes.`)
  }
  const progress = state.progress.map((entry, index) =>
    index === state.phaseIndex ? { ...entry, extensionMs: entry.extensionMs + minutes * MINUTE_MS } : entry,
  )
  return accept(state, { progress })
}

/** Ends the timer from any status but ended; the time of the phase in progress is banked first. */
export function endTimer(state: TimerState, nowMs: number): TimerResult {
  if (state.status === 'ended') return refuse('ended', 'The interview has already ended.')
  return accept(state, {
    progress: bankCurrentVisit(state, nowMs),
    status: 'ended',
    phaseStartedAt: null,
    pausedAt: null,
    pausedMsInPhase: 0,
    endedAt: nowMs,
  })
}

export function applyTransition(state: TimerState, transition: TimerTransition, nowMs: number): TimerResult {
  switch (transition.type) {
    case 'start':
      return startTimer(state, nowMs)
    case 'pause':
      return pauseTimer(state, nowMs)
    case 'resume':
      return resumeTimer(state, nowMs)
    case 'next':
      return nextPhase(state, nowMs)
    case 'previous':
      return previousPhase(state, nowMs)
    case 'extend':
      return extendPhase(state, nowMs, transition.minutes)
    case 'end':
      return endTimer(state, nowMs)
  }
}

export interface TimerView {
  status: TimerStatus
  phaseIndex: number
  phase: TimerPhase
  /** Planned time plus extensions. */
  budgetMs: number
  elapsedMs: number
  /** Negative once the phase runs over. */
  remainingMs: number
  isOverrun: boolean
  /** Soft warning near the end of a running or paused phase (see `warningThresholdMs`). */
  isWarning: boolean
  /** Active time over every phase so far. */
  totalElapsedMs: number
  totalPlannedMs: number
}

const WARNING_FRACTION = 0.2
const WARNING_MAX_MS = 2 * MINUTE_MS

/**
 * The last 20 % of a phase, capped at two minutes: one minute of a 5-minute clarify phase, two of
 * a 15-minute deep dive (three would nag for a fifth of the phase), and scaled down for short phases.
 */
export function warningThresholdMs(budgetMs: number): number {
  return Math.min(budgetMs * WARNING_FRACTION, WARNING_MAX_MS)
}

export function timerView(state: TimerState, nowMs: number): TimerView {
  const phaseIndex = Math.min(Math.max(state.phaseIndex, 0), state.phases.length - 1)
  const phase = state.phases[phaseIndex] as TimerPhase
  const budgetMs = phase.plannedMs + progressAt(state, phaseIndex).extensionMs
  const elapsedMs = phaseElapsedMs(state, nowMs)
  const remainingMs = budgetMs - elapsedMs
  const isOverrun = remainingMs < 0
  const isActive = state.status === 'running' || state.status === 'paused'
  const bankedMs = state.progress.reduce((sum, progress) => sum + progress.spentMs, 0)
  return {
    status: state.status,
    phaseIndex,
    phase,
    budgetMs,
    elapsedMs,
    remainingMs,
    isOverrun,
    isWarning: isActive && !isOverrun && remainingMs <= warningThresholdMs(budgetMs),
    totalElapsedMs: bankedMs + currentVisitMs(state, nowMs),
    totalPlannedMs: state.phases.reduce((sum, entry) => sum + entry.plannedMs, 0),
  }
}

export interface PhaseActual {
  phaseId: string
  label: string
  plannedMs: number
  extensionMs: number
  /** Active time actually spent in the phase (0 for a phase never reached). */
  actualMs: number
}

/** Planned versus actual time per phase; after `endTimer` it is the session's final record. */
export function phaseActuals(state: TimerState, nowMs: number): PhaseActual[] {
  return state.phases.map((phase, index) => {
    const progress = progressAt(state, index)
    return {
      phaseId: phase.id,
      label: phase.label,
      plannedMs: phase.plannedMs,
      extensionMs: progress.extensionMs,
      actualMs: index === state.phaseIndex ? phaseElapsedMs(state, nowMs) : progress.spentMs,
    }
  })
}
