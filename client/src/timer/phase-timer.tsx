import type { TimerState, TimerStatus, TimerView } from '../../../shared/timer.ts'
import { formatClock, formatMinutes, spokenDuration } from './format-clock.ts'
import { useTimerView, type Timer } from './use-timer.ts'
import './timer.css'

const STATUS_LABELS: Record<TimerStatus, string> = {
  'not-started': 'Not started',
  running: 'Running',
  paused: 'Paused',
  ended: 'Ended',
}

/** The timer everyone sees: the current phase, the time left (or over), and the plan. */
export function PhaseTimer({ timer }: { timer: Timer }) {
  return <PhaseTimerDisplay state={timer.state} view={useTimerView(timer)} />
}

/** The same timer for one instant: pure rendering, also used by tests and (later) replay. */
export function PhaseTimerDisplay({ state, view }: { state: TimerState | undefined; view: TimerView | undefined }) {
  if (!state || !view) {
    return (
      <section className="timer" aria-label="Phase timer">
        <p className="timer-empty">Waiting for the timer…</p>
      </section>
    )
  }
  const tone = view.isOverrun ? 'over' : view.isWarning ? 'warning' : 'normal'
  return (
    <section className={`timer timer-tone-${tone} timer-status-${view.status}`} aria-label="Phase timer">
      <div className="timer-head">
        <span className="timer-phase-name">{view.phase.label}</span>
        <span className="timer-status-label">{STATUS_LABELS[view.status]}</span>
      </div>
      {/* role="timer" is not announced on every tick; the polite region below speaks only when something changes. */}
      <div className="timer-clock" role="timer" aria-label={clockLabel(view)}>
        <span className="timer-digits">{formatClock(view.remainingMs)}</span>
        {view.isOverrun && <span className="timer-over-word">over</span>}
      </div>
      <p className="timer-visually-hidden" aria-live="polite">
        {announcement(view)}
      </p>
      <PhaseList state={state} currentIndex={view.phaseIndex} />
    </section>
  )
}

function PhaseList({ state, currentIndex }: { state: TimerState; currentIndex: number }) {
  return (
    <ol className="timer-phases" aria-label="Phases">
      {state.phases.map((phase, index) => {
        const progress = state.progress[index]
        const isCurrent = index === currentIndex && state.status !== 'not-started'
        const place = index < currentIndex ? 'done' : isCurrent ? 'current' : 'upcoming'
        const extension = progress?.extensionMs ? ` + ${formatMinutes(progress.extensionMs)}` : ''
        return (
          <li key={phase.id} className={`timer-phase timer-phase-${place}`} aria-current={isCurrent ? 'step' : undefined}>
            <span className="timer-phase-label">{phase.label}</span>
            <span className="timer-phase-plan">
              {formatMinutes(phase.plannedMs)}
              {extension}
              {!isCurrent && progress && progress.spentMs > 0 ? ` · took ${formatMinutes(progress.spentMs)}` : ''}
            </span>
          </li>
        )
      })}
    </ol>
  )
}

function clockLabel(view: TimerView): string {
  if (view.isOverrun) return `${view.phase.label}: ${spokenDuration(view.remainingMs)} over time`
  return `${view.phase.label}: ${spokenDuration(view.remainingMs)} left`
}

function announcement(view: TimerView): string {
  const label = view.phase.label
  if (view.status === 'not-started') return 'The interview has not started.'
  if (view.status === 'ended') return 'The interview has ended.'
  if (view.status === 'paused') return `${label} is paused.`
  if (view.isOverrun) return `${label} is over time.`
  if (view.isWarning) return `${label} is almost over.`
  return `${label} is in progress.`
}
