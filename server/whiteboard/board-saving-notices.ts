import type { BoardSavingNotice } from '../../shared/board-events.ts'
import type { Logger } from '../log.ts'
import { roomChannel } from '../realtime/channels.ts'
import type { RoomServer, RoomSocket } from '../realtime/socket-server.ts'
import type { BoardRooms } from './board-rooms.ts'

/**
 * Tells the people in a room when its board stops (and starts again) reaching the database, over
 * the room's Socket.IO channel: the board WebSocket speaks only the y-websocket protocol. A socket
 * that connects while saving is paused gets the notice at once.
 */
export class BoardSavingNotices {
  private readonly io: () => RoomServer
  private readonly boards: () => BoardRooms
  private readonly log: Logger

  /** Getters, because the registry and the Socket.IO server are built from each other's callbacks. */
  constructor(deps: { io: () => RoomServer; boards: () => BoardRooms; log: Logger }) {
    this.io = deps.io
    this.boards = deps.boards
    this.log = deps.log
  }

  readonly publish = (roomId: string, notice: BoardSavingNotice): void => {
    this.io().to(roomChannel(roomId)).emit('board:saving', notice)
    this.log.info({ roomId, paused: notice.paused }, 'board saving notice sent')
  }

  handleConnection(socket: RoomSocket): void {
    const notice = this.boards().savingNotice(socket.data.roomId)
    if (notice) socket.emit('board:saving', notice)
  }
}
