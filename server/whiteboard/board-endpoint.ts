import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { RoomIdSchema } from '../../shared/api.ts'
import { BOARD_SOCKET_PATH, MAX_BOARD_FRAME_BYTES } from '../../shared/board.ts'
import { BoardCloseCode } from '../../shared/errors.ts'
import { can } from '../../shared/roles.ts'
import { AppError } from '../errors.ts'
import { writeUpgradeRefusal } from '../http-edge.ts'
import type { Logger } from '../log.ts'
import type { OriginPolicy } from '../origins.ts'
import type { IdentityDoor } from '../rooms/index.ts'
import { BoardConnection, type BoardConnectionLimits, type BoardIdentity } from './board-connection.ts'
import type { BoardRooms } from './board-rooms.ts'

const HEARTBEAT_INTERVAL_MS = 30_000

export interface BoardEndpointDeps {
  rooms: BoardRooms
  origins: () => OriginPolicy
  /** The identity door: the board ticket in the query resolves there to the room, role and participant. */
  door: IdentityDoor
  /** Whether this room's board accepts edits from anyone now (false once the interview has ended). */
  isBoardWritable?: (roomId: string) => boolean
  limits: BoardConnectionLimits
  log: Logger
}

/**
 * The y-websocket endpoint at `/yjs/<roomId>?ticket=…`. Everything is decided at the upgrade,
 * before a WebSocket exists: Origin, then the single-use board ticket (taken over REST with the
 * invite token, so the token itself never sits in a URL a proxy logs), which must belong to the
 * room in the path. Room, role and participant come from the ticket, never from the URL.
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
    const { roomId, ticket } = parseBoardUrl(request.url ?? '')
    const origin = request.headers.origin
    if (!this.deps.origins().isAllowed(origin)) {
      this.refuse(socket, 403, 'origin not allowed', { origin })
      return
    }
    if (roomId === undefined) {
      this.refuse(socket, 404, 'bad room id')
      return
    }
    let identity: BoardIdentity
    try {
      const caller = this.deps.door.authenticate({ kind: 'board-ticket', ticket: ticket ?? '' }, { roomId })
      // A ticket always names its participant (it was issued to one); the door logged any refusal.
      if (!caller.participant) throw new Error('board ticket without a participant')
      identity = { ...caller.participant, role: caller.role }
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      this.refuse(socket, 401, 'credential refused', { roomId })
      return
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.handleConnection(ws, roomId, identity))
  }

  close(): void {
    clearInterval(this.heartbeat)
    for (const ws of this.wss.clients) ws.close(BoardCloseCode.SERVER_SHUTDOWN, 'server shutting down')
    this.wss.close()
  }

  private handleConnection(ws: WebSocket, roomId: string, identity: BoardIdentity): void {
    const { role, participantId } = identity
    const log = this.log.child({ roomId, participantId })
    const canWrite = can(role, 'board:edit') && (this.deps.isBoardWritable?.(roomId) ?? true)
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
    writeUpgradeRefusal(socket, status)
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

/** `/yjs/<roomId>?ticket=…`, read without throwing: the edge has already refused undecodable URLs. */
function parseBoardUrl(url: string): { roomId: string | undefined; ticket: string | null } {
  const queryAt = url.indexOf('?')
  const path = queryAt === -1 ? url : url.slice(0, queryAt)
  const ticket = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1)).get('ticket')
  let segment: string
  try {
    segment = decodeURIComponent(path.slice(BOARD_SOCKET_PATH.length + 1))
  } catch {
    return { roomId: undefined, ticket }
  }
  const roomId = RoomIdSchema.safeParse(segment)
  return { roomId: roomId.success ? roomId.data : undefined, ticket }
}
