import { describe, expect, it } from 'vitest'
import {
  DEFAULT_PHASES,
  applyTransition,
  createTimer,
  endTimer,
  extendPhase,
  nextPhase,
  pauseTimer,
  phaseActuals,
  previousPhase,
  resumeTimer,
  startTimer,
  timerView,
  type TimerPhase,
  type TimerResult,
  type TimerState,
  type TimerTransition,
} from '../../../shared/timer.ts'

const SECOND = 1000
const MINUTE = 60 * SECOND
const T0 = 1_800_000_000_000

const PHASES: TimerPhase[] = [
  { id: 'clarify', label: 'Clarify', plannedMs: 5 * MINUTE },
  { id: 'design', label: 'Design', plannedMs: 15 * MINUTE },
  { id: 'scale', label: 'Scale', plannedMs: 10 * MINUTE },
]

function ok(result: TimerResult): TimerState {
  if (!result.ok) throw new Error(`expected the transition to be accepted, got ${result.error.code}`)
  return result.state
}

/** Runs a script of [minutes after T0, transition] steps; every step must be accepted. */
function run(steps: [number, TimerTransition][], state = createTimer(PHASES)): TimerState {
  return steps.reduce((current, [atMinutes, transition]) => ok(applyTransition(current, transition, T0 + atMinutes * MINUTE)), state)
}

const errorCode = (result: TimerResult) => (result.ok ? 'accepted' : result.error.code)

