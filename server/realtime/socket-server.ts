import type { Server as HttpServer } from 'node:http'
import { Server, type Socket } from 'socket.io'
import { ErrorCode } from '../../shared/errors.ts'
import {
  ClientEventSchemas,
  HandshakeAuthSchema,
  HandshakeQuerySchema,
  MAX_SOCKET_MESSAGE_BYTES,
  type Ack,
  type AckError,
  type ClientEventName,
  type ClientEventPayload,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../shared/events.ts'
import type { Role } from '../../shared/roles.ts'
import type { Db } from '../db/connection.ts'
import { AppError, describeZodError } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { OriginPolicy } from '../origins.ts'
import { findInvite } from '../rooms/room-store.ts'

export interface SocketData {
  roomId: string
  role: Role
  name: string
  clientKey: string
  participantId: string
}

export type RoomServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
export type RoomSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
export type EventName = ClientEventName

/** Socket.IO's own limit sits above ours so that an oversized event gets an error ack instead of a dropped connection. */
const TRANSPORT_MAX_BYTES = 1024 * 1024

export function createRoomServer(httpServer: HttpServer, deps: { db: Db; origins: () => OriginPolicy; log: Logger }): RoomServer {
  const io: RoomServer = new Server(httpServer, {
    // engine.io would otherwise destroy every upgrade it does not own after 1 s, including /yjs ones.
    destroyUpgrade: false,
    maxHttpBufferSize: TRANSPORT_MAX_BYTES,
    serveClient: false,
    // The `cors` option does not stop WebSocket connections; this check does, for every transport.
    allowRequest: (req, callback) => {
      const allowed = deps.origins().isAllowed(req.headers.origin)
      if (!allowed) deps.log.warn({ origin: req.headers.origin }, 'socket origin refused')
      callback(allowed ? null : 'origin not allowed', allowed)
    },
  })

  io.use((socket, next) => {
    const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth)
    const query = HandshakeQuerySchema.safeParse(socket.handshake.query)
    const invite = auth.success ? findInvite(deps.db, auth.data.token) : undefined
    if (!auth.success || !query.success || !invite || invite.roomId !== query.data.roomId) {
      deps.log.warn({ code: ErrorCode.UNAUTHORIZED, reason: auth.success ? 'bad token or room' : describeZodError(auth.error) }, 'socket handshake refused')
      const error = new Error('This invite link is not valid.') as Error & { data: unknown }
      error.data = { code: ErrorCode.UNAUTHORIZED }
      return next(error)
    }
    socket.data = { roomId: invite.roomId, role: invite.role, name: auth.data.name, clientKey: auth.data.clientKey, participantId: '' }
    next()
  })
  return io
}

export function errorAck(code: ErrorCode, message: string): AckError {
  return { ok: false, error: { code, message } }
}

/**
 * Registers one inbound event as a pipeline: size check, parse with its schema, run the handler,
 * reply. Every refusal is acked with a code and logged with why; the handler never sees bad input.
 */
export function onEvent<E extends EventName, R extends object>(
  socket: RoomSocket,
  log: Logger,
  event: E,
  handler: (payload: ClientEventPayload<E>) => R,
): void {
  const schema = ClientEventSchemas[event]
  const listener = (payload: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (answer: Ack<R>) => void) : () => undefined
    const refuse = (code: ErrorCode, message: string) => {
      log.warn({ event, code, role: socket.data.role, reason: message }, 'socket event refused')
      reply(errorAck(code, message))
    }
    if (JSON.stringify(payload ?? null).length > MAX_SOCKET_MESSAGE_BYTES) return refuse(ErrorCode.PAYLOAD_TOO_LARGE, `Events are limited to ${MAX_SOCKET_MESSAGE_BYTES} bytes.`)
    const parsed = schema.safeParse(payload)
    if (!parsed.success) return refuse(ErrorCode.INVALID_PAYLOAD, describeZodError(parsed.error))
    try {
      // TypeScript cannot narrow the union of schemas by the generic event name; the schema is the event's own.
      reply({ ok: true, ...handler(parsed.data as ClientEventPayload<E>) })
    } catch (error) {
      if (error instanceof AppError) return refuse(error.code, error.message)
      log.error({ err: error, event }, 'socket handler failed')
      reply(errorAck(ErrorCode.INTERNAL, 'Something went wrong on the server.'))
    }
  }
  socket.on(event, listener as never)
}

/** Answers events nobody registered with an error ack, so a typo or a forged event is visible. */
export function refuseUnknownEvents(socket: RoomSocket, log: Logger): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    if (event in ClientEventSchemas) return
    log.warn({ event: String(event).slice(0, 64), code: ErrorCode.UNKNOWN_EVENT }, 'socket event refused')
    const ack = args.at(-1)
    if (typeof ack === 'function') ack(errorAck(ErrorCode.UNKNOWN_EVENT, 'Unknown event.'))
  })
}
