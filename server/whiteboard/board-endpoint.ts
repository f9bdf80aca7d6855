import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { RoomIdSchema, InviteTokenSchema } from '../../shared/api.ts'
import { BOARD_SOCKET_PATH, MAX_BOARD_FRAME_BYTES } from '../../shared/board.ts'
import { BoardCloseCode } from '../../shared/errors.ts'
import { can, ROLE_LABELS, type Role } from '../../shared/roles.ts'
import type { Logger } from '../log.ts'
import type { OriginPolicy } from '../origins.ts'
import type { BoardIdentity } from './board-awareness-guard.ts'
import { BoardConnection, type BoardConnectionLimits } from './board-connection.ts'
import type { BoardRooms } from './board-rooms.ts'

const HEARTBEAT_INTERVAL_MS = 30_000

export interface BoardEndpointDeps {
  rooms: BoardRooms
  origins: () => OriginPolicy
  /** Resolves an invite token to its room and role; undefined for an unknown token. */
  findInvite: (token: string) => { roomId: string; role: Role } | undefined
  /** Whether this room's board accepts edits from anyone now (false once the interview has ended). */
  isBoardWritable?: (roomId: string) => boolean
  /**
   * Who holds an invite of this role in this room, for the names on cursors. An invite names a
   * role, not a person, so this is the participant of that role seen last; without one, the role.
   */
  identify?: (roomId: string, role: Role) => Omit<BoardIdentity, 'role'> | undefined
  limits: BoardConnectionLimits
  log: Logger
}

/**
 * The y-websocket endpoint at `/yjs/<roomId>?token=…`. Everything is decided at the upgrade,
 * before a WebSocket exists: Origin, token, and that the token belongs to the room in the path.
 * The role comes from the token, never from the URL.
 */
export class BoardEndpoint {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BOARD_FRAME_BYTES })
  private readonly deps: BoardEndpointDeps
  private readonly log: Logger
  private readonly alive = new WeakSet<WebSocket>()
  private readonly heartbeat: NodeJS.Timeout

  constructor(deps: BoardEndpointDeps) {
    this.deps = deps
    this.log = deps.log
    this.heartbeat = setInterval(() => this.pingAll(), HEARTBEAT_INTERVAL_MS)
    this.heartbeat.unref()
  }

  handles(request: IncomingMessage): boolean {
    return (request.url ?? '').startsWith(`${BOARD_SOCKET_PATH}/`)
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://internal')
    const roomId = RoomIdSchema.safeParse(decodeURIComponent(url.pathname.slice(BOARD_SOCKET_PATH.length + 1)))
    const token = InviteTokenSchema.safeParse(url.searchParams.get('token'))
    const origin = request.headers.origin

    if (!this.deps.origins().isAllowed(origin)) return this.refuse(socket, 403, 'origin not allowed', { origin })
    if (!roomId.success) return this.refuse(socket, 404, 'bad room id')
    if (!token.success) return this.refuse(socket, 401, 'missing or malformed token', { roomId: roomId.data })
    const invite = this.deps.findInvite(token.data)
    if (!invite) return this.refuse(socket, 401, 'unknown token', { roomId: roomId.data })
    if (invite.roomId !== roomId.data) return this.refuse(socket, 403, 'token is for another room', { roomId: roomId.data })

    this.wss.handleUpgrade(request, socket, head, (ws) => this.handleConnection(ws, invite.roomId, invite.role))
  }

  close(): void {
    clearInterval(this.heartbeat)
    for (const ws of this.wss.clients) ws.close(BoardCloseCode.SERVER_SHUTDOWN, 'server shutting down')
    this.wss.close()
  }

  private handleConnection(ws: WebSocket, roomId: string, role: Role): void {
    const log = this.log.child({ roomId })
    const canWrite = can(role, 'board:edit') && (this.deps.isBoardWritable?.(roomId) ?? true)
    const identity: BoardIdentity = { participantId: role, name: ROLE_LABELS[role], ...this.deps.identify?.(roomId, role), role }
    const connection = new BoardConnection(ws, identity, canWrite, log, this.deps.limits)
    // Frames that arrive while the room loads are queued, then handled in order after the first sync.
    const queued: Uint8Array[] = []
    let ready = false
    this.alive.add(ws)

    ws.on('pong', () => this.alive.add(ws))
    ws.on('message', (data: Buffer) => {
      const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      if (ready) connection.handleFrame(frame)
      else queued.push(frame)
    })
    ws.on('error', (error) => log.warn({ err: error.message }, 'board socket error'))

    const joined = this.deps.rooms.join(roomId, connection)
    ws.on('close', (code) => {
      connection.detach()
      log.info({ role, code }, 'board socket closed')
      joined.then((room) => this.deps.rooms.leave(room, connection)).catch(() => undefined)
    })
    joined.then(
      (room) => {
        connection.attach(room)
        ready = true
        for (const frame of queued.splice(0)) if (!connection.handleFrame(frame)) break
        log.info({ role, canWrite }, 'board socket joined')
      },
      (error: unknown) => {
        log.error({ err: error }, 'board load failed')
        ws.close(1011, 'board unavailable')
      },
    )
  }

  private refuse(socket: Duplex, status: 401 | 403 | 404, reason: string, fields: Record<string, unknown> = {}): void {
    this.log.warn({ ...fields, status, reason }, 'board upgrade refused')
    const text = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found'
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  }

  private pingAll(): void {
    for (const ws of this.wss.clients) {
      // A socket that did not answer the previous ping is dead (laptop lid closed, network gone).
      if (!this.alive.has(ws)) {
        ws.terminate()
        continue
      }
      this.alive.delete(ws)
      ws.ping()
    }
  }
}