describe('timer transitions', () => {
  it('a new timer is not started, shows the first phase with its whole budget and refuses everything but start and end', () => {
    const timer = createTimer(PHASES)
    expect(timerView(timer, T0 + 10 * MINUTE)).toMatchObject({
      status: 'not-started',
      phaseIndex: 0,
      elapsedMs: 0,
      remainingMs: 5 * MINUTE,
      isOverrun: false,
      isWarning: false,
    })
    for (const transition of ['pause', 'resume', 'next', 'previous'] as const) {
      expect(errorCode(applyTransition(timer, { type: transition }, T0))).toBe('not-started')
    }
    expect(errorCode(extendPhase(timer, T0, 1))).toBe('not-started')
  })

  it('start runs the first phase from the server time given', () => {
    const timer = ok(startTimer(createTimer(PHASES), T0))
    expect(timer).toMatchObject({ status: 'running', phaseIndex: 0, phaseStartedAt: T0, startedAt: T0, revision: 1 })
    expect(timerView(timer, T0 + 90 * SECOND)).toMatchObject({ elapsedMs: 90 * SECOND, remainingMs: 210 * SECOND })
    expect(errorCode(startTimer(timer, T0 + SECOND))).toBe('already-started')
  })

  it('pause freezes the clock and resume continues from the same elapsed time', () => {
    const paused = run([
      [0, { type: 'start' }],
      [2, { type: 'pause' }],
    ])
    expect(timerView(paused, T0 + 30 * MINUTE).elapsedMs).toBe(2 * MINUTE)
    expect(errorCode(pauseTimer(paused, T0 + 3 * MINUTE))).toBe('not-running')
    const resumed = ok(resumeTimer(paused, T0 + 10 * MINUTE))
    expect(timerView(resumed, T0 + 11 * MINUTE).elapsedMs).toBe(3 * MINUTE)
    expect(errorCode(resumeTimer(resumed, T0 + 12 * MINUTE))).toBe('not-paused')
  })

  it('several pauses in one phase add up', () => {
    const timer = run([
      [0, { type: 'start' }],
      [1, { type: 'pause' }],
      [4, { type: 'resume' }],
      [5, { type: 'pause' }],
      [7, { type: 'resume' }],
    ])
    expect(timer.pausedMsInPhase).toBe(5 * MINUTE)
    expect(timerView(timer, T0 + 8 * MINUTE).elapsedMs).toBe(3 * MINUTE)
  })

  it('next starts the following phase with a fresh budget and records the time spent in the one left', () => {
    const timer = run([
      [0, { type: 'start' }],
      [6, { type: 'next' }],
    ])
    expect(timerView(timer, T0 + 7 * MINUTE)).toMatchObject({ phaseIndex: 1, elapsedMs: MINUTE, remainingMs: 14 * MINUTE, totalElapsedMs: 7 * MINUTE })
    expect(timer.progress[0]).toEqual({ spentMs: 6 * MINUTE, extensionMs: 0 })
  })

  it('next is refused on the last phase and previous on the first', () => {
    const first = run([[0, { type: 'start' }]])
    expect(errorCode(previousPhase(first, T0 + MINUTE))).toBe('no-previous-phase')
    const last = run(
      [
        [1, { type: 'next' }],
        [2, { type: 'next' }],
      ],
      first,
    )
    expect(last.phaseIndex).toBe(2)
    expect(errorCode(nextPhase(last, T0 + 3 * MINUTE))).toBe('no-next-phase')
  })

  it('previous returns to a phase where its clock left off, keeping its extension', () => {
    const timer = run([
      [0, { type: 'start' }],
      [1, { type: 'extend', minutes: 2 }],
      [3, { type: 'next' }],
      [4, { type: 'previous' }],
    ])
    expect(timerView(timer, T0 + 5 * MINUTE)).toMatchObject({ phaseIndex: 0, elapsedMs: 4 * MINUTE, budgetMs: 7 * MINUTE, remainingMs: 3 * MINUTE })
    expect(timer.progress[1]).toEqual({ spentMs: MINUTE, extensionMs: 0 })
  })

  it('moving between phases while paused keeps the timer paused with the new phase at zero', () => {
    const timer = run([
      [0, { type: 'start' }],
      [2, { type: 'pause' }],
      [9, { type: 'next' }],
    ])
    expect(timer.status).toBe('paused')
    expect(timerView(timer, T0 + 20 * MINUTE)).toMatchObject({ phaseIndex: 1, elapsedMs: 0 })
    const resumed = ok(resumeTimer(timer, T0 + 30 * MINUTE))
    expect(timerView(resumed, T0 + 31 * MINUTE).elapsedMs).toBe(MINUTE)
    expect(resumed.progress[0]?.spentMs).toBe(2 * MINUTE)
  })

  it('extend adds 1, 2 or 5 minutes to the current phase, while running or paused, and refuses other amounts', () => {
    const timer = run([
      [0, { type: 'start' }],
      [1, { type: 'extend', minutes: 1 }],
      [1, { type: 'extend', minutes: 5 }],
      [2, { type: 'pause' }],
      [2, { type: 'extend', minutes: 2 }],
    ])
    expect(timerView(timer, T0 + 3 * MINUTE)).toMatchObject({ budgetMs: 13 * MINUTE, remainingMs: 11 * MINUTE })
    expect(errorCode(extendPhase(timer, T0, 3))).toBe('invalid-extension')
  })

  it('end banks the phase in progress, stops the clock and refuses every later transition', () => {
    const ended = run([
      [0, { type: 'start' }],
      [6, { type: 'next' }],
      [10, { type: 'end' }],
    ])
    expect(ended).toMatchObject({ status: 'ended', endedAt: T0 + 10 * MINUTE, phaseStartedAt: null })
    expect(timerView(ended, T0 + 60 * MINUTE)).toMatchObject({ phaseIndex: 1, elapsedMs: 4 * MINUTE, totalElapsedMs: 10 * MINUTE, isWarning: false })
    for (const transition of ['start', 'pause', 'resume', 'next', 'previous', 'end'] as const) {
      expect(errorCode(applyTransition(ended, { type: transition }, T0 + 11 * MINUTE))).toBe('ended')
    }
  })

  it('end while paused does not count the pause as phase time', () => {
    const ended = ok(
      endTimer(
        run([
          [0, { type: 'start' }],
          [3, { type: 'pause' }],
        ]),
        T0 + 20 * MINUTE,
      ),
    )
    expect(ended.progress[0]?.spentMs).toBe(3 * MINUTE)
  })

  it('every accepted transition bumps the revision; a refused one returns no state', () => {
    const timer = run([
      [0, { type: 'start' }],
      [1, { type: 'pause' }],
      [2, { type: 'resume' }],
      [3, { type: 'next' }],
    ])
    expect(timer.revision).toBe(4)
    expect(pauseTimer(createTimer(PHASES), T0)).toEqual({ ok: false, error: { code: 'not-started', message: expect.any(String) } })
  })

  it('transitions never mutate the state they are given', () => {
    const timer = run([[0, { type: 'start' }]])
    const snapshot = structuredClone(timer)
    nextPhase(timer, T0 + MINUTE)
    extendPhase(timer, T0 + MINUTE, 5)
    endTimer(timer, T0 + MINUTE)
    expect(timer).toEqual(snapshot)
  })
})

