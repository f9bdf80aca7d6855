import { afterEach, describe, expect, it } from 'vitest'
import { takeBoardTicket } from './helpers/board-client.ts'
import { connectRoomSocket, emitWithAck, type TestRoomSocket } from './helpers/room-socket.ts'
import { startTestServer, type TestServer } from './helpers/test-server.ts'
import { waitFor } from './helpers/wait-for.ts'

let server: TestServer | undefined
const sockets: TestRoomSocket[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect()
  await server?.destroy()
  server = undefined
})

async function join(roomId: string, token: string, name: string, clientKey?: string) {
  const socket = await connectRoomSocket(server!.url, roomId, token, { name, ...(clientKey ? { clientKey } : {}) })
  sockets.push(socket)
  return socket
}

const chatCount = (s: TestServer) => (s.db.$client.prepare('select count(*) as n from chat_messages').get() as { n: number }).n
const codes = (acks: { ok: boolean; error?: { code: string } }[]) => acks.map((ack) => (ack.ok ? 'ok' : ack.error?.code))

describe('per-participant caps', () => {
  it('chat: a burst beyond CHAT_RATE_BURST is refused with RATE_LIMITED and not stored, others keep chatting, and the sender recovers at the sustained rate', async () => {
    // 600 a minute refills one message every 100 ms: long enough to see the refusal, short enough to wait for.
    server = await startTestServer({ CHAT_RATE_BURST: '3', CHAT_RATE_PER_MINUTE: '600' })
    const room = await server.createRoom()
    const flooder = await join(room.roomId, room.tokens.candidate, 'Flood')
    const other = await join(room.roomId, room.tokens.interviewer, 'Ada')
    const acks = await Promise.all(Array.from({ length: 8 }, (_, i) => emitWithAck(flooder, 'chat:send', { messageId: `flood-${i}-msg`, body: `m${i}` })))
    expect(codes(acks).filter((code) => code === 'ok')).toHaveLength(3)
    expect(codes(acks).filter((code) => code === 'RATE_LIMITED')).toHaveLength(5)
    expect(acks.find((ack) => !ack.ok)?.error?.message).toMatch(/try again in \d+ s/)
    expect(chatCount(server)).toBe(3)

    expect(await emitWithAck(other, 'chat:send', { messageId: 'ada-msg-1', body: 'still here' })).toMatchObject({ ok: true })
    await waitFor(async () => (await emitWithAck(flooder, 'chat:send', { messageId: 'flood-later', body: 'later' })).ok, {
      what: 'the flooder to be let in again',
    })
    expect(chatCount(server)).toBe(5)
    expect(server.logs.some((line) => line.msg === 'socket event refused' && line.code === 'RATE_LIMITED' && line.event === 'chat:send')).toBe(true)
  })

  it('the chat cap is per participant, not per socket: two tabs of one person share it', async () => {
    server = await startTestServer({ CHAT_RATE_BURST: '2', CHAT_RATE_PER_MINUTE: '1' })
    const room = await server.createRoom()
    const tabA = await join(room.roomId, room.tokens.candidate, 'Bob', 'bobs-browser')
    const tabB = await join(room.roomId, room.tokens.candidate, 'Bob', 'bobs-browser')
    const acks = [
      await emitWithAck(tabA, 'chat:send', { messageId: 'tab-a-one', body: 'a' }),
      await emitWithAck(tabB, 'chat:send', { messageId: 'tab-b-one', body: 'b' }),
      await emitWithAck(tabA, 'chat:send', { messageId: 'tab-a-two', body: 'c' }),
    ]
    expect(codes(acks)).toEqual(['ok', 'ok', 'RATE_LIMITED'])
  })

  it('renames beyond RENAME_RATE_BURST are refused and the name stays the last accepted one', async () => {
    server = await startTestServer({ RENAME_RATE_BURST: '2', RENAME_RATE_PER_MINUTE: '1' })
    const room = await server.createRoom()
    const socket = await join(room.roomId, room.tokens.observer, 'Olu')
    const acks = []
    for (const name of ['One', 'Two', 'Three', 'Four']) acks.push(await emitWithAck(socket, 'participant:rename', { name }))
    expect(codes(acks)).toEqual(['ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED'])
    expect(server.db.$client.prepare('select name from participants').all()).toEqual([{ name: 'Two' }])
  })

  it('list requests on the socket and REST reads of the session and of board tickets are capped per caller', async () => {
    server = await startTestServer({ READ_RATE_BURST: '3', READ_RATE_PER_MINUTE: '1' })
    const room = await server.createRoom()
    const socket = await join(room.roomId, room.tokens.interviewer, 'Ada')
    const fetches = []
    for (let i = 0; i < 4; i++) fetches.push(await emitWithAck(socket, i % 2 ? 'notes:fetch' : 'chat:fetch', {}))
    expect(codes(fetches)).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED'])

    const session = () => fetch(`${server!.url}/api/rooms/${room.roomId}/session`, { headers: { Authorization: `Bearer ${room.tokens.candidate}` } })
    const statuses = [(await session()).status, (await session()).status]
    statuses.push(
      (
        await fetch(`${server.url}/api/rooms/${room.roomId}/board-ticket`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${room.tokens.candidate}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: 'Bob', clientKey: 'bobs-browser' }),
        })
      ).status,
    )
    const limited = await session()
    expect([...statuses, limited.status]).toEqual([200, 200, 201, 429])
    expect(await limited.json()).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringMatching(/try again/) } })
    // Another caller of the same room is not affected.
    const observer = await fetch(`${server.url}/api/rooms/${room.roomId}/session`, { headers: { Authorization: `Bearer ${room.tokens.observer}` } })
    expect(observer.status).toBe(200)
  })

  it('a new participant beyond MAX_PARTICIPANTS_PER_ROOM is refused with ROOM_FULL at the handshake and at the ticket; a returning one is let in and the room keeps working', async () => {
    server = await startTestServer({ MAX_PARTICIPANTS_PER_ROOM: '2' })
    const room = await server.createRoom()
    const ada = await join(room.roomId, room.tokens.interviewer, 'Ada', 'adas-browser')
    const bob = await join(room.roomId, room.tokens.candidate, 'Bob', 'bobs-browser')

    const refused = await connectRoomSocket(server.url, room.roomId, room.tokens.observer, { name: 'Olu', clientKey: 'olus-browser' }).then(
      () => undefined,
      (error: Error & { data?: { code?: string } }) => error,
    )
    expect(refused?.data?.code).toBe('ROOM_FULL')
    expect(refused?.message).toMatch(/full/)
    const ticket = await fetch(`${server.url}/api/rooms/${room.roomId}/board-ticket`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${room.tokens.observer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Olu', clientKey: 'olus-other-browser' }),
    })
    expect(ticket.status).toBe(409)
    expect(((await ticket.json()) as { error: { code: string } }).error.code).toBe('ROOM_FULL')

    bob.disconnect()
    const bobAgain = await join(room.roomId, room.tokens.candidate, 'Bob', 'bobs-browser')
    expect(await takeBoardTicket(server.url, room.roomId, room.tokens.interviewer, { clientKey: 'adas-browser' })).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(await emitWithAck(ada, 'chat:send', { messageId: 'ada-after-full', body: 'hello' })).toMatchObject({ ok: true })
    await waitFor(() => bobAgain.received.some((entry) => entry.event === 'chat:message'), { what: 'the message at Bob' })
    expect(server.db.$client.prepare('select count(*) as n from participants').get()).toEqual({ n: 2 })
  })
})
