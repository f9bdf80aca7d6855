import { useLayoutEffect, useRef, useState } from 'react'
import { CHAT_MESSAGE_MAX_CHARS, type ChatMessage } from '../../../shared/chat-events.ts'
import { QuickEntry } from '../ui/quick-entry.tsx'
import { ROLE_LABELS } from '../../../shared/roles.ts'
import type { RoomSocket } from '../room/use-room-socket.ts'
import { isNearBottom, type PendingChatMessage } from './chat-views.ts'
import { useChat } from './use-chat.ts'
import './chat-panel.css'

export interface ChatPanelProps {
  /** The room socket. Mount the panel as soon as it exists: the server sends the history right after connecting. */
  socket: RoomSocket | undefined
  roomId: string
  /** From 'room:welcome'; the panel accepts input once it is known. */
  participantId: string | undefined
}

/**
 * The room chat for every role. Message text is only ever a React text node: no HTML, no
 * Markdown, no links, so nothing anyone types can run in another person's browser.
 */
export function ChatPanel({ socket, roomId, participantId }: ChatPanelProps) {
  const { messages, pending, connected, ready, rejection, send } = useChat(socket, roomId, participantId)
  const { listRef, unseen, onScroll, scrollToEnd } = useFollowScroll(messages.length + pending.length, messages, participantId)

  return (
    <section className="chat" aria-labelledby="chat-heading">
      <h2 id="chat-heading">Chat</h2>
      <div className="chat-scroller" ref={listRef} onScroll={onScroll}>
        {messages.length === 0 && pending.length === 0 && <p className="chat-hint">No messages yet.</p>}
        <ol className="chat-list" aria-label="Chat" aria-live="polite">
          {messages.map((message) => (
            <ChatLine key={message.id} message={message} own={message.authorId === participantId} />
          ))}
          {pending.map((message) => (
            <PendingLine key={message.id} message={message} connected={connected} />
          ))}
        </ol>
      </div>
      {unseen > 0 && (
        <button type="button" className="chat-unseen" onClick={scrollToEnd}>
          {unseen === 1 ? '1 new message' : `${unseen} new messages`} ↓
        </button>
      )}
      {rejection !== undefined && (
        <p role="alert" className="chat-error">
          A message was not sent: {rejection}
        </p>
      )}
      <QuickEntry
        label="Chat message"
        placeholder="Message everyone in the room"
        submitLabel="Send"
        maxLength={CHAT_MESSAGE_MAX_CHARS}
        classPrefix="chat"
        disabled={!ready}
        onSubmit={(body) => {
          send(body)
          scrollToEnd()
        }}
      />
    </section>
  )
}

function ChatLine({ message, own }: { message: ChatMessage; own: boolean }) {
  return (
    <li className={`chat-message chat-role-${message.role}${own ? ' chat-own' : ''}`}>
      <div className="chat-meta">
        <span className="chat-author">{message.authorName}</span>
        <span className="chat-role">{ROLE_LABELS[message.role]}</span>
        <time dateTime={new Date(message.at).toISOString()}>{formatClock(message.at)}</time>
      </div>
      <p className="chat-body">{message.body}</p>
    </li>
  )
}

function PendingLine({ message, connected }: { message: PendingChatMessage; connected: boolean }) {
  return (
    <li className="chat-message chat-own chat-pending">
      <div className="chat-meta">
        <span className="chat-author">You</span>
        <span className="chat-sending">{connected ? 'sending…' : 'offline, will send when back'}</span>
      </div>
      <p className="chat-body">{message.body}</p>
    </li>
  )
}

/**
 * Follows new messages only while the reader is at the bottom; someone scrolled up to re-read a
 * question keeps their place and sees a "new messages" button instead.
 */
function useFollowScroll(count: number, messages: ChatMessage[], selfId: string | undefined) {
  const listRef = useRef<HTMLDivElement>(null)
  const following = useRef(true)
  const seenCount = useRef(count)
  const [unseen, setUnseen] = useState(0)

  const scrollToEnd = () => {
    following.current = true
    setUnseen(0)
    const list = listRef.current
    if (list) list.scrollTop = list.scrollHeight
  }

  useLayoutEffect(() => {
    const added = count - seenCount.current
    seenCount.current = count
    if (added <= 0) return
    const list = listRef.current
    const ownLast = messages.at(-1)?.authorId === selfId
    if (list && (following.current || ownLast)) list.scrollTop = list.scrollHeight
    else setUnseen((n) => n + added)
  }, [count, messages, selfId])

  // A hidden tab has no height, so scrolling there does nothing: catch up when the panel is shown again.
  useLayoutEffect(() => {
    const list = listRef.current
    if (!list || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => {
      if (following.current) list.scrollTop = list.scrollHeight
    })
    observer.observe(list)
    return () => observer.disconnect()
  }, [])

  const onScroll = () => {
    const list = listRef.current
    if (!list) return
    following.current = isNearBottom(list)
    if (following.current) setUnseen(0)
  }
  return { listRef, unseen, onScroll, scrollToEnd }
}

function formatClock(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
}
