import { useState } from 'react'
import type { TimerControlEvent } from '../../../shared/timer-events.ts'
import { EXTENSION_MINUTES, type ExtensionMinutes } from '../../../shared/timer.ts'
import { request } from '../realtime/request.ts'
import type { RoomSocket } from '../room/use-room-socket.ts'
import type { Timer } from './use-timer.ts'
import './timer.css'

interface TimerControlsProps {
  socket: RoomSocket | undefined
  timer: Timer
}

/** The interviewer's controls. The server refuses them for other roles anyway; this only hides them. */
export function TimerControls({ socket, timer }: TimerControlsProps) {
  const [pendingEvent, setPendingEvent] = useState<TimerControlEvent>()
  const [error, setError] = useState<string>()
  const { state } = timer
  const status = state?.status
  const isActive = status === 'running' || status === 'paused'
  const isBusy = !socket || !state || pendingEvent !== undefined
  const isFirst = (state?.phaseIndex ?? 0) <= 0
  const isLast = state ? state.phaseIndex >= state.phases.length - 1 : true

  const run = async <E extends TimerControlEvent>(event: E, payload: E extends 'timer:extend' ? { minutes: ExtensionMinutes } : Record<string, never>) => {
    if (!socket) return
    setPendingEvent(event)
    setError(undefined)
    const ack = await request(socket, event, payload as never)
    setPendingEvent(undefined)
    if (!ack.ok) setError(ack.error.message)
  }
  const send = (event: Exclude<TimerControlEvent, 'timer:extend'>) => void run(event, {})
  const extend = (minutes: ExtensionMinutes) => void run('timer:extend', { minutes })

  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would need a legend and its default frame; role="group" with a label is the same to a screen reader.
    <div className="timer-controls" role="group" aria-label="Timer controls">
      {isActive && (
        <button type="button" disabled={isBusy} onClick={() => send(status === 'running' ? 'timer:pause' : 'timer:resume')}>
          {status === 'running' ? 'Pause' : 'Resume'}
        </button>
      )}
      <button type="button" disabled={isBusy || !isActive || isFirst} onClick={() => send('timer:previous')}>
        Previous phase
      </button>
      <button
        type="button"
        disabled={isBusy || !isActive || isLast}
        title={isLast && isActive ? 'This is the last phase: end the interview when you are done.' : undefined}
        onClick={() => send('timer:next')}
      >
        Next phase
      </button>
      {/* biome-ignore lint/a11y/useSemanticElements: as above, a labelled group of three buttons inside the controls row. */}
      <span className="timer-extend" role="group" aria-label="Extend the current phase">
        {EXTENSION_MINUTES.map((minutes) => (
          <button
            key={minutes}
            type="button"
            disabled={isBusy || !isActive}
            aria-label={`Extend the current phase by ${minutes} minute${minutes === 1 ? '' : 's'}`}
            onClick={() => extend(minutes)}
          >
            +{minutes} min
          </button>
        ))}
      </span>
      {status === 'ended' && <p className="timer-controls-note">The interview has ended.</p>}
      {error && (
        <p className="timer-controls-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
