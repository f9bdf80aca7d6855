import { useCallback, useEffect, useMemo, useState } from 'react'
import type { ChatFetchAck, ChatMessage, ChatSentAck } from '../../../shared/chat-events.ts'
import type { Ack } from '../../../shared/events.ts'
import { ACK_TIMEOUT_MS, newClientId, useConnected, useOutbox, type ProtocolSocket } from '../outbox/index.ts'
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

/** The room chat: history and live messages from the server, plus a localStorage outbox for what is typed offline. */
export function useChat(socket: ProtocolSocket | undefined, roomId: string, participantId: string | undefined): ChatState {
  const [messages, setMessages] = useState<ChatMessage[]>([])
  const connected = useConnected(socket)
  const receive = useCallback((incoming: ChatMessage[]) => setMessages((known) => mergeMessages(known, incoming)), [])
  const receiveAck = useCallback((ack: unknown) => receive([(ack as ChatSentAck).message]), [receive])
  const { pending: entries, rejection, enqueue } = useOutbox(socket, 'chat', roomId, participantId, receiveAck)

  useServerMessages(socket, receive)

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

/** Listens as soon as the socket exists (history is pushed right after the handshake); asks again if mounted late. */
function useServerMessages(socket: ProtocolSocket | undefined, receive: (messages: ChatMessage[]) => void): void {
  useEffect(() => {
    if (!socket) return
    const receiveOne = (message: ChatMessage) => receive([message])
    socket.on('chat:history', receive)
    socket.on('chat:message', receiveOne)
    if (socket.connected) {
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('chat:fetch', {})
        .then((ack) => {
          const answer = ack as Ack<ChatFetchAck>
          if (answer.ok) receive(answer.messages)
        })
        .catch(() => undefined) // Disconnected meanwhile: the next connect pushes the history.
    }
    return () => {
      socket.off('chat:history', receive)
      socket.off('chat:message', receiveOne)
    }
  }, [socket, receive])
}
