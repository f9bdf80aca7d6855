import { afterEach, describe, expect, it } from 'vitest'
import { Outbox, outboxKey } from '../../client/src/outbox/outbox.ts'
import { syncOutbox, type OutboxSync, type ProtocolSocket } from '../../client/src/outbox/socket-outbox.ts'
import { listChat } from '../../server/chat/index.ts'
import { insertChatMessage } from '../../server/chat/chat-store.ts'
import { CHAT_HISTORY_LIMIT, type ChatMessage } from '../../shared/chat-events.ts'
import type { Role } from '../../shared/roles.ts'
import { MemoryStorage } from './helpers/memory-storage.ts'
import { emitWithAck, joinAndWelcome, type TestRoomSocket } from './helpers/room-socket.ts'
import { startTestServer, type TestRoom, type TestServer } from './helpers/test-server.ts'
import { waitFor } from './helpers/wait-for.ts'
import { SERVER_VIEWER } from '../../shared/timeline.ts'
import { readTimeline } from '../../server/timeline/index.ts'

let server: TestServer | undefined
const sockets: TestRoomSocket[] = []
const syncs: OutboxSync[] = []

afterEach(async () => {
  for (const sync of syncs.splice(0)) sync.stop()
  for (const socket of sockets.splice(0)) socket.disconnect()
  await server?.destroy()
  server = undefined
})

async function join(room: TestRoom, role: Role, name: string = role) {
  const joined = await joinAndWelcome(server!.url, room.roomId, room.tokens[role], { name, clientKey: `${role}-client-key` })
  sockets.push(joined.socket)
  return joined
}

const chatMessages = (socket: TestRoomSocket) => socket.received.filter((entry) => entry.event === 'chat:message').map((entry) => entry.args[0] as ChatMessage)
const historyOf = (socket: TestRoomSocket) =>
  waitFor(() => socket.received.find((entry) => entry.event === 'chat:history')?.args[0] as ChatMessage[] | undefined, { what: 'chat:history' })
const chatEventCount = (roomId: string) => readTimeline(server!.db, roomId, { viewer: SERVER_VIEWER, types: ['chat.message'] }).length

