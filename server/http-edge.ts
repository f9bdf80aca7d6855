import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { ErrorCode } from '../shared/errors.ts'
import type { HostPolicy } from './host-policy.ts'
import type { Logger } from './log.ts'

export interface EdgeDeps {
  hosts: () => HostPolicy
  log: Logger
}

type Refusal = { status: number; code: ErrorCode; message: string; reason: string }
export type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  421: 'Misdirected Request',
  500: 'Internal Server Error',
}

/**
 * What every request and upgrade passes before any feature sees it: a readable URL and a Host we
 * answer for. Whatever a listener throws is answered for that request alone; nothing escapes into
 * the process (one bad request must never take the server down).
 */
export function guardRequests(listener: RequestListener, deps: EdgeDeps): RequestListener {
  return (req, res) => {
    const refusal = checkRequest(req, deps.hosts())
    if (refusal) return refuseRequest(res, refusal, req, deps.log)
    try {
      listener(req, res)
    } catch (error) {
      deps.log.error({ err: error, method: req.method, path: safePath(req.url) }, 'request listener threw')
      refuseRequest(res, { status: 500, code: ErrorCode.INTERNAL, message: 'Something went wrong on the server.', reason: 'listener threw' }, req, deps.log)
    }
  }
}

export function guardUpgrades(listener: UpgradeListener, deps: EdgeDeps): UpgradeListener {
  return (req, socket, head) => {
    // Node removes its own error handler from an upgraded socket: without one, a reset peer crashes the process.
    socket.on('error', (error) => deps.log.debug({ err: error.message }, 'upgrade socket error'))
    const refusal = checkRequest(req, deps.hosts())
    if (refusal) return refuseUpgrade(socket, refusal, req, deps.log)
    try {
      listener(req, socket, head)
    } catch (error) {
      deps.log.error({ err: error, path: safePath(req.url) }, 'upgrade listener threw')
      refuseUpgrade(socket, { status: 500, code: ErrorCode.INTERNAL, message: 'Something went wrong on the server.', reason: 'listener threw' }, req, deps.log)
    }
  }
}

function checkRequest(req: IncomingMessage, hosts: HostPolicy): Refusal | undefined {
  if (!isDecodable(req.url ?? '/')) {
    return { status: 400, code: ErrorCode.MALFORMED_REQUEST, message: 'The address has malformed percent-encoding.', reason: 'malformed percent-encoding' }
  }
  if (!hosts.isAllowed(req.headers.host)) {
    return { status: 421, code: ErrorCode.HOST_NOT_ALLOWED, message: 'This server does not answer for that host name.', reason: 'host not allowed' }
  }
  return undefined
}

/** Every %XX sequence of the URL must decode (as UTF-8), or no later decodeURIComponent can be trusted not to throw. */
export function isDecodable(url: string): boolean {
  try {
    decodeURIComponent(url)
    return true
  } catch {
    return false
  }
}

function refuseRequest(res: ServerResponse, refusal: Refusal, req: IncomingMessage, log: Logger): void {
  log.warn(
    {
      method: req.method,
      path: safePath(req.url),
      host: String(req.headers.host).slice(0, 100),
      status: refusal.status,
      code: refusal.code,
      reason: refusal.reason,
    },
    'request refused at the edge',
  )
  if (res.headersSent) {
    res.destroy()
    return
  }
  const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } })
  res.writeHead(refusal.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
  })
  res.end(body)
}

function refuseUpgrade(socket: Duplex, refusal: Refusal, req: IncomingMessage, log: Logger): void {
  log.warn(
    { path: safePath(req.url), host: String(req.headers.host).slice(0, 100), status: refusal.status, code: refusal.code, reason: refusal.reason },
    'upgrade refused at the edge',
  )
  writeUpgradeRefusal(socket, refusal.status)
}

/** A plain HTTP answer on a socket that asked to upgrade, then closed. */
export function writeUpgradeRefusal(socket: Duplex, status: number): void {
  if (socket.destroyed) return
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

/** The path for a log line: never the query (it may carry a ticket), and never unbounded. */
function safePath(url: string | undefined): string {
  return (url ?? '').split('?')[0]!.slice(0, 200)
}
