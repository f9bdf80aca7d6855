import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { SqliteBoardStore } from '../../server/whiteboard/board-store.ts'
import { boardStateAt } from '../../server/whiteboard/room-doc.ts'
import { boardRecords } from '../../server/whiteboard/board-seed.ts'
import { connectBoard, takeBoardTicket, tryUpgrade, type BoardClient } from './helpers/board-client.ts'
import { joinAndWelcome } from './helpers/room-socket.ts'
import { startTestServer, type TestServer } from './helpers/test-server.ts'
import { waitFor } from './helpers/wait-for.ts'
import { SERVER_VIEWER } from '../../shared/timeline.ts'
import { readTimeline } from '../../server/timeline/index.ts'

let server: TestServer | undefined
const clients: BoardClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.destroy()
  server = undefined
})

async function connect(s: TestServer, roomId: string, token: string, visitor: { name?: string; clientKey?: string } = {}) {
  const client = await connectBoard(s.url, roomId, token, visitor)
  clients.push(client)
  return client
}

function persistedShapeIds(s: TestServer, roomId: string): string[] {
  const doc = boardStateAt(new SqliteBoardStore(s.db.$client), roomId, Date.now())
  const ids = [...boardRecords(doc).map.keys()].filter((key) => key.startsWith('shape:')).sort()
  doc.destroy()
  return ids
}

function boardRowCount(s: TestServer): number {
  return (s.db.$client.prepare('select count(*) as n from board_updates').get() as { n: number }).n
}

describe('whiteboard sync', () => {
  it('a new room is seeded by the server: the first client finds the document and page records', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const client = await connect(server, room.roomId, room.tokens.candidate)
    expect(client.records.get('document:document')).toMatchObject({ typeName: 'document' })
    expect([...client.records.map.keys()].filter((key) => key.startsWith('page:'))).toHaveLength(1)
  })

  it('two clients converge on the same records', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const a = await connect(server, room.roomId, room.tokens.interviewer)
    const b = await connect(server, room.roomId, room.tokens.candidate)
    a.putShape('shape:a')
    b.putShape('shape:b')
    await waitFor(() => a.shapeIds().length === 2 && b.shapeIds().length === 2, { what: 'both shapes on both clients' })
    expect(a.shapeIds()).toEqual(['shape:a', 'shape:b'])
    expect(b.records.get('shape:a')).toEqual(a.records.get('shape:a'))
  })

  it('clients joining an unloaded room at the same moment share one load', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const joined = await Promise.all(
      [room.tokens.interviewer, room.tokens.candidate, room.tokens.observer].map((token) => connect(server!, room.roomId, token)),
    )
    joined[0]!.putShape('shape:one')
    await waitFor(() => joined.every((client) => client.shapeIds().length === 1), { what: 'the shape on all three clients' })
    expect(server.logs.filter((line) => line.msg === 'board loaded' && line.roomId === room.roomId)).toHaveLength(1)
  })

  it('a late joiner receives the full state', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const a = await connect(server, room.roomId, room.tokens.interviewer)
    for (let i = 0; i < 20; i++) a.putShape(`shape:${i}`, i)
    a.putShape('shape:3', 300)
    const late = await connect(server, room.roomId, room.tokens.candidate)
    await waitFor(() => late.shapeIds().length === 20, { what: 'late joiner to have 20 shapes' })
    expect((late.records.get('shape:3') as { x: number }).x).toBe(300)
  })

  it('after everyone leaves the doc is unloaded and the database holds the state', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const a = await connect(server, room.roomId, room.tokens.interviewer)
    a.putShape('shape:kept')
    await waitFor(() => server!.boards.isLoaded(room.roomId), { what: 'board loaded' })
    a.destroy()
    await waitFor(() => !server!.boards.isLoaded(room.roomId), { what: 'board unloaded' })
    expect(persistedShapeIds(server, room.roomId)).toEqual(['shape:kept'])
    expect(server.logs.some((line) => line.msg === 'board unloaded' && line.roomId === room.roomId)).toBe(true)
    // Every stored diff is on the room's timeline with its sequence number.
    const diffs = server.db.$client.prepare(`select seq from board_updates where room_id = ? and kind = 'diff' order by seq`).all(room.roomId) as {
      seq: number
    }[]
    const timeline = readTimeline(server.db, room.roomId, { viewer: SERVER_VIEWER, types: ['board.diff'] }).map((event) => ({ seq: event.payload.seq }))
    expect(diffs.length).toBeGreaterThan(0)
    expect(timeline).toEqual(diffs)
  })

  it('a server restart keeps the board', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const a = await connect(server, room.roomId, room.tokens.interviewer)
    a.putShape('shape:survivor', 42)
    await waitFor(() => persistedShapeIds(server!, room.roomId).length === 1, { what: 'shape flushed' })
    a.destroy()
    const dataDir = server.dataDir
    await server.close()
    server = await startTestServer({}, dataDir)
    const b = await connect(server, room.roomId, room.tokens.candidate)
    expect(b.shapeIds()).toEqual(['shape:survivor'])
    expect((b.records.get('shape:survivor') as { x: number }).x).toBe(42)
  })

  it('shutdown flushes edits still inside the flush window', async () => {
    server = await startTestServer({ BOARD_FLUSH_INTERVAL_MS: '60000' })
    const room = await server.createRoom()
    const a = await connect(server, room.roomId, room.tokens.interviewer)
    const b = await connect(server, room.roomId, room.tokens.candidate)
    a.putShape('shape:last-second')
    await waitFor(() => b.shapeIds().length === 1, { what: 'the edit to reach the server' })
    const dataDir = server.dataDir
    await server.close()
    server = await startTestServer({}, dataDir)
    expect(persistedShapeIds(server, room.roomId)).toEqual(['shape:last-second'])
  })
})

