import { Writable } from 'node:stream'
import { pino } from 'pino'
import { beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../server/db/connection.ts'
import { createNotesFeature, listNotesForRoom } from '../../../server/notes/index.ts'
import { participantChannel } from '../../../server/realtime/channels.ts'
import type { RoomServer, RoomSocket } from '../../../server/realtime/socket-server.ts'
import { insertRoom, upsertParticipant } from '../../../server/rooms/room-store.ts'
import type { Ack } from '../../../shared/events.ts'
import type { Note } from '../../../shared/notes-events.ts'
import type { Role } from '../../../shared/roles.ts'
import { SERVER_VIEWER } from '../../../shared/timeline.ts'
import { readTimeline } from '../../../server/timeline/index.ts'

interface Emitted {
  channel: string
  event: string
  payload: unknown
}

/** Just enough of a Socket.IO socket for onEvent: handlers by name, a direct emit, and socket.data. */
function fakeSocket(data: RoomSocket['data'], direct: Emitted[]) {
  const handlers = new Map<string, (payload: unknown, ack: (answer: Ack<{ note?: Note }>) => void) => void>()
  const socket = {
    data,
    on: (event: string, handler: never) => handlers.set(event, handler),
    emit: (event: string, payload: unknown) => direct.push({ channel: 'socket', event, payload }),
  }
  const call = (event: string, payload: unknown) =>
    new Promise<Ack<{ note?: Note }>>((resolve) => {
      const handler = handlers.get(event)
      if (!handler) throw new Error(`no handler for ${event}`)
      handler(payload, resolve)
    })
  return { socket: socket as unknown as RoomSocket, call }
}

let db: Db
let roomId: string
let phase: string | null
let emitted: Emitted[]
let logLines: string[]

function connect(role: Role, clientKey: string) {
  const participant = upsertParticipant(db, { roomId, clientKey, role, name: role }, Date.now())
  const io = { to: (channel: string) => ({ emit: (event: string, payload: unknown) => emitted.push({ channel, event, payload }) }) }
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString())
      done()
    },
  })
  const feature = createNotesFeature({ db, io: io as unknown as RoomServer, log: pino({ level: 'debug' }, sink), currentPhaseId: () => phase })
  const fake = fakeSocket({ roomId, role, name: role, clientKey, participantId: participant.id }, emitted)
  feature.handleConnection(fake.socket)
  return { ...fake, participantId: participant.id }
}

beforeEach(() => {
  db = openDatabase(':memory:')
  roomId = insertRoom(db, { title: 'Design a URL shortener' }, Date.now()).room.id
  phase = null
  emitted = []
  logLines = []
})

