import type { Db } from '../db/connection.ts'
import type { Logger } from '../log.ts'
import { roomChannel } from '../realtime/channels.ts'
import type { RoomServer, RoomSocket } from '../realtime/socket-server.ts'
import { handleTimerConnection } from './timer-handlers.ts'
import { TimerService } from './timer-service.ts'

export { TimerService } from './timer-service.ts'
export type { TimerEndResult, TimerServiceResult, TimerServiceErrorCode } from './timer-service.ts'

export interface TimerFeature {
  service: TimerService
  handleConnection(socket: RoomSocket): void
}

/** The phase timer: its service (for other features) and its per-socket handlers. The only public door of server/timer/. */
export function createTimerFeature(deps: { db: Db; io: RoomServer; log: Logger }): TimerFeature {
  const log = deps.log.child({ feature: 'timer' })
  const service = new TimerService({
    db: deps.db,
    log,
    // The timer state holds nothing private, so the whole room gets it.
    publish: (roomId, state) => deps.io.to(roomChannel(roomId)).emit('timer:state', { state, serverNow: Date.now() }),
  })
  return {
    service,
    handleConnection: (socket) => handleTimerConnection(socket, { service, log }),
  }
}
