import { ErrorCode } from '../../shared/errors.ts'
import { can } from '../../shared/roles.ts'
import type { TimerTransition } from '../../shared/timer.ts'
import { AppError, conflict, forbidden } from '../errors.ts'
import type { Logger } from '../log.ts'
import { onEvent, type RoomSocket } from '../realtime/socket-server.ts'
import type { TimerService, TimerServiceErrorCode } from './timer-service.ts'

export interface TimerHandlerDeps {
  service: TimerService
  log: Logger
}

/**
 * Wires one room socket: it gets the current state at once (a reconnect resumes where the timer
 * is), may ping the server clock, and, if its role may, drives the timer. Broadcasting the new
 * state is the service's job, so transitions made elsewhere (ending the interview) reach everyone too.
 */
export function handleTimerConnection(socket: RoomSocket, deps: TimerHandlerDeps): void {
  const { roomId } = socket.data
  const state = deps.service.get(roomId)
  if (state) socket.emit('timer:state', { state, serverNow: Date.now() })

  // Read the clock as late as possible: the time spent before this line is counted in the client's round trip.
  onEvent(socket, deps.log, 'clock:ping', () => ({ serverTime: Date.now() }))

  const control = (transition: TimerTransition) => {
    if (!can(socket.data.role, 'timer:control')) throw forbidden('Only the interviewer runs the timer.')
    const result = deps.service.apply(roomId, transition, Date.now(), socket.data.participantId)
    if (!result.ok) throw refusalFor(result.error.code, result.error.message)
    return { state: result.state }
  }
  onEvent(socket, deps.log, 'timer:pause', () => control({ type: 'pause' }))
  onEvent(socket, deps.log, 'timer:resume', () => control({ type: 'resume' }))
  onEvent(socket, deps.log, 'timer:next', () => control({ type: 'next' }))
  onEvent(socket, deps.log, 'timer:previous', () => control({ type: 'previous' }))
  onEvent(socket, deps.log, 'timer:extend', ({ minutes }) => control({ type: 'extend', minutes }))
}

/** A transition that does not fit the timer's status is a conflict with the room's state, not bad input. */
function refusalFor(code: TimerServiceErrorCode, message: string): AppError {
  if (code === 'no-timer') return new AppError(ErrorCode.NOT_FOUND, 404, message)
  return conflict(message)
}