describe('notes feature', () => {
  it('tags a note with the phase current when it arrives; an edit keeps the note’s phase and records its own', async () => {
    const interviewer = connect('interviewer', 'interviewer-key')
    phase = 'clarify'
    const created = await interviewer.call('note:create', { noteId: 'note-0001', revisionId: 'rev-00001', body: 'asks about scale' })
    phase = 'deep-dive'
    const edited = await interviewer.call('note:edit', { noteId: 'note-0001', revisionId: 'rev-00002', body: 'asks about scale early' })
    expect(created.ok && created.note?.phaseId).toBe('clarify')
    expect(edited.ok && edited.note).toMatchObject({ phaseId: 'clarify', body: 'asks about scale early', revisions: 2 })
    const [history] = listNotesForRoom(db, roomId)
    expect(history?.history.map((revision) => [revision.body, revision.phaseId])).toEqual([
      ['asks about scale', 'clarify'],
      ['asks about scale early', 'deep-dive'],
    ])
  })

  it('an edit is a new revision: the earlier text is kept, and the timeline has one event per write without the text', async () => {
    const observer = connect('observer', 'observer-key')
    await observer.call('note:create', { noteId: 'note-0001', revisionId: 'rev-00001', body: 'first words' })
    await observer.call('note:edit', { noteId: 'note-0001', revisionId: 'rev-00002', body: 'second words' })
    await observer.call('note:edit', { noteId: 'note-0001', revisionId: 'rev-00003', body: '' })
    const [note] = listNotesForRoom(db, roomId)
    expect(note?.history.map((revision) => revision.body)).toEqual(['first words', 'second words', ''])
    expect(note).toMatchObject({ body: '', revisions: 3 })
    const events = readTimeline(db, roomId, { viewer: SERVER_VIEWER, types: ['note.created', 'note.edited'] })
    expect(events.map((event) => event.type)).toEqual(['note.created', 'note.edited', 'note.edited'])
    expect(events.every((event) => event.participantId === observer.participantId)).toBe(true)
    expect(events.map((event) => event.payload)).toContainEqual({ noteId: 'note-0001', revisionId: 'rev-00002', revision: 2, phaseId: null })
    expect(events.some((event) => JSON.stringify(event.payload).includes('words'))).toBe(false)
  })

  it('a saved note goes only to its author’s channel, and its text never reaches a log line', async () => {
    const interviewer = connect('interviewer', 'interviewer-key')
    await interviewer.call('note:create', { noteId: 'note-0001', revisionId: 'rev-00001', body: 'SECRET-NOTE-TEXT' })
    const saved = emitted.filter((e) => e.event === 'note:saved')
    expect(saved.map((e) => e.channel)).toEqual([participantChannel(interviewer.participantId)])
    expect(logLines.some((line) => line.includes('"msg":"note saved"'))).toBe(true)
    expect(logLines.join('\n')).not.toContain('SECRET-NOTE-TEXT')
  })

  it('resending a create or an edit with the same ids writes nothing more and emits nothing', async () => {
    const interviewer = connect('interviewer', 'interviewer-key')
    const create = { noteId: 'note-0001', revisionId: 'rev-00001', body: 'once' }
    const edit = { noteId: 'note-0001', revisionId: 'rev-00002', body: 'twice' }
    await interviewer.call('note:create', create)
    await interviewer.call('note:edit', edit)
    const before = emitted.length
    const again = [await interviewer.call('note:create', create), await interviewer.call('note:edit', edit)]
    expect(again.map((ack) => ack.ok && ack.note?.revisions)).toEqual([2, 2])
    expect(emitted.length).toBe(before)
    expect(listNotesForRoom(db, roomId)[0]?.history).toHaveLength(2)
    expect(readTimeline(db, roomId, { viewer: SERVER_VIEWER, types: ['note.created', 'note.edited'] })).toHaveLength(2)
  })

  it('ids already taken by another author are refused, and nobody can edit someone else’s note', async () => {
    const interviewer = connect('interviewer', 'interviewer-key')
    const observer = connect('observer', 'observer-key')
    await interviewer.call('note:create', { noteId: 'note-0001', revisionId: 'rev-00001', body: 'mine' })
    const stolenId = await observer.call('note:create', { noteId: 'note-0001', revisionId: 'rev-00001', body: 'hijack' })
    const stolenRevision = await observer.call('note:create', { noteId: 'note-0002', revisionId: 'rev-00001', body: 'hijack' })
    const foreignEdit = await observer.call('note:edit', { noteId: 'note-0001', revisionId: 'rev-00009', body: 'overwrite' })
    expect([stolenId, stolenRevision, foreignEdit].map((ack) => !ack.ok && ack.error.code)).toEqual(['CONFLICT', 'CONFLICT', 'NOT_FOUND'])
    expect(listNotesForRoom(db, roomId).map((note) => [note.authorId, note.body])).toEqual([[interviewer.participantId, 'mine']])
  })

  it('on connect an author receives only their own notes; a candidate receives no list at all', async () => {
    const interviewer = connect('interviewer', 'interviewer-key')
    const observer = connect('observer', 'observer-key')
    await interviewer.call('note:create', { noteId: 'note-0001', revisionId: 'rev-00001', body: 'interviewer note' })
    await observer.call('note:create', { noteId: 'note-0002', revisionId: 'rev-00002', body: 'observer note' })
    emitted = []
    connect('interviewer', 'interviewer-key')
    connect('candidate', 'candidate-key')
    const lists = emitted.filter((e) => e.event === 'notes:list').map((e) => (e.payload as Note[]).map((note) => note.body))
    expect(lists).toEqual([['interviewer note']])
  })
})
