import type { Server as HttpServer } from 'node:http'
import { Server, type Socket } from 'socket.io'
import { VisitorSchema } from '../../shared/api.ts'
import { ErrorCode } from '../../shared/errors.ts'
import {
  ClientEvents,
  HandshakeQuerySchema,
  isClientEventName,
  MAX_SOCKET_MESSAGE_BYTES,
  type Ack,
  type AckError,
  type ClientEventAck,
  type ClientEventName,
  type ClientEventPayload,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../shared/events.ts'
import type { Role } from '../../shared/roles.ts'
import { AppError, describeZodError, rateLimited } from '../errors.ts'
import type { HostPolicy } from '../host-policy.ts'
import { isDecodable } from '../http-edge.ts'
import type { Logger } from '../log.ts'
import type { OriginPolicy } from '../origins.ts'
import type { CallerLimits, RateLimiter } from '../rate-limit.ts'
import type { IdentityDoor } from '../rooms/index.ts'

/** What the server knows of a room socket from its handshake on: every field is set before any handler runs. */
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

/** Which per-participant cap each event spends; events not listed are capped only by their role and schema. */
const EVENT_LIMITS: Partial<Record<ClientEventName, keyof CallerLimits>> = {
  'chat:send': 'chat',
  'participant:rename': 'rename',
  'chat:fetch': 'read',
  'notes:fetch': 'read',
}

/** onEvent finds the server's caps through its socket, so that features register events exactly as before. */
const limitsOf = new WeakMap<object, CallerLimits>()

export interface RoomServerDeps {
  door: IdentityDoor
  origins: () => OriginPolicy
  hosts: () => HostPolicy
  limits: CallerLimits
  log: Logger
}

export function createRoomServer(httpServer: HttpServer, deps: RoomServerDeps): RoomServer {
  const io: RoomServer = new Server(httpServer, {
    // engine.io would otherwise destroy every upgrade it does not own after 1 s, including /yjs ones.
    destroyUpgrade: false,
    maxHttpBufferSize: TRANSPORT_MAX_BYTES,
    serveClient: false,
    // The `cors` option does not stop WebSocket connections; this check does, for every transport.
    // engine.io answers these requests itself, before the HTTP edge, so the Host check is here too.
    allowRequest: (req, callback) => {
      const hostAllowed = deps.hosts().isAllowed(req.headers.host) && isDecodable(req.url ?? '')
      const originAllowed = deps.origins().isAllowed(req.headers.origin)
      if (!hostAllowed) deps.log.warn({ host: String(req.headers.host).slice(0, 100) }, 'socket request refused: host or malformed URL')
      else if (!originAllowed) deps.log.warn({ origin: req.headers.origin }, 'socket origin refused')
      callback(hostAllowed && originAllowed ? null : 'request not allowed', hostAllowed && originAllowed)
    },
  })
  limitsOf.set(io, deps.limits)
  io.use((socket, next) => {
    try {
      socket.data = admitSocket(deps.door, socket.handshake, socket.request)
      next()
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError(ErrorCode.INTERNAL, 500, 'Something went wrong on the server.')
      if (!(error instanceof AppError)) deps.log.error({ err: error }, 'socket handshake failed')
      else deps.log.warn({ code: appError.code, reason: appError.message }, 'socket handshake refused')
      next(Object.assign(new Error(appError.message), { data: { code: appError.code } }))
    }
  })
  return io
}

/** The handshake through the identity door: the invite token must be of the room asked for; the participant exists from here on. */
function admitSocket(door: IdentityDoor, handshake: { auth: Record<string, unknown>; query: unknown }, request: object): SocketData {
  const query = HandshakeQuerySchema.safeParse(handshake.query)
  const token = typeof handshake.auth.token === 'string' ? handshake.auth.token : ''
  const invited = door.authenticate({ kind: 'invite-token', token }, { roomId: query.success ? query.data.roomId : '' })
  // express-session ran on the engine's request (io.engine.use), so a signed-in member's session is on it.
  const guest = { ...invited, member: door.sessionMember(request) }
  const visitor = VisitorSchema.safeParse(handshake.auth)
  if (!visitor.success) throw new AppError(ErrorCode.INVALID_PAYLOAD, 400, describeZodError(visitor.error))
  const { participant } = door.admit(guest, visitor.data)
  return { roomId: guest.roomId, role: guest.role, name: participant.name, clientKey: visitor.data.clientKey, participantId: participant.participantId }
}

export function errorAck(code: ErrorCode, message: string): AckError {
  return { ok: false, error: { code, message } }
}

type Handler<E extends EventName> = (payload: ClientEventPayload<E>) => ClientEventAck<E> | Promise<ClientEventAck<E>>

/**
 * Registers one inbound event as a pipeline: size check, the participant's cap, parse with its
 * schema, run the handler (sync or async), reply. The ack is sent only once the handler is done;
 * a refusal or a failure becomes an error ack with a code and a log line, never an unhandled rejection.
 */
export function onEvent<E extends EventName>(socket: RoomSocket, log: Logger, event: E, handler: Handler<E>): void {
  const schema = ClientEvents[event].payload
  const limiter = limiterFor(socket, event)
  const listener = (payload: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (answer: Ack<ClientEventAck<E>>) => void) : () => undefined
    const refuse = (code: ErrorCode, message: string) => {
      log.warn({ event, code, role: socket.data.role, participantId: socket.data.participantId, reason: message }, 'socket event refused')
      reply(errorAck(code, message))
    }
    const succeed = (value: ClientEventAck<E>) => reply({ ok: true, ...value })
    const fail = (error: unknown) => {
      if (error instanceof AppError) return refuse(error.code, error.message)
      log.error({ err: error, event }, 'socket handler failed')
      reply(errorAck(ErrorCode.INTERNAL, 'Something went wrong on the server.'))
    }
    if (JSON.stringify(payload ?? null).length > MAX_SOCKET_MESSAGE_BYTES)
      return refuse(ErrorCode.PAYLOAD_TOO_LARGE, `Events are limited to ${MAX_SOCKET_MESSAGE_BYTES} bytes.`)
    if (limiter && !limiter.take(socket.data.participantId)) return fail(rateLimited(limiter.retryAfterSeconds(socket.data.participantId)))
    const parsed = schema.safeParse(payload)
    if (!parsed.success) return refuse(ErrorCode.INVALID_PAYLOAD, describeZodError(parsed.error))
    try {
      // TypeScript cannot narrow the union of schemas by the generic event name; the schema is the event's own.
      const result = handler(parsed.data as ClientEventPayload<E>)
      if (result instanceof Promise) result.then(succeed, fail)
      else succeed(result)
    } catch (error) {
      fail(error)
    }
  }
  socket.on(event, listener as never)
}

function limiterFor(socket: RoomSocket, event: EventName): RateLimiter | undefined {
  const kind = EVENT_LIMITS[event]
  // `nsp` is absent on the stand-in sockets of unit tests, which run without caps.
  const server = (socket as Partial<RoomSocket>).nsp?.server
  return kind && server ? limitsOf.get(server)?.[kind] : undefined
}

/** Answers events nobody registered with an error ack, so a typo or a forged event is visible. */
export function refuseUnknownEvents(socket: RoomSocket, log: Logger): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    if (isClientEventName(String(event))) return
    log.warn({ event: String(event).slice(0, 64), code: ErrorCode.UNKNOWN_EVENT }, 'socket event refused')
    const ack = args.at(-1)
    if (typeof ack === 'function') ack(errorAck(ErrorCode.UNKNOWN_EVENT, 'Unknown event.'))
  })
}
