import type * as z from 'zod/mini'
import type { ErrorCode } from './errors.ts'
import { PresenceClientEvents, type PresenceServerEvents } from './presence-events.ts'
import { NotesClientEvents, type NotesServerEvents } from './notes-events.ts'
import { ChatClientEvents, type ChatServerEvents } from './chat-events.ts'
import { TimerClientEvents, type TimerServerEvents } from './timer-events.ts'
import { InterviewClientEvents, type InterviewServerEvents } from './interview-events.ts'
import type { BoardServerEvents } from './board-events.ts'

/**
 * The Socket.IO protocol, assembled from one declaration file per feature (`shared/*-events.ts`).
 * Each feature exports `<Feature>ClientEvents` (event name → zod payload schema; the server
 * validates every inbound payload with it) and `<Feature>ServerEvents` (what the server emits).
 */
export const ClientEventSchemas = {
  ...PresenceClientEvents,
  ...NotesClientEvents,
  ...ChatClientEvents,
  ...TimerClientEvents,
  ...InterviewClientEvents,
} as const

export type ClientEventName = keyof typeof ClientEventSchemas
export type ClientEventPayload<E extends ClientEventName> = z.infer<(typeof ClientEventSchemas)[E]>

export type AckError = { ok: false; error: { code: ErrorCode; message: string } }
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError
export type AckCallback<T extends object = Record<string, unknown>> = (ack: Ack<T>) => void

export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientEventPayload<E>, ack: AckCallback) => void
}

export interface ServerToClientEvents extends PresenceServerEvents, NotesServerEvents, ChatServerEvents, TimerServerEvents, InterviewServerEvents {}
// The board's notices (its document syncs over its own WebSocket); a second declaration merges into the one above.
export interface ServerToClientEvents extends BoardServerEvents {}

/** Largest inbound event payload (bytes of JSON); bigger ones get a PAYLOAD_TOO_LARGE ack. */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024

export { HandshakeAuthSchema, HandshakeQuerySchema, type HandshakeAuth, type Participant } from './presence-events.ts'
