import type { Socket } from 'socket.io-client'
import type { Ack, ClientEventAck, ClientEventName, ClientEventPayload, ClientToServerEvents, ServerToClientEvents } from '../../../shared/events.ts'

/** The room socket, typed by the shared protocol. */
export type ProtocolSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/**
 * The one timeout policy of the room socket: long enough for a slow server, short enough that a
 * half-dead connection does not hold a button or the outbox. A caller whose answer loses its
 * value sooner (a clock ping) may pass a shorter one.
 */
export const REQUEST_TIMEOUT_MS = 10_000

/** Why no ack came: never sent (offline) or no answer in time. Either way the server may retry-safely be asked again. */
export type NoAnswer = { ok: false; error: { code: 'OFFLINE' | 'TIMEOUT'; message: string } }
export type RequestResult<E extends ClientEventName> = Ack<ClientEventAck<E>> | NoAnswer

/**
 * Sends one client event and resolves with its ack, typed by the event's declaration in shared/.
 * Never rejects. Never emits while disconnected: socket.io would buffer the event and send it
 * again by itself on reconnect, behind the caller's back.
 */
export async function request<E extends ClientEventName>(
  socket: ProtocolSocket,
  event: E,
  payload: ClientEventPayload<E>,
  { timeoutMs = REQUEST_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<RequestResult<E>> {
  if (!socket.connected) return { ok: false, error: { code: 'OFFLINE', message: 'Not connected: try again in a moment.' } }
  try {
    // socket.io cannot type emitWithAck for a generic event name; the declaration in shared/ is the contract.
    const emitter = socket.timeout(timeoutMs) as unknown as { emitWithAck(event: E, payload: ClientEventPayload<E>): Promise<Ack<ClientEventAck<E>>> }
    return await emitter.emitWithAck(event, payload)
  } catch {
    return { ok: false, error: { code: 'TIMEOUT', message: 'The server did not answer: check your connection and try again.' } }
  }
}
