import { useCallback, useMemo, useState } from 'react'
import type { ChatMessage, ChatSentAck } from '../../../shared/chat-events.ts'
import { newClientId, useConnected, useOutbox, usePushedItems, type ProtocolSocket } from '../outbox/index.ts'
import { mergeMessages, pendingMessages, type PendingChatMessage } from './chat-views.ts'

export interface ChatState {
  messages: ChatMessage[]
  pending: PendingChatMessage[]
  connected: boolean
  ready: boolean
  /** Why the server refused a message for good, if it did. */
  rejection: string | undefined
  send(body: string): void
}

const CHAT_EVENTS = { list: 'chat:history', item: 'chat:message', fetch: 'chat:fetch', ackField: 'messages' } as const

/** The room chat: history and live messages from the server, plus a localStorage outbox for what is typed offline. */
export function useChat(socket: ProtocolSocket | undefined, roomId: string, participantId: string | undefined): ChatState {
  const [messages, setMessages] = useState<ChatMessage[]>([])
  const connected = useConnected(socket)
  const receive = useCallback((incoming: ChatMessage[]) => setMessages((known) => mergeMessages(known, incoming)), [])
  const receiveAck = useCallback((ack: unknown) => receive([(ack as ChatSentAck).message]), [receive])
  const { pending: entries, rejection, enqueue } = useOutbox(socket, 'chat', roomId, participantId, receiveAck)

  usePushedItems<ChatMessage>(socket, CHAT_EVENTS, receive)

  const send = useCallback(
    (body: string) => {
      const messageId = newClientId()
      enqueue({ id: messageId, event: 'chat:send', payload: { messageId, body } })
    },
    [enqueue],
  )

  const pending = useMemo(() => pendingMessages(entries, messages), [entries, messages])
  return { messages, pending, connected, ready: socket !== undefined && participantId !== undefined, rejection, send }
}
