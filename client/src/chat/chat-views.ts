import { ChatSendSchema, type ChatMessage } from '../../../shared/chat-events.ts'
import type { OutboxEntry } from '../outbox/outbox.ts'

/** A message typed here that the server has not acknowledged yet. */
export interface PendingChatMessage {
  id: string
  body: string
  queuedAt: number
}

/**
 * Folds incoming messages into the list by id (history, live messages and acks overlap), in
 * server time. The sort is stable, so messages of the same millisecond keep the server's order.
 */
export function mergeMessages(known: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const seen = new Set(known.map((message) => message.id))
  const added: ChatMessage[] = []
  for (const message of incoming) {
    if (seen.has(message.id)) continue
    seen.add(message.id)
    added.push(message)
  }
  // The same array when nothing is new, so React skips the render.
  if (added.length === 0) return known as ChatMessage[]
  return [...known, ...added].sort((a, b) => a.at - b.at)
}

/** Queued messages not yet in the list, in the order they were typed. */
export function pendingMessages(entries: readonly OutboxEntry[], messages: readonly ChatMessage[]): PendingChatMessage[] {
  const delivered = new Set(messages.map((message) => message.id))
  return entries.flatMap((entry) => {
    if (entry.event !== 'chat:send') return []
    const send = ChatSendSchema.safeParse(entry.payload)
    if (!send.success || delivered.has(send.data.messageId)) return []
    return [{ id: send.data.messageId, body: send.data.body, queuedAt: entry.queuedAt }]
  })
}

/** Within this many pixels of the bottom, the reader is following the conversation and new messages scroll in. */
export const FOLLOW_THRESHOLD_PX = 48

export function isNearBottom(scroll: { scrollTop: number; scrollHeight: number; clientHeight: number }): boolean {
  return scroll.scrollHeight - scroll.scrollTop - scroll.clientHeight <= FOLLOW_THRESHOLD_PX
}