describe('timer view', () => {
  it('past zero the remaining time goes negative and the phase is marked overrun, not warning', () => {
    const timer = run([[0, { type: 'start' }]])
    expect(timerView(timer, T0 + 5 * MINUTE)).toMatchObject({ remainingMs: 0, isOverrun: false })
    expect(timerView(timer, T0 + 6 * MINUTE + 30 * SECOND)).toMatchObject({ remainingMs: -90 * SECOND, isOverrun: true, isWarning: false })
  })

  it('an extension pulls an overrunning phase back under its budget', () => {
    const timer = run([
      [0, { type: 'start' }],
      [6, { type: 'extend', minutes: 5 }],
    ])
    expect(timerView(timer, T0 + 6 * MINUTE)).toMatchObject({ remainingMs: 4 * MINUTE, isOverrun: false })
  })

  it('pausing across a phase end freezes the overrun until resume', () => {
    const paused = run([
      [0, { type: 'start' }],
      [4, { type: 'pause' }],
    ])
    expect(timerView(paused, T0 + 30 * MINUTE)).toMatchObject({ remainingMs: MINUTE, isOverrun: false })
    const overrunPaused = run([
      [0, { type: 'start' }],
      [7, { type: 'pause' }],
    ])
    expect(timerView(overrunPaused, T0 + 8 * MINUTE).remainingMs).toBe(-2 * MINUTE)
    expect(timerView(overrunPaused, T0 + 50 * MINUTE).remainingMs).toBe(-2 * MINUTE)
    const resumed = ok(resumeTimer(overrunPaused, T0 + 50 * MINUTE))
    expect(timerView(resumed, T0 + 51 * MINUTE)).toMatchObject({ remainingMs: -3 * MINUTE, isOverrun: true })
  })

  it('the soft warning covers the last 20 % of a short phase and the last two minutes of a long one', () => {
    const clarify = run([[0, { type: 'start' }]])
    expect(timerView(clarify, T0 + 3 * MINUTE + 59 * SECOND).isWarning).toBe(false)
    expect(timerView(clarify, T0 + 4 * MINUTE).isWarning).toBe(true)
    const design = run([[5, { type: 'next' }]], clarify)
    expect(timerView(design, T0 + 17 * MINUTE + 59 * SECOND).isWarning).toBe(false)
    expect(timerView(design, T0 + 18 * MINUTE).isWarning).toBe(true)
  })

  it('a server clock stepping back before the phase start shows zero elapsed, never negative', () => {
    const timer = run([[10, { type: 'start' }]])
    expect(timerView(timer, T0).elapsedMs).toBe(0)
  })

  it('the default plan is the standard 45 minutes', () => {
    expect(DEFAULT_PHASES.map((phase) => phase.plannedMs / MINUTE)).toEqual([5, 15, 15, 10])
    expect(timerView(createTimer(DEFAULT_PHASES), T0).totalPlannedMs).toBe(45 * MINUTE)
  })

  it('a plan without phases or with a zero-length phase is refused', () => {
    expect(() => createTimer([])).toThrow()
    expect(() => createTimer([{ id: 'x', label: 'X', plannedMs: 0 }])).toThrow()
  })
})

describe('actual versus planned time', () => {
  it('records the active time of every phase, across revisits and without pauses, and zero for phases never reached', () => {
    const ended = run([
      [0, { type: 'start' }],
      [6, { type: 'next' }],
      [8, { type: 'pause' }],
      [12, { type: 'resume' }],
      [13, { type: 'previous' }],
      [14, { type: 'extend', minutes: 1 }],
      [15, { type: 'next' }],
      [20, { type: 'end' }],
    ])
    expect(phaseActuals(ended, T0 + 99 * MINUTE)).toEqual([
      { phaseId: 'clarify', label: 'Clarify', plannedMs: 5 * MINUTE, extensionMs: MINUTE, actualMs: 8 * MINUTE },
      { phaseId: 'design', label: 'Design', plannedMs: 15 * MINUTE, extensionMs: 0, actualMs: 8 * MINUTE },
      { phaseId: 'scale', label: 'Scale', plannedMs: 10 * MINUTE, extensionMs: 0, actualMs: 0 },
    ])
  })
})
