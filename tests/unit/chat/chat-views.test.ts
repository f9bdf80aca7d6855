import { describe, expect, it } from 'vitest'
import { isNearBottom, mergeMessages, pendingMessages } from '../../../client/src/chat/chat-views.ts'
import type { OutboxEntry } from '../../../client/src/outbox/outbox.ts'
import type { ChatMessage } from '../../../shared/chat-events.ts'

function message(id: string, at: number): ChatMessage {
  return { id, authorId: 'p1', authorName: 'Ada', role: 'candidate', at, body: `message ${id}` }
}

describe('chat views', () => {
  it('merging history, live messages and acks keeps each message once, in server time', () => {
    const history = [message('m1', 1), message('m2', 2)]
    const merged = mergeMessages(mergeMessages([], history), [message('m3', 3), message('m2', 2), message('m0', 0)])
    expect(merged.map((m) => m.id)).toEqual(['m0', 'm1', 'm2', 'm3'])
  })

  it('messages of the same millisecond keep the order they arrived in', () => {
    const merged = mergeMessages([message('b', 5)], [message('a', 5), message('c', 5)])
    expect(merged.map((m) => m.id)).toEqual(['b', 'a', 'c'])
  })

  it('returns the same list when nothing is new, so nothing re-renders', () => {
    const known = [message('m1', 1)]
    expect(mergeMessages(known, [message('m1', 1)])).toBe(known)
  })

  it('a queued message shows as pending until the server’s copy arrives', () => {
    const entries: OutboxEntry[] = [
      { id: 'm1', event: 'chat:send', payload: { messageId: 'msg-0001', body: 'hello?' }, queuedAt: 10 },
      { id: 'm2', event: 'chat:send', payload: { messageId: 'msg-0002', body: 'anyone?' }, queuedAt: 11 },
    ]
    expect(pendingMessages(entries, []).map((m) => m.body)).toEqual(['hello?', 'anyone?'])
    expect(pendingMessages(entries, [message('msg-0001', 12)]).map((m) => m.id)).toEqual(['msg-0002'])
  })

  it('follows new messages only when the reader is at the bottom', () => {
    expect(isNearBottom({ scrollTop: 560, scrollHeight: 1000, clientHeight: 400 })).toBe(true)
    expect(isNearBottom({ scrollTop: 100, scrollHeight: 1000, clientHeight: 400 })).toBe(false)
  })
})
