import { InstancePresenceRecordType, type TLInstancePresence, type TLPageId } from '@tldraw/tlschema'
import * as encoding from 'lib0/encoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { connectBoard, openRawBoard, type BoardClient, type RawBoardSocket } from './helpers/board-client.ts'
import { joinAndWelcome, type TestRoomSocket } from './helpers/room-socket.ts'
import { startTestServer, type TestRoom, type TestServer } from './helpers/test-server.ts'
import { waitFor } from './helpers/wait-for.ts'

let server: TestServer
const clients: BoardClient[] = []
const raws: RawBoardSocket[] = []
const sockets: TestRoomSocket[] = []

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.destroy()
})
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy()
  for (const raw of raws.splice(0)) raw.ws.terminate()
  for (const socket of sockets.splice(0)) socket.disconnect()
})

/** Who each role is: the board ticket is taken by the same browser (client key) as the room socket, so it is the same participant. */
const VISITORS = {
  interviewer: { name: 'Ada', clientKey: 'browser-ada' },
  candidate: { name: 'Bob', clientKey: 'browser-bob' },
  observer: { name: 'Olu', clientKey: 'browser-olu' },
} as const

/** A room where Ada (interviewer), Bob (candidate) and Olu (observer) have joined, each with a board client. */
async function roomWithEveryone() {
  const room = await server.createRoom()
  const ids: Record<string, string> = {}
  for (const role of ['interviewer', 'candidate', 'observer'] as const) {
    const { socket, participantId } = await joinAndWelcome(server.url, room.roomId, room.tokens[role], VISITORS[role])
    sockets.push(socket)
    ids[role] = participantId
  }
  const [interviewer, candidate, observer] = await Promise.all(
    (['interviewer', 'candidate', 'observer'] as const).map((role) => connectBoard(server.url, room.roomId, room.tokens[role], VISITORS[role])),
  )
  clients.push(interviewer!, candidate!, observer!)
  return { room, ids, interviewer: interviewer!, candidate: candidate!, observer: observer! }
}

function presence(fields: Partial<TLInstancePresence> = {}): TLInstancePresence {
  return InstancePresenceRecordType.create({
    id: InstancePresenceRecordType.createId('x'),
    currentPageId: 'page:page' as TLPageId,
    userId: 'user:someone' as TLInstancePresence['userId'],
    userName: 'Someone',
    cursor: { x: 10, y: 20, type: 'default', rotation: 0 },
    ...fields,
  })
}

function presenceOf(client: BoardClient, clientId: number): TLInstancePresence | undefined {
  return (client.provider.awareness.getStates().get(clientId) as { presence?: TLInstancePresence } | undefined)?.presence
}

/** An awareness update as y-protocols encodes it: one entry per client id. */
function awarenessUpdate(entries: [clientId: number, clock: number, state: unknown][]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, JSON.stringify(state))
  }
  return encoding.toUint8Array(encoder)
}

async function openRaw(room: TestRoom, role: 'interviewer' | 'candidate' | 'observer') {
  const raw = await openRawBoard(server.url, room.roomId, room.tokens[role], VISITORS[role])
  raws.push(raw)
  return raw
}

