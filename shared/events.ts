import type * as z from 'zod/mini'
import type { Ack, AckShape } from './protocol.ts'
import { PresenceClientEvents, type PresenceServerEvents } from './presence-events.ts'
import { NotesClientEvents, type NotesServerEvents } from './notes-events.ts'
import { ChatClientEvents, type ChatServerEvents } from './chat-events.ts'
import { TimerClientEvents, type TimerServerEvents } from './timer-events.ts'
import { InterviewClientEvents, type InterviewServerEvents } from './interview-events.ts'
import type { BoardServerEvents } from './board-events.ts'

/**
 * The Socket.IO protocol, assembled from one declaration file per feature (`shared/*-events.ts`).
 * Each feature exports `<Feature>ClientEvents` (event name → `clientEvent(payload schema, ack
 * shape)`; the server validates every inbound payload with the schema and its handler must return
 * the ack shape) and `<Feature>ServerEvents` (what the server emits).
 */
export const ClientEvents = {
  ...PresenceClientEvents,
  ...NotesClientEvents,
  ...ChatClientEvents,
  ...TimerClientEvents,
  ...InterviewClientEvents,
} as const

export type ClientEventName = keyof typeof ClientEvents
export type ClientEventPayload<E extends ClientEventName> = z.infer<(typeof ClientEvents)[E]['payload']>
/** What a successful ack of `E` carries besides `ok: true`. */
export type ClientEventAck<E extends ClientEventName> = (typeof ClientEvents)[E]['ack'] extends AckShape<infer A> ? A : never

export type { Ack, AckError } from './protocol.ts'
export type AckCallback<T extends object = object> = (ack: Ack<T>) => void

export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientEventPayload<E>, ack: AckCallback<ClientEventAck<E>>) => void
}

export function isClientEventName(event: string): event is ClientEventName {
  return Object.hasOwn(ClientEvents, event)
}

export interface ServerToClientEvents extends PresenceServerEvents, NotesServerEvents, ChatServerEvents, TimerServerEvents, InterviewServerEvents {}
// The board's notices (its document syncs over its own WebSocket); a second declaration merges into the one above.
export interface ServerToClientEvents extends BoardServerEvents {}

/** Largest inbound event payload (bytes of JSON); bigger ones get a PAYLOAD_TOO_LARGE ack. */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024

export { HandshakeAuthSchema, HandshakeQuerySchema, type HandshakeAuth, type Participant } from './presence-events.ts'
