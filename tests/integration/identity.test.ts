import { afterEach, describe, expect, it } from 'vitest'
import { takeBoardTicket, tryUpgrade } from './helpers/board-client.ts'
import { connectRoomSocket, emitWithAck, joinAndWelcome, type TestRoomSocket } from './helpers/room-socket.ts'
import { startTestServer, type TestServer } from './helpers/test-server.ts'

let server: TestServer | undefined
const sockets: TestRoomSocket[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect()
  await server?.destroy()
  server = undefined
})

const REFUSAL = { code: 'UNAUTHORIZED', message: 'This link is not valid or has expired.' }

describe('one identity door', () => {
  it('an unknown, malformed or other room’s credential gets the same refusal over REST, the Socket.IO handshake and the board upgrade', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const other = await server.createRoom()
    const otherTicket = await takeBoardTicket(server.url, other.roomId, other.tokens.candidate)
    const bad = ['', 'nope', 'x'.repeat(43), other.tokens.candidate]

    for (const token of bad) {
      const rest = await fetch(`${server.url}/api/rooms/${room.roomId}/session`, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
      expect(rest.status, token).toBe(401)
      expect(await rest.json(), token).toEqual({ error: REFUSAL })

      const ticket = await fetch(`${server.url}/api/rooms/${room.roomId}/board-ticket`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ name: 'Eve', clientKey: 'eves-browser' }),
      })
      expect(ticket.status, token).toBe(401)
      expect(await ticket.json(), token).toEqual({ error: REFUSAL })

      const handshake = await connectRoomSocket(server.url, room.roomId, token).then(
        () => undefined,
        (error: Error & { data?: { code?: string } }) => ({ code: error.data?.code, message: error.message }),
      )
      expect(handshake, token).toEqual(REFUSAL)
    }
    for (const ticket of ['', 'nope', 'x'.repeat(43), otherTicket, room.tokens.candidate]) {
      expect(await tryUpgrade(`${server.url.replace('http', 'ws')}/yjs/${room.roomId}?ticket=${ticket}`), ticket).toEqual({ status: 401 })
    }
    expect(server.db.$client.prepare('select count(*) as n from participants where room_id = ?').get(room.roomId)).toEqual({ n: 0 })
    // The real reason is in the server log, never the token.
    const refusals = server.logs.filter((line) => line.msg === 'credential refused')
    expect(new Set(refusals.map((line) => line.reason))).toEqual(
      new Set(['no credential', 'malformed invite token', 'unknown invite token', 'credential for another room', 'malformed board ticket', 'unknown ticket']),
    )
    expect(JSON.stringify(server.logs)).not.toContain(other.tokens.candidate)
  })

  it('the participant exists from the handshake on: the first event is attributed to their stored id', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const { socket, participantId } = await joinAndWelcome(server.url, room.roomId, room.tokens.candidate, { name: 'Bob', clientKey: 'bobs-browser' })
    sockets.push(socket)
    expect(participantId).toMatch(/^[A-Za-z0-9_-]{8,}$/)
    const ack = (await emitWithAck(socket, 'chat:send', { messageId: 'first-message', body: 'hi' })) as {
      ok: boolean
      message?: { authorId: string; authorName: string }
    }
    expect(ack.message).toMatchObject({ authorId: participantId, authorName: 'Bob' })
    expect(server.db.$client.prepare('select id, name, role from participants').all()).toEqual([{ id: participantId, name: 'Bob', role: 'candidate' }])
  })

  it('a guest’s invite token cannot create rooms, and neither can no credential: rooms are the members’', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const asGuest = await fetch(`${server.url}/api/rooms`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${room.tokens.interviewer}` },
      body: '{}',
    })
    expect(asGuest.status).toBe(403)
    expect(((await asGuest.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN')
    const badCredential = await fetch(`${server.url}/api/rooms`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer nope' },
      body: '{}',
    })
    expect(badCredential.status).toBe(401)
    const anonymous = await fetch(`${server.url}/api/rooms`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    expect(anonymous.status).toBe(401)
    expect((server.db.$client.prepare('select count(*) as n from rooms').get() as { n: number }).n).toBe(1)
  })
})