describe('board awareness carries only the sender’s own identity', () => {
  it('an observer’s presence naming the interviewer reaches the others with the observer’s own name, id and role', async () => {
    const { ids, candidate, observer, interviewer } = await roomWithEveryone()
    observer.provider.awareness.setLocalState({
      presence: presence({ userName: 'Ada', userId: `user:${ids.interviewer}` as TLInstancePresence['userId'], meta: { role: 'interviewer' } }),
    })
    const seen = await waitFor(() => presenceOf(candidate, observer.doc.clientID), { what: 'the observer’s cursor at the candidate' })
    expect(seen).toMatchObject({ userName: 'Olu', userId: `user:${ids.observer}`, meta: { role: 'observer' }, cursor: { x: 10, y: 20 } })
    expect(presenceOf(interviewer, observer.doc.clientID)).toMatchObject({ userName: 'Olu' })
  })

  it('a state under another connection’s client id is dropped; the sender’s own still goes through', async () => {
    const { room, candidate, interviewer } = await roomWithEveryone()
    interviewer.provider.awareness.setLocalState({ presence: presence({ userName: 'whatever' }) })
    await waitFor(() => presenceOf(candidate, interviewer.doc.clientID)?.userName === 'Ada', { what: 'the interviewer’s cursor at the candidate' })

    const raw = await openRaw(room, 'observer')
    raw.sendAwareness(awarenessUpdate([[interviewer.doc.clientID, 10_000, { presence: presence({ userName: 'Mallory' }) }]]))
    raw.sendAwareness(awarenessUpdate([[424242, 1, { presence: presence() }]]))
    // The observer's own state arriving proves the forged one, sent before it, had its chance.
    await waitFor(() => presenceOf(candidate, 424242)?.userName === 'Olu', { what: 'the observer’s own state at the candidate' })
    expect(presenceOf(candidate, interviewer.doc.clientID)?.userName).toBe('Ada')
    expect(server.logs.some((line) => line.msg === 'board awareness dropped' && (line.why as string[]).includes('not-own-client'))).toBe(true)
  })

  it('a state over the size budget, a presence tldraw rejects and extra states are dropped', async () => {
    const { room, candidate } = await roomWithEveryone()
    const raw = await openRaw(room, 'candidate')
    const seen: unknown[] = []
    candidate.provider.awareness.on('change', () => seen.push(candidate.provider.awareness.getStates().get(7001)))

    raw.sendAwareness(awarenessUpdate([[7001, 1, { presence: presence({ chatMessage: 'x'.repeat(5000) }) }]]))
    raw.sendAwareness(awarenessUpdate([[7001, 2, { presence: { ...presence(), cursor: 'nowhere' } }]]))
    raw.sendAwareness(
      awarenessUpdate([
        [7002, 1, {}],
        [7003, 1, {}],
      ]),
    )
    raw.sendAwareness(awarenessUpdate([[7001, 3, { presence: presence({ chatMessage: 'hi' }) }]]))
    await waitFor(() => presenceOf(candidate, 7001)?.chatMessage === 'hi', { what: 'the small state at the candidate' })
    expect(seen.every((state) => state === undefined || (state as { presence: TLInstancePresence }).presence.chatMessage === 'hi')).toBe(true)
    // A connection holds at most two client ids: 7001 and 7002; 7003 never appears.
    expect(candidate.provider.awareness.getStates().has(7003)).toBe(false)
    const why = server.logs.filter((line) => line.msg === 'board awareness dropped').flatMap((line) => line.why as string[])
    expect(why).toEqual(expect.arrayContaining(['too-large']))
  })

  it('a flood of presence updates is thinned to the presence rate', async () => {
    const { room, candidate } = await roomWithEveryone()
    const raw = await openRaw(room, 'candidate')
    let updates = 0
    candidate.provider.awareness.on('update', ({ updated, added }: { updated: number[]; added: number[] }) => {
      if ([...updated, ...added].includes(8001)) updates++
    })
    const startedAt = performance.now()
    for (let clock = 1; clock <= 200; clock++) raw.sendAwareness(awarenessUpdate([[8001, clock, { presence: presence({ chatMessage: String(clock) }) }]]))
    const floodedFor = (performance.now() - startedAt) / 1000
    // Then a last state, sent again until the budget lets it through: once it arrived, the flood was handled.
    let clock = 1000
    await waitFor(
      () => {
        raw.sendAwareness(awarenessUpdate([[8001, clock++, { presence: presence({ chatMessage: 'end' }) }]]))
        return presenceOf(candidate, 8001)?.chatMessage === 'end'
      },
      { what: 'the last state after the flood', timeoutMs: 15_000, intervalMs: 50 },
    )
    expect(floodedFor).toBeLessThan(1)
    const seconds = (performance.now() - startedAt) / 1000
    // The budget: a burst of 30, then 45 a second (PRESENCE_MAX_HZ and half again), plus a last state in flight.
    expect(updates).toBeLessThanOrEqual(30 + Math.ceil(45 * seconds) + 2)
    expect(updates).toBeLessThan(200)
    expect(server.logs.some((line) => line.msg === 'board awareness dropped' && (line.why as string[]).includes('too-fast'))).toBe(true)
  }, 40_000)
})
