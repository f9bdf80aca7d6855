import { describe, expect, it } from 'vitest'
import { insertChatMessage, listChat } from '../../../server/chat/chat-store.ts'
import { openDatabase } from '../../../server/db/connection.ts'
import { insertRoom, upsertParticipant } from '../../../server/rooms/room-store.ts'
import { SERVER_VIEWER } from '../../../shared/timeline.ts'
import { readTimeline } from '../../../server/timeline/index.ts'

function setup() {
  const db = openDatabase(':memory:')
  const roomId = insertRoom(db, { title: 'Chat room' }, 0).room.id
  const author = upsertParticipant(db, { roomId, clientKey: 'candidate-key', role: 'candidate', name: 'Ada' }, 0)
  const send = (messageId: string, body: string, at: number) =>
    insertChatMessage(db, { roomId, authorId: author.id, authorName: 'Ada', role: 'candidate', messageId, body }, at)
  return { db, roomId, author, send }
}

describe('chat store', () => {
  it('the history limit keeps the latest messages, oldest first, in send order within a millisecond', () => {
    const { db, roomId, send } = setup()
    for (let i = 0; i < 12; i++) send(`message-${String(i).padStart(3, '0')}`, `#${i}`, 1_000 + Math.floor(i / 3))
    expect(listChat(db, roomId, { limit: 5 }).map((m) => m.body)).toEqual(['#7', '#8', '#9', '#10', '#11'])
    expect(listChat(db, roomId)).toHaveLength(12)
  })

  it('a resend of the same message id is recognised and stores nothing', () => {
    const { db, roomId, send } = setup()
    expect(send('message-001', 'hello', 1).duplicate).toBe(false)
    const again = send('message-001', 'hello', 2)
    expect(again).toMatchObject({ duplicate: true, message: { at: 1, body: 'hello' } })
    expect(listChat(db, roomId)).toHaveLength(1)
    expect(readTimeline(db, roomId, { viewer: SERVER_VIEWER, types: ['chat.message'] })).toHaveLength(1)
  })

  it('a message id taken in another room is refused with CONFLICT', () => {
    const first = setup()
    first.send('message-001', 'hello', 1)
    const otherRoom = insertRoom(first.db, { title: 'Other' }, 0).room.id
    const other = upsertParticipant(first.db, { roomId: otherRoom, clientKey: 'k2-key-key', role: 'candidate', name: 'Bo' }, 0)
    expect(() =>
      insertChatMessage(first.db, { roomId: otherRoom, authorId: other.id, authorName: 'Bo', role: 'candidate', messageId: 'message-001', body: 'x' }, 2),
    ).toThrow(expect.objectContaining({ code: 'CONFLICT' }))
  })
})
