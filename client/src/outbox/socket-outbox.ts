import type { Socket } from 'socket.io-client'
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../../shared/events.ts'
import { ErrorCode } from '../../../shared/errors.ts'
import type { FlushResult, Outbox, Sender } from './outbox.ts'

/** The room socket, typed by the shared protocol (the same type as the room page's socket). */
export type ProtocolSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/** Long enough for a slow server, short enough that a half-dead connection does not hold the queue. */
export const ACK_TIMEOUT_MS = 10_000
const RETRY_BASE_MS = 1_000
const RETRY_MAX_MS = 30_000

/** Only these may succeed if sent again; every other refusal would be refused again, so the entry is dropped. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([ErrorCode.INTERNAL, ErrorCode.RATE_LIMITED])

/** Sends one event and waits for its ack. Never emits while disconnected: socket.io would buffer it and send it again itself. */
export function socketSender(socket: ProtocolSocket, timeoutMs = ACK_TIMEOUT_MS): Sender {
  return async (event, payload) => {
    if (!socket.connected) return { ok: false, retry: true, code: 'OFFLINE', message: 'Not connected.' }
    try {
      // The event name comes from a queued entry, so the protocol's per-event typing cannot apply here.
      const emitter = socket.timeout(timeoutMs) as unknown as { emitWithAck(event: string, payload: unknown): Promise<Ack> }
      const ack = await emitter.emitWithAck(event, payload)
      if (ack.ok) return { ok: true, ack }
      return { ok: false, retry: TRANSIENT_CODES.has(ack.error.code), code: ack.error.code, message: ack.error.message }
    } catch {
      // Timed out, or disconnected while waiting: the server may or may not have it; the resend is idempotent.
      return { ok: false, retry: true, code: 'TIMEOUT', message: 'No answer from the server.' }
    }
  }
}

export interface OutboxSync {
  /** Sends what is queued now (call after enqueue); retries with backoff while connected. */
  flush(): Promise<FlushResult>
  stop(): void
}

/** Flushes the outbox on every (re)connect, and after a transient failure, with backoff. */
export function syncOutbox(socket: ProtocolSocket, outbox: Outbox, timeoutMs = ACK_TIMEOUT_MS): OutboxSync {
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