describe('whiteboard access', () => {
  it('a forged Origin, no ticket, a malformed, unknown, spent, other room’s or expired ticket, and a bare invite token are refused alike with nothing written', async () => {
    server = await startTestServer({ BOARD_TICKET_TTL_MS: '300' })
    const room = await server.createRoom()
    const other = await server.createRoom()
    const base = `${server.url.replace('http', 'ws')}/yjs/${room.roomId}`
    const ticket = () => takeBoardTicket(server!.url, room.roomId, room.tokens.interviewer)
    const rowsBefore = boardRowCount(server)

    expect(await tryUpgrade(`${base}?ticket=${await ticket()}`, { Origin: 'https://evil.example' })).toEqual({ status: 403 })
    const spent = await ticket()
    const opened = await tryUpgrade(`${base}?ticket=${spent}`)
    if ('open' in opened) opened.open.close()
    const late = await ticket()
    const issuedAt = Date.now()
    await waitFor(() => Date.now() - issuedAt > 350, { what: 'the ticket to expire' })
    const refused = [
      base,
      `${base}?ticket=short`,
      `${base}?ticket=${'x'.repeat(43)}`,
      `${base}?ticket=${spent}`,
      `${base}?ticket=${await takeBoardTicket(server.url, other.roomId, other.tokens.interviewer)}`,
      `${base}?ticket=${late}`,
      `${base}?token=${room.tokens.interviewer}`,
    ]
    for (const url of refused) expect(await tryUpgrade(url)).toEqual({ status: 401 })

    expect('open' in opened).toBe(true)
    expect(boardRowCount(server)).toBe(rowsBefore)
    const reasons = server.logs.filter((line) => line.msg === 'credential refused').map((line) => line.reason)
    expect(reasons).toEqual([
      'malformed board ticket',
      'malformed board ticket',
      'unknown ticket',
      'unknown ticket',
      'credential for another room',
      'expired ticket',
      'malformed board ticket',
    ])
  })

  it('a board ticket carries the participant: the connection knows their server-side id, name and role', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const { socket, participantId } = await joinAndWelcome(server.url, room.roomId, room.tokens.candidate, { name: 'Bob', clientKey: 'bobs-browser' })
    const client = await connect(server, room.roomId, room.tokens.candidate, { name: 'Bob', clientKey: 'bobs-browser' })
    expect(client.provider.synced).toBe(true)
    const joined = await waitFor(() => server!.logs.find((line) => line.msg === 'board socket joined' && line.roomId === room.roomId), {
      what: 'board joined log',
    })
    expect(joined).toMatchObject({ participantId, role: 'candidate' })
    const participants = server.db.$client.prepare('select count(*) as n from participants where room_id = ?').get(room.roomId)
    expect(participants).toEqual({ n: 1 })
    socket.disconnect()
  })

  it('the allowed browser origin is accepted', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const ticket = await takeBoardTicket(server.url, room.roomId, room.tokens.candidate)
    const result = await tryUpgrade(`${server.url.replace('http', 'ws')}/yjs/${room.roomId}?ticket=${ticket}`, {
      Origin: `http://localhost:${server.port}`,
    })
    expect('open' in result).toBe(true)
    if ('open' in result) result.open.close()
  })

  it('an oversize frame closes the socket with 1009 and nothing is written', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const watcher = await connect(server, room.roomId, room.tokens.candidate)
    const rowsBefore = boardRowCount(server)
    const ticket = await takeBoardTicket(server.url, room.roomId, room.tokens.interviewer)
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/yjs/${room.roomId}?ticket=${ticket}`)
    await new Promise((resolve) => ws.once('open', resolve))
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    ws.send(new Uint8Array(1024 * 1024 + 16))
    expect(await closed).toBe(1009)
    expect(watcher.shapeIds()).toEqual([])
    expect(boardRowCount(server)).toBe(rowsBefore)
  })

  it('an observer’s write never reaches the other clients nor the database, and is logged', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const candidate = await connect(server, room.roomId, room.tokens.candidate)
    const observer = await connect(server, room.roomId, room.tokens.observer)
    observer.putShape('shape:from-observer')
    candidate.putShape('shape:from-candidate')
    // The candidate's later edit arriving proves the observer's earlier one had its chance to travel.
    await waitFor(() => observer.shapeIds().includes('shape:from-candidate'), { what: 'candidate edit at the observer' })
    await waitFor(() => persistedShapeIds(server!, room.roomId).length === 1, { what: 'candidate edit persisted' })
    expect(candidate.shapeIds()).toEqual(['shape:from-candidate'])
    expect(persistedShapeIds(server, room.roomId)).toEqual(['shape:from-candidate'])
    expect(server.logs.some((line) => line.msg === 'read-only board write dropped' && line.role === 'observer')).toBe(true)
  })
})
