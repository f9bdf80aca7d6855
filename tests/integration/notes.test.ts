import { afterEach, describe, expect, it } from 'vitest'
import { Outbox, outboxKey } from '../../client/src/outbox/outbox.ts'
import { syncOutbox, type OutboxSync, type ProtocolSocket } from '../../client/src/outbox/socket-outbox.ts'
import { listNotesForRoom } from '../../server/notes/index.ts'
import type { Note } from '../../shared/notes-events.ts'
import type { Role } from '../../shared/roles.ts'
import type { TimerStateMessage } from '../../shared/timer-events.ts'
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

async function join(room: TestRoom, role: Role, clientKey = `${role}-client-key`) {
  const joined = await joinAndWelcome(server!.url, room.roomId, room.tokens[role], { name: role, clientKey })
  sockets.push(joined.socket)
  return joined
}

const received = (socket: TestRoomSocket, event: string) => socket.received.filter((entry) => entry.event === event).map((entry) => entry.args[0])
const noteRows = (roomId: string) => listNotesForRoom(server!.db, roomId)
const timerStates = (socket: TestRoomSocket) => (received(socket, 'timer:state') as TimerStateMessage[]).map((message) => message.state)
const noteEvents = (roomId: string) => readTimeline(server!.db, roomId, { viewer: SERVER_VIEWER, types: ['note.created', 'note.edited'] })
const noteEventCount = (roomId: string) => noteEvents(roomId).length

function create(noteId: string, revisionId: string, body: string) {
  return { noteId, revisionId, body }
}

