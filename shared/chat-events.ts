import * as z from 'zod/mini'
import { ackOf, clientEvent } from './protocol.ts'
import type { Role } from './roles.ts'
import { ClientIdSchema } from './notes-events.ts'

/** Chat is for short questions and answers; longer text belongs on the board. */
export const CHAT_MESSAGE_MAX_CHARS = 2_000
/** How many recent messages a socket receives on connect. */
export const CHAT_HISTORY_LIMIT = 200

/** The body is stored and delivered exactly as typed; clients render it as text, never as HTML. */
export const ChatSendSchema = z.strictObject({
  messageId: ClientIdSchema,
  body: z.string().check(
    z.maxLength(CHAT_MESSAGE_MAX_CHARS, `is longer than ${CHAT_MESSAGE_MAX_CHARS} characters`),
    z.refine((body) => body.trim().length > 0, 'cannot be empty'),
  ),
})
export type ChatSend = z.infer<typeof ChatSendSchema>

export interface ChatMessage {
  id: string
  authorId: string
  /** The author's display name when the message was sent. */
  authorName: string
  role: Role
  /** Server time (ms). */
  at: number
  body: string
}

/** The ack of chat:send carries the message as stored. */
export interface ChatSentAck {
  message: ChatMessage
}

export interface ChatFetchAck {
  messages: ChatMessage[]
}

export const ChatClientEvents = {
  'chat:send': clientEvent(ChatSendSchema, ackOf<ChatSentAck>()),
  /** Asks again for the recent history, for a panel mounted after the connect-time push. */
  'chat:fetch': clientEvent(z.strictObject({}), ackOf<ChatFetchAck>()),
} as const

export interface ChatServerEvents {
  /** The room's latest messages (at most CHAT_HISTORY_LIMIT), oldest first, sent once on connect. */
  'chat:history': (messages: ChatMessage[]) => void
  /** A new message, to everyone in the room. */
  'chat:message': (message: ChatMessage) => void
}
