import { afterEach, describe, expect, it } from 'vitest'
import type { Participant } from '../../shared/events.ts'
import { connectRoomSocket, emitWithAck, type TestRoomSocket } from './helpers/room-socket.ts'
import { startTestServer, type TestServer } from './helpers/test-server.ts'
import { waitFor } from './helpers/wait-for.ts'
import { SERVER_VIEWER } from '../../shared/timeline.ts'
import { readTimeline } from '../../server/timeline/index.ts'

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

const lastParticipants = (socket: TestRoomSocket): Participant[] =>
  (socket.received.filter((entry) => entry.event === 'room:participants').at(-1)?.args[0] as Participant[] | undefined) ?? []

describe('rooms REST API', () => {
  it('creating a room returns three invite links with 256-bit tokens that are stored only as hashes', async () => {
    server = await startTestServer()
    const room = await server.createRoom({ title: 'Design a URL shortener' })
    expect(room.title).toBe('Design a URL shortener')
    for (const role of ['interviewer', 'candidate', 'observer'] as const) {
      expect(room.invites[role]).toMatch(new RegExp(`^http://localhost:${server.port}/r/${room.roomId}#invite=[A-Za-z0-9_-]{43}$`))
    }
    const stored = server.db.$client.prepare('select token_hash from invites where room_id = ?').all(room.roomId) as { token_hash: string }[]
    expect(stored).toHaveLength(3)
    const dump = JSON.stringify(server.db.$client.prepare('select * from invites').all())
    for (const token of Object.values(room.tokens)) expect(dump).not.toContain(token)
  })

  it('an invite token tells its room and role, and a bad one is refused with a clear error', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const other = await server.createRoom()
    const session = await fetch(`${server.url}/api/rooms/${room.roomId}/session`, { headers: { Authorization: `Bearer ${room.tokens.observer}` } })
    expect(session.status).toBe(200)
    expect(await session.json()).toMatchObject({ roomId: room.roomId, role: 'observer' })

    // No credential, a malformed token, an unknown one, another room's, a non-Bearer header, a malformed room id: one answer.
    const attempts: [string, Record<string, string>][] = [
      [room.roomId, {}],
      [room.roomId, { Authorization: 'Bearer nope' }],
      [room.roomId, { Authorization: `Bearer ${'x'.repeat(43)}` }],
      [room.roomId, { Authorization: `Bearer ${other.tokens.interviewer}` }],
      [room.roomId, { Authorization: 'Basic x' }],
      [encodeURIComponent('../etc'), { Authorization: `Bearer ${room.tokens.observer}` }],
    ]
    const answers = new Set<string>()
    for (const [roomId, headers] of attempts) {
      const refused = await fetch(`${server.url}/api/rooms/${roomId}/session`, { headers })
      expect(refused.status).toBe(401)
      answers.add(JSON.stringify(await refused.json()))
    }
    expect([...answers]).toEqual([JSON.stringify({ error: { code: 'UNAUTHORIZED', message: 'This link is not valid or has expired.' } })])
    const reasons = server.logs.filter((line) => line.msg === 'credential refused').map((line) => line.reason)
    expect(reasons).toEqual([
      'no credential',
      'malformed invite token',
      'unknown invite token',
      'credential for another room',
      'malformed invite token',
      'credential for another room',
    ])
  })

  it('bad bodies get a 400 with a code and create nothing', async () => {
    server = await startTestServer()
    const count = () => (server!.db.$client.prepare('select count(*) as n from rooms').get() as { n: number }).n
    const { token } = await server.admin()
    const post = (body: string) =>
      fetch(`${server!.url}/api/rooms`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body })
    const cases: [string, number, string][] = [
      ['{"title": 5}', 400, 'INVALID_PAYLOAD'],
      ['{"title": ""}', 400, 'INVALID_PAYLOAD'],
      ['{"unexpected": true}', 400, 'INVALID_PAYLOAD'],
      ['{not json', 400, 'INVALID_JSON'],
      [JSON.stringify({ title: 'x'.repeat(100_000) }), 413, 'PAYLOAD_TOO_LARGE'],
    ]
    for (const [body, status, code] of cases) {
      const response = await post(body)
      expect(response.status).toBe(status)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code)
    }
    expect(count()).toBe(0)
  })

  it('healthz reports the database and loaded rooms; unknown API routes answer a JSON 404', async () => {
    server = await startTestServer()
    const health = await fetch(`${server.url}/healthz`)
    expect(await health.json()).toEqual({ ok: true, database: 'ok', boards: { failing: 0 }, roomsLoaded: 0, roomsOnline: 0 })
    const missing = await fetch(`${server.url}/api/nothing-here`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } })
  })
})

describe('room presence over Socket.IO', () => {
  it('everyone sees who is in the room, and who went offline', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const ada = await join(room.roomId, room.tokens.interviewer, 'Ada')
    const bob = await join(room.roomId, room.tokens.candidate, 'Bob')
    await waitFor(() => lastParticipants(ada).length === 2, { what: 'two participants at Ada' })
    expect(lastParticipants(ada).map(({ name, role, online }) => ({ name, role, online }))).toEqual([
      { name: 'Ada', role: 'interviewer', online: true },
      { name: 'Bob', role: 'candidate', online: true },
    ])
    bob.disconnect()
    await waitFor(() => lastParticipants(ada).find((p) => p.name === 'Bob')?.online === false, { what: 'Bob offline at Ada' })
    const events = readTimeline(server.db, room.roomId, { viewer: SERVER_VIEWER })
    expect(events.map((event) => event.type)).toEqual(['room.created', 'participant.joined', 'participant.joined', 'participant.left'])
  })

  it('a reload with the same browser key is the same participant, not a new one', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const first = await join(room.roomId, room.tokens.candidate, 'Bob', 'browserkey1')
    first.disconnect()
    const again = await join(room.roomId, room.tokens.candidate, 'Bobby', 'browserkey1')
    await waitFor(() => lastParticipants(again).length === 1 && lastParticipants(again)[0]!.name === 'Bobby', { what: 'renamed single participant' })
  })

  it('a handshake with a bad token, another room or a foreign Origin is refused', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const other = await server.createRoom()
    await expect(connectRoomSocket(server.url, room.roomId, 'x'.repeat(43))).rejects.toThrow(/not valid/)
    await expect(connectRoomSocket(server.url, room.roomId, other.tokens.candidate)).rejects.toThrow(/not valid/)
    await expect(connectRoomSocket(server.url, room.roomId, room.tokens.candidate, { origin: 'https://evil.example' })).rejects.toThrow()
    expect(server.db.$client.prepare('select count(*) as n from participants').get()).toEqual({ n: 0 })
  })

  it('unknown, malformed and oversized events get error acks and change nothing', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const socket = await join(room.roomId, room.tokens.candidate, 'Bob')
    expect(await emitWithAck(socket, 'admin:delete-everything', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } })
    expect(await emitWithAck(socket, 'participant:rename', { name: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } })
    expect(await emitWithAck(socket, 'participant:rename', { name: 'x'.repeat(70_000) })).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } })
    expect(await emitWithAck(socket, 'participant:rename', { name: 'Robert' })).toEqual({ ok: true })
    const names = server.db.$client.prepare('select name from participants').all() as { name: string }[]
    expect(names).toEqual([{ name: 'Robert' }])
    expect(server.logs.filter((line) => line.msg === 'socket event refused').map((line) => line.code)).toEqual([
      'UNKNOWN_EVENT',
      'INVALID_PAYLOAD',
      'PAYLOAD_TOO_LARGE',
    ])
  })
})