describe('private notes over sockets', () => {
  it('notes typed while disconnected, and kept across a reload, arrive in order after reconnecting', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const { socket, participantId } = await join(room, 'interviewer')
    const storage = new MemoryStorage()
    const key = outboxKey('notes', room.roomId, participantId)
    const firstPage = syncOutbox(socket as ProtocolSocket, new Outbox({ storage, key }))
    syncs.push(firstPage)

    socket.disconnect()
    const offline = new Outbox({ storage, key })
    offline.enqueue({ id: 'rev-00001', event: 'note:create', payload: create('note-0001', 'rev-00001', 'typed offline, first') })
    offline.enqueue({ id: 'rev-00002', event: 'note:create', payload: create('note-0002', 'rev-00002', 'typed offline, second') })
    offline.enqueue({ id: 'rev-00003', event: 'note:edit', payload: create('note-0001', 'rev-00003', 'first, edited offline') })
    expect(await firstPage.flush()).toBe('stalled')
    expect(noteRows(room.roomId)).toEqual([])

    // A reload: the page's outbox is gone, the storage is not.
    firstPage.stop()
    const reloaded = new Outbox({ storage, key })
    syncs.push(syncOutbox(socket as ProtocolSocket, reloaded))
    socket.connect()
    await waitFor(() => reloaded.entries().length === 0, { what: 'the outbox to drain after reconnect' })

    const notes = noteRows(room.roomId)
    expect(notes.map((note) => [note.id, note.body, note.revisions])).toEqual([
      ['note-0001', 'first, edited offline', 2],
      ['note-0002', 'typed offline, second', 1],
    ])
    expect(notes.every((note) => note.authorId === participantId)).toBe(true)
    const saved = received(socket, 'note:saved') as Note[]
    expect(saved.map((note) => `${note.id}@${note.revisions}`)).toEqual(['note-0001@1', 'note-0002@1', 'note-0001@2'])
  })

  it('a resend after a lost ack is recognised: one note, one revision, one timeline event', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const { socket } = await join(room, 'observer')
    const payload = create('note-0001', 'rev-00001', 'said "eventual consistency" unprompted')
    const first = await emitWithAck(socket, 'note:create', payload)
    const again = await emitWithAck(socket, 'note:create', payload)
    const edit = create('note-0001', 'rev-00002', 'edited')
    await emitWithAck(socket, 'note:edit', edit)
    const editAgain = await emitWithAck(socket, 'note:edit', edit)
    expect([first, again, editAgain].map((ack) => ack.ok)).toEqual([true, true, true])
    expect(noteRows(room.roomId)).toHaveLength(1)
    expect(noteRows(room.roomId)[0]?.history).toHaveLength(2)
    expect(noteEventCount(room.roomId)).toBe(2)
    await waitFor(() => received(socket, 'note:saved').length === 2, { what: 'two note:saved events' })
  })

  it('edits create revisions and never overwrite: every earlier text is still stored', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const { socket } = await join(room, 'interviewer')
    await emitWithAck(socket, 'note:create', create('note-0001', 'rev-00001', 'v1: draws a single DB'))
    await emitWithAck(socket, 'note:edit', create('note-0001', 'rev-00002', 'v2: draws a single DB, then shards'))
    const last = (await emitWithAck(socket, 'note:edit', create('note-0001', 'rev-00003', 'v3'))) as { ok: boolean; note?: Note }
    expect(last.note).toMatchObject({ id: 'note-0001', body: 'v3', revisions: 3 })
    expect(noteRows(room.roomId)[0]?.history.map((revision) => revision.body)).toEqual(['v1: draws a single DB', 'v2: draws a single DB, then shards', 'v3'])
    expect(noteEvents(room.roomId).map((event) => event.type)).toEqual(['note.created', 'note.edited', 'note.edited'])
  })

  it('a note is tagged with the timer’s phase at the moment it arrives', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const { socket } = await join(room, 'interviewer')
    const beforeStart = (await emitWithAck(socket, 'note:create', create('note-0001', 'rev-00001', 'lobby note'))) as { note?: Note }
    expect(await emitWithAck(socket, 'interview:start', {})).toMatchObject({ ok: true })
    const running = await waitFor(() => timerStates(socket).find((state) => state.status === 'running'), { what: 'the running timer' })
    const during = (await emitWithAck(socket, 'note:create', create('note-0002', 'rev-00002', 'first phase note'))) as { note?: Note }
    expect(beforeStart.note?.phaseId).toBeNull()
    expect(during.note?.phaseId).toBe(running.phases[running.phaseIndex]?.id)
    expect(during.note?.phaseId).toEqual(expect.any(String))
  })

  it('the observer never receives the interviewer’s notes, and the interviewer never receives the observer’s', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const interviewer = await join(room, 'interviewer')
    const observer = await join(room, 'observer')
    await emitWithAck(interviewer.socket, 'note:create', create('note-int-1', 'rev-int-01', 'INTERVIEWER-ONLY'))
    await emitWithAck(observer.socket, 'note:create', create('note-obs-1', 'rev-obs-01', 'OBSERVER-ONLY'))
    // Fresh connections get the connect-time list: each author's own, nobody else's.
    const interviewerAgain = await join(room, 'interviewer')
    const observerAgain = await join(room, 'observer')
    const listOf = (socket: TestRoomSocket) => waitFor(() => received(socket, 'notes:list')[0] as Note[] | undefined, { what: 'notes:list' })
    expect((await listOf(interviewerAgain.socket)).map((note) => note.body)).toEqual(['INTERVIEWER-ONLY'])
    expect((await listOf(observerAgain.socket)).map((note) => note.body)).toEqual(['OBSERVER-ONLY'])
    const fetched = (await emitWithAck(observer.socket, 'notes:fetch', {})) as { notes?: Note[] }
    expect(fetched.notes?.map((note) => note.id)).toEqual(['note-obs-1'])
    for (const { socket } of [interviewer, interviewerAgain]) expect(JSON.stringify(socket.received)).not.toContain('OBSERVER-ONLY')
    for (const { socket } of [observer, observerAgain]) expect(JSON.stringify(socket.received)).not.toContain('INTERVIEWER-ONLY')
  })

  it('a candidate emitting note events is refused with FORBIDDEN, nothing is written, and the refusal is logged', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const interviewer = await join(room, 'interviewer')
    await emitWithAck(interviewer.socket, 'note:create', create('note-0001', 'rev-00001', 'the interviewer’s'))
    const { socket } = await join(room, 'candidate')
    const acks = [
      await emitWithAck(socket, 'note:create', create('note-cand', 'rev-cand1', 'candidate note')),
      await emitWithAck(socket, 'note:edit', create('note-0001', 'rev-cand2', 'overwrite the interviewer')),
      await emitWithAck(socket, 'notes:fetch', {}),
    ]
    expect(acks.map((ack) => ack.error?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'])
    expect(noteRows(room.roomId).map((note) => note.body)).toEqual(['the interviewer’s'])
    expect(noteEventCount(room.roomId)).toBe(1)
    const refusals = server.logs.filter((line) => line.msg === 'socket event refused' && line.code === 'FORBIDDEN' && line.role === 'candidate')
    expect(refusals.map((line) => line.event)).toEqual(['note:create', 'note:edit', 'notes:fetch'])
  })

  it('a candidate’s socket receives no note payload during a scripted exchange', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const candidate = await join(room, 'candidate')
    const interviewer = await join(room, 'interviewer')
    const observer = await join(room, 'observer')
    await emitWithAck(candidate.socket, 'chat:send', { messageId: 'chat-0001', body: 'Should I assume global traffic?' })
    await emitWithAck(interviewer.socket, 'note:create', create('note-int-1', 'rev-int-01', 'PRIVATE-A asks good clarifying questions'))
    await emitWithAck(observer.socket, 'note:create', create('note-obs-1', 'rev-obs-01', 'PRIVATE-B misses the read/write ratio'))
    await emitWithAck(interviewer.socket, 'chat:send', { messageId: 'chat-0002', body: 'Yes, three regions.' })
    await emitWithAck(interviewer.socket, 'note:edit', create('note-int-1', 'rev-int-02', 'PRIVATE-C asks good questions, then stalls'))
    await emitWithAck(observer.socket, 'notes:fetch', {})
    await interviewer.socket.timeout(5000).emitWithAck('participant:rename', { name: 'Interviewer Two' })
    // Everything above was emitted before this last message: once the candidate has it, nothing else is on its way.
    await emitWithAck(observer.socket, 'chat:send', { messageId: 'chat-0003', body: 'END-OF-SCRIPT' })
    await waitFor(() => JSON.stringify(candidate.socket.received).includes('END-OF-SCRIPT'), { what: 'the last chat message at the candidate' })

    const events = new Set(candidate.socket.received.map((entry) => entry.event))
    expect([...events].filter((event) => event.startsWith('note'))).toEqual([])
    const everything = JSON.stringify(candidate.socket.received)
    for (const secret of ['PRIVATE-A', 'PRIVATE-B', 'PRIVATE-C', 'note-int-1', 'note-obs-1', 'rev-int-02']) expect(everything).not.toContain(secret)
    expect(events.has('chat:message')).toBe(true)
  })

  it('malformed and oversized note events get error acks, are logged, and write nothing', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const { socket } = await join(room, 'interviewer')
    const cases: [string, unknown, string][] = [
      ['note:create', { noteId: 'note-0001', revisionId: 'rev-00001' }, 'INVALID_PAYLOAD'],
      ['note:create', create('note-0001', 'rev-00001', '   '), 'INVALID_PAYLOAD'],
      ['note:create', create('bad id!', 'rev-00001', 'text'), 'INVALID_PAYLOAD'],
      ['note:create', { ...create('note-0001', 'rev-00001', 'text'), authorId: 'someone-else' }, 'INVALID_PAYLOAD'],
      ['note:create', create('note-0001', 'rev-00001', 'x'.repeat(10_001)), 'INVALID_PAYLOAD'],
      ['note:edit', 'not an object', 'INVALID_PAYLOAD'],
      ['note:edit', create('note-0404', 'rev-00002', 'no such note'), 'NOT_FOUND'],
      ['note:create', create('note-0001', 'rev-00001', 'x'.repeat(70_000)), 'PAYLOAD_TOO_LARGE'],
    ]
    for (const [event, payload, code] of cases) {
      expect((await emitWithAck(socket, event, payload)).error?.code, `${event} ${JSON.stringify(payload).slice(0, 60)}`).toBe(code)
    }
    expect(noteRows(room.roomId)).toEqual([])
    expect(noteEventCount(room.roomId)).toBe(0)
    expect(server.logs.filter((line) => line.msg === 'socket event refused').map((line) => line.code)).toEqual(cases.map(([, , code]) => code))
    const exactly = await emitWithAck(socket, 'note:create', create('note-0001', 'rev-00001', 'y'.repeat(10_000)))
    expect(exactly.ok).toBe(true)
  })
})
