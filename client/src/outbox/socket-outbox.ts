import { isClientEventName } from '../../../shared/events.ts'
import { ErrorCode } from '../../../shared/errors.ts'
import { request, REQUEST_TIMEOUT_MS, type ProtocolSocket } from '../realtime/request.ts'
import type { FlushResult, Outbox, Sender } from './outbox.ts'

export type { ProtocolSocket }
const RETRY_BASE_MS = 1_000
const RETRY_MAX_MS = 30_000

/** Only these may succeed if sent again; every other refusal would be refused again, so the entry is dropped. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([ErrorCode.INTERNAL, ErrorCode.RATE_LIMITED])

/**
 * Sends one queued entry through `request` and maps its ack onto the outbox's terms. Offline and
 * timed out are transient (the server may or may not have it; the resend is idempotent).
 */
export function socketSender(socket: ProtocolSocket, timeoutMs = REQUEST_TIMEOUT_MS): Sender {
  return async (event, payload) => {
    // A queued entry from an older client version may name an event this one no longer has.
    if (!isClientEventName(event)) return { ok: false, retry: false, code: ErrorCode.UNKNOWN_EVENT, message: `Unknown event ${event}.` }
    // The payload was checked against the same schema when it was queued; the entry carries it as stored JSON.
    const ack = await request(socket, event, payload as never, { timeoutMs })
    if (ack.ok) return { ok: true, ack }
    const transient = ack.error.code === 'OFFLINE' || ack.error.code === 'TIMEOUT' || TRANSIENT_CODES.has(ack.error.code)
    return { ok: false, retry: transient, code: ack.error.code, message: ack.error.message }
  }
}

export interface OutboxSync {
  /** Sends what is queued now (call after enqueue); retries with backoff while connected. */
  flush(): Promise<FlushResult>
  stop(): void
}

/** Flushes the outbox on every (re)connect, and after a transient failure, with backoff. */
export function syncOutbox(socket: ProtocolSocket, outbox: Outbox, timeoutMs = REQUEST_TIMEOUT_MS): OutboxSync {
  const send = socketSender(socket, timeoutMs)
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let failures = 0
  let stopped = false

  const flush = async (): Promise<FlushResult> => {
    const result = await outbox.flush(send)
    if (result === 'drained') failures = 0
    else if (!stopped && socket.connected && retryTimer === undefined) {
      const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** failures++)
      retryTimer = setTimeout(() => {
        retryTimer = undefined
        void flush()
      }, delay)
    }
    return result
  }
  const onConnect = () => {
    failures = 0
    void flush()
  }
  socket.on('connect', onConnect)
  // The socket may never have noticed a short network outage; the browser's "online" is the cue to retry now.
  globalThis.addEventListener?.('online', onConnect)
  if (socket.connected) void flush()
  return {
    flush,
    stop() {
      stopped = true
      socket.off('connect', onConnect)
      globalThis.removeEventListener?.('online', onConnect)
      if (retryTimer !== undefined) clearTimeout(retryTimer)
    },
  }
}
