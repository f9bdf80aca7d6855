import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SERVER_VIEWER, TIMELINE_EVENT_TYPES, type NewTimelineEvent, type TimelineEvent } from '../../../shared/timeline.ts'
import { openDatabase, type Db } from '../../../server/db/connection.ts'
import { rooms } from '../../../server/db/schema/index.ts'
import { insertRoom } from '../../../server/rooms/room-store.ts'
import { appendEvent, CorruptTimelineEventError, createTimelineWriter, InvalidTimelineEventError, readTimeline } from '../../../server/timeline/index.ts'
import { CANDIDATE, currentSampleEvents, INTERVIEWER, OBSERVER, sampleEvents, T0 } from './timeline-samples.ts'

let db: Db
let roomId: string

const withoutVersion = ({ v: _v, ...event }: TimelineEvent) => event as NewTimelineEvent
const rawRows = () => db.$client.prepare('select id, room_id, at, participant_id, type, v, payload from room_events where room_id = ? order by id').all(roomId)

beforeEach(() => {
  db = openDatabase(':memory:')
  roomId = insertRoom(db, { title: 'Timeline room' }, T0).room.id
})

afterEach(() => db.$client.close())

describe('appendEvent and readTimeline', () => {
  it('every type appended reads back typed and equal, in append order, after the room’s creation', () => {
    const appended = TIMELINE_EVENT_TYPES.map((type, index) => appendEvent(db, withoutVersion({ ...currentSampleEvents(roomId)[type], at: T0 + index })))
    const read = readTimeline(db, roomId, { viewer: SERVER_VIEWER })
    expect(read[0]?.type).toBe('room.created')
    expect(read.slice(1)).toEqual(appended)
    expect(read.map((event) => event.id)).toEqual([...read.map((event) => event.id)].sort((a, b) => a - b))
  })

  it('stamps the type’s current version on the stored row', () => {
    appendEvent(db, withoutVersion(sampleEvents(roomId)['board.diff']))
    expect(rawRows().at(-1)).toMatchObject({ type: 'board.diff', v: 1, payload: JSON.stringify({ seq: 3, bytes: 412 }) })
  })

  it('an invalid event throws inside the caller’s transaction, and the transaction’s other writes roll back', () => {
    const before = rawRows().length
    const bad = {
      roomId,
      at: T0,
      participantId: INTERVIEWER,
      type: 'question.fact-revealed',
      payload: { questionId: 'url-shortener', index: 'first' },
    } as unknown as NewTimelineEvent
    expect(() =>
      db.transaction((tx) => {
        tx.update(rooms).set({ title: 'changed' }).run()
        appendEvent(tx, bad)
      }),
    ).toThrow(InvalidTimelineEventError)
    expect(rawRows()).toHaveLength(before)
    expect(db.select({ title: rooms.title }).from(rooms).all()).toEqual([{ title: 'Timeline room' }])
  })

  it('an unknown type is refused, never stored', () => {
    const unknown = { roomId, at: T0, participantId: null, type: 'room.deleted', payload: {} } as unknown as NewTimelineEvent
    expect(() => appendEvent(db, unknown)).toThrow(/room\.deleted.*unknown type/)
    expect(() => appendEvent(db, { ...unknown, type: 'constructor' } as unknown as NewTimelineEvent)).toThrow(/unknown type/)
    expect(rawRows().map((row) => (row as { type: string }).type)).toEqual(['room.created'])
  })

  it('filters by time (both ends inclusive) and by type', () => {
    const samples = sampleEvents(roomId)
    for (const [offset, type] of [
      [10, 'timer.start'],
      [20, 'chat.message'],
      [30, 'timer.pause'],
      [40, 'chat.message'],
    ] as const) {
      appendEvent(db, withoutVersion({ ...samples[type], at: T0 + offset }))
    }
    const at = (events: { at: number }[]) => events.map((event) => event.at - T0)
    expect(at(readTimeline(db, roomId, { viewer: SERVER_VIEWER, from: T0 + 20, until: T0 + 30 }))).toEqual([20, 30])
    const chat = readTimeline(db, roomId, { viewer: SERVER_VIEWER, types: ['chat.message'] })
    expect(at(chat)).toEqual([20, 40])
    expect(chat[0]?.payload.messageId).toBe('chat-0001')
    expect(readTimeline(db, 'another-room', { viewer: SERVER_VIEWER })).toEqual([])
  })

  it('a participant reads only what their role and authorship allow, and nothing of another room', () => {
    const samples = sampleEvents(roomId)
    for (const type of ['interview.question-set', 'note.created', 'note.edited', 'chat.message'] as const) appendEvent(db, withoutVersion(samples[type]))
    const typesFor = (role: 'interviewer' | 'candidate' | 'observer', participantId: string, viewerRoom = roomId) =>
      readTimeline(db, roomId, { viewer: { kind: 'participant', roomId: viewerRoom, role, participantId } }).map((event) => event.type)
    expect(typesFor('candidate', CANDIDATE)).toEqual(['room.created', 'chat.message'])
    expect(typesFor('interviewer', INTERVIEWER)).toEqual(['room.created', 'interview.question-set', 'note.created', 'chat.message'])
    expect(typesFor('observer', OBSERVER)).toEqual(['room.created', 'interview.question-set', 'note.edited', 'chat.message'])
    expect(typesFor('interviewer', INTERVIEWER, 'another-room')).toEqual([])
  })

  it('a stored row that no longer matches the protocol stops the read with its id instead of being guessed at', () => {
    db.$client.prepare(`insert into room_events (room_id, at, type, v, payload) values (?, ?, 'board.diff', 1, '{"seq":"x"}')`).run(roomId, T0)
    expect(() => readTimeline(db, roomId, { viewer: SERVER_VIEWER })).toThrow(CorruptTimelineEventError)
  })

  it('the table is append-only: the database refuses to change or remove an event', () => {
    expect(() => db.$client.prepare(`update room_events set type = 'board.diff'`).run()).toThrow(/append-only/)
    expect(() => db.$client.prepare(`delete from room_events`).run()).toThrow(/append-only/)
    expect(rawRows()).toHaveLength(1)
  })
})

describe('createTimelineWriter (the prepared fast path)', () => {
  it('stores exactly the row appendEvent stores', () => {
    const event = withoutVersion(sampleEvents(roomId)['timer.extend'])
    appendEvent(db, event)
    const id = createTimelineWriter(db.$client).append(event)
    const [viaDrizzle, viaWriter] = rawRows().slice(-2) as { id: number }[]
    expect(viaWriter?.id).toBe(id)
    expect({ ...viaWriter, id: 0 }).toEqual({ ...viaDrizzle, id: 0 })
  })

  it('validates like appendEvent and writes nothing for an invalid event', () => {
    const writer = createTimelineWriter(db.$client)
    const bad = { roomId, at: T0, participantId: null, type: 'board.diff', payload: { seq: -1, bytes: 10 } } as unknown as NewTimelineEvent
    expect(() => writer.append(bad)).toThrow(InvalidTimelineEventError)
    expect(rawRows()).toHaveLength(1)
  })

  it('joins the transaction open on the connection: a rollback takes its events too', () => {
    const writer = createTimelineWriter(db.$client)
    const event = withoutVersion(sampleEvents(roomId)['board.diff'])
    const failing = db.$client.transaction(() => {
      writer.append(event)
      throw new Error('the flush failed')
    })
    expect(() => failing()).toThrow('the flush failed')
    expect(readTimeline(db, roomId, { viewer: SERVER_VIEWER, types: ['board.diff'] })).toEqual([])
  })
})
