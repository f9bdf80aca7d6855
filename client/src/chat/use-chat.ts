import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ChatFetchAck, ChatMessage, ChatSentAck } from '../../../shared/chat-events.ts'
import type { Ack } from '../../../shared/events.ts'
import { ACK_TIMEOUT_MS, newClientId, Outbox, outboxKey, syncOutbox, useConnected, type OutboxEntry, type OutboxSync, type ProtocolSocket } from '../outbox/index.ts'
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
  const [entries, setEntries] = useState<readonly OutboxEntry[]>([])
  const [rejection, setRejection] = useState<string>()
  const connected = useConnected(socket)
  const queue = useRef<{ outbox: Outbox; sync: OutboxSync }>(undefined)
  const receive = useCallback((incoming: ChatMessage[]) => setMessages((known) => mergeMessages(known, incoming)), [])

  useServerMessages(socket, receive)

  useEffect(() => {
    if (!socket || !participantId) return
    const outbox = new Outbox({
      storage: window.localStorage,
      key: outboxKey('chat', roomId, participantId),
      onChange: setEntries,
      // A resend the server already had is not broadcast again: the ack carries it.
      onSent: (_entry, ack) => receive([(ack as ChatSentAck).message]),
      onRejected: (_entry, outcome) => setRejection(outcome.message),
    })
    setEntries(outbox.entries())
    const sync = syncOutbox(socket, outbox)
    queue.current = { outbox, sync }
    return () => {
      sync.stop()
      queue.current = undefined
    }
  }, [socket, roomId, participantId, receive])

  const send = useCallback((body: string) => {
    const target = queue.current
    if (!target) return
    const messageId = newClientId()
    target.outbox.enqueue({ id: messageId, event: 'chat:send', payload: { messageId, body } })
    setRejection(undefined)
    void target.sync.flush()
  }, [])

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