describe('room chat over sockets', () => {
  it('a message reaches all three roles with its author, role and server time', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const interviewer = await join(room, 'interviewer', 'Grace')
    const candidate = await join(room, 'candidate', 'Ada')
    const observer = await join(room, 'observer', 'Linus')
    const before = Date.now()
    const ack = await emitWithAck(candidate.socket, 'chat:send', { messageId: 'chat-0001', body: 'Can I assume 100M users?' })
    expect(ack.ok).toBe(true)
    for (const { socket } of [interviewer, candidate, observer]) {
      const message = await waitFor(() => chatMessages(socket)[0], { what: 'the message at every role' })
      expect(message).toMatchObject({
        id: 'chat-0001',
        authorId: candidate.participantId,
        authorName: 'Ada',
        role: 'candidate',
        body: 'Can I assume 100M users?',
      })
      expect(message.at).toBeGreaterThanOrEqual(before)
    }
    const events = readTimeline(server.db, room.roomId, { viewer: SERVER_VIEWER, types: ['chat.message'] })
    expect(events).toEqual([expect.objectContaining({ participantId: candidate.participantId, payload: { messageId: 'chat-0001' } })])
  })

  it('chat survives a server restart: the history arrives on connect', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const interviewer = await join(room, 'interviewer', 'Grace')
    const candidate = await join(room, 'candidate', 'Ada')
    await emitWithAck(candidate.socket, 'chat:send', { messageId: 'chat-0001', body: 'first' })
    await emitWithAck(interviewer.socket, 'chat:send', { messageId: 'chat-0002', body: 'second' })
    for (const socket of sockets.splice(0)) socket.disconnect()
    const dataDir = server.dataDir
    await server.close()
    server = await startTestServer({}, dataDir)
    const observer = await join(room, 'observer')
    const history = await historyOf(observer.socket)
    expect(history.map((message) => [message.authorName, message.role, message.body])).toEqual([
      ['Ada', 'candidate', 'first'],
      ['Grace', 'interviewer', 'second'],
    ])
  })

  it('an HTML and script body is stored and delivered verbatim, as text', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const interviewer = await join(room, 'interviewer')
    const candidate = await join(room, 'candidate')
    const body = `<img src=x onerror="alert(1)"><script>document.body.innerHTML='pwned'</script> & "quotes" <b>bold</b>`
    await emitWithAck(candidate.socket, 'chat:send', { messageId: 'chat-html1', body })
    const delivered = await waitFor(() => chatMessages(interviewer.socket)[0], { what: 'the message' })
    expect(delivered.body).toBe(body)
    expect(listChat(server.db, room.roomId).map((message) => message.body)).toEqual([body])
    const later = await join(room, 'observer')
    expect((await historyOf(later.socket))[0]?.body).toBe(body)
  })

  it('a resend of the same message id is stored and broadcast once; the ack carries the stored message', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const interviewer = await join(room, 'interviewer')
    const candidate = await join(room, 'candidate')
    const payload = { messageId: 'chat-0001', body: 'once' }
    await emitWithAck(candidate.socket, 'chat:send', payload)
    const again = (await emitWithAck(candidate.socket, 'chat:send', payload)) as { ok: boolean; message?: ChatMessage }
    expect(again).toMatchObject({ ok: true, message: { id: 'chat-0001', body: 'once' } })
    // A later message proves the resend had its chance to be broadcast.
    await emitWithAck(candidate.socket, 'chat:send', { messageId: 'chat-0002', body: 'twice' })
    await waitFor(() => chatMessages(interviewer.socket).length === 2, { what: 'the second message' })
    expect(chatMessages(interviewer.socket).map((message) => message.id)).toEqual(['chat-0001', 'chat-0002'])
    expect(listChat(server.db, room.roomId)).toHaveLength(2)
    expect(chatEventCount(room.roomId)).toBe(2)
  })

  it('messages typed while disconnected are sent in order by the outbox after reconnecting', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const interviewer = await join(room, 'interviewer')
    const candidate = await join(room, 'candidate')
    const storage = new MemoryStorage()
    const outbox = new Outbox({ storage, key: outboxKey('chat', room.roomId, candidate.participantId) })
    const sync = syncOutbox(candidate.socket as ProtocolSocket, outbox)
    syncs.push(sync)
    candidate.socket.disconnect()
    for (const [messageId, body] of [
      ['chat-off-1', 'typed offline'],
      ['chat-off-2', 'still offline'],
    ]) {
      outbox.enqueue({ id: messageId!, event: 'chat:send', payload: { messageId, body } })
    }
    expect(await sync.flush()).toBe('stalled')
    expect(listChat(server.db, room.roomId)).toEqual([])
    candidate.socket.connect()
    await waitFor(() => chatMessages(interviewer.socket).length === 2, { what: 'both messages at the interviewer' })
    expect(chatMessages(interviewer.socket).map((message) => message.body)).toEqual(['typed offline', 'still offline'])
    expect(outbox.entries()).toEqual([])
  })

  it(`the connect-time history and chat:fetch hold the latest ${CHAT_HISTORY_LIMIT} messages, oldest first`, async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const writer = await join(room, 'candidate')
    for (let i = 0; i < CHAT_HISTORY_LIMIT + 5; i++) {
      insertChatMessage(
        server.db,
        {
          roomId: room.roomId,
          authorId: writer.participantId,
          authorName: 'Ada',
          role: 'candidate',
          messageId: `bulk-${String(i).padStart(4, '0')}`,
          body: `#${i}`,
        },
        1_000 + i,
      )
    }
    const reader = await join(room, 'observer')
    const history = await historyOf(reader.socket)
    expect(history).toHaveLength(CHAT_HISTORY_LIMIT)
    expect(history[0]?.body).toBe('#5')
    expect(history.at(-1)?.body).toBe(`#${CHAT_HISTORY_LIMIT + 4}`)
    const fetched = (await emitWithAck(reader.socket, 'chat:fetch', {})) as { messages?: ChatMessage[] }
    expect(fetched.messages).toEqual(history)
  })

  it('malformed and oversized chat events get error acks, are logged, and write nothing', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const interviewer = await join(room, 'interviewer')
    const { socket } = await join(room, 'candidate')
    const cases: [unknown, string][] = [
      [{ body: 'no id' }, 'INVALID_PAYLOAD'],
      [{ messageId: 'chat-0001', body: '  \n ' }, 'INVALID_PAYLOAD'],
      [{ messageId: 'chat-0001', body: 'x'.repeat(2_001) }, 'INVALID_PAYLOAD'],
      [{ messageId: 'chat-0001', body: 'hi', authorName: 'The Interviewer' }, 'INVALID_PAYLOAD'],
      [{ messageId: 'chat-0001', body: 42 }, 'INVALID_PAYLOAD'],
      [null, 'INVALID_PAYLOAD'],
      [{ messageId: 'chat-0001', body: 'x'.repeat(70_000) }, 'PAYLOAD_TOO_LARGE'],
    ]
    for (const [payload, code] of cases) {
      expect((await emitWithAck(socket, 'chat:send', payload)).error?.code, JSON.stringify(payload)?.slice(0, 60)).toBe(code)
    }
    expect(listChat(server.db, room.roomId)).toEqual([])
    expect(chatEventCount(room.roomId)).toBe(0)
    expect(chatMessages(interviewer.socket)).toEqual([])
    const refused = server.logs.filter((line) => line.msg === 'socket event refused' && line.event === 'chat:send')
    expect(refused.map((line) => line.code)).toEqual(cases.map(([, code]) => code))
    expect((await emitWithAck(socket, 'chat:send', { messageId: 'chat-0001', body: 'x'.repeat(2_000) })).ok).toBe(true)
  })
})
