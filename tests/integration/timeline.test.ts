import { afterEach, describe, expect, it } from 'vitest'
import type { Role } from '../../shared/roles.ts'
import { SERVER_VIEWER, TIMELINE_RULES, type TimelineEventType, type TimelineViewer } from '../../shared/timeline.ts'
import { getQuestionForRole } from '../../server/bank/index.ts'
import { readTimeline } from '../../server/timeline/index.ts'
import { connectBoard, type BoardClient } from './helpers/board-client.ts'
import { emitWithAck, joinAndWelcome, type TestRoomSocket } from './helpers/room-socket.ts'
import { startTestServer, type TestRoom, type TestServer } from './helpers/test-server.ts'
import { waitFor } from './helpers/wait-for.ts'

let server: TestServer | undefined
const sockets: TestRoomSocket[] = []
const boards: BoardClient[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect()
  for (const board of boards.splice(0)) board.destroy()
  await server?.destroy()
  server = undefined
})

async function join(room: TestRoom, role: Role, name: string) {
  const joined = await joinAndWelcome(server!.url, room.roomId, room.tokens[role], { name })
  sockets.push(joined.socket)
  return joined
}

async function ok(socket: TestRoomSocket, event: string, payload: unknown = {}) {
  expect(await emitWithAck(socket, event, payload), event).toMatchObject({ ok: true })
}

/** Everything a session does that reaches the timeline, through the real sockets and the real board endpoint. */
async function scriptedSession() {
  const room = await server!.createRoom({ questionId: 'distributed-cache' })
  const interviewer = await join(room, 'interviewer', 'Grace')
  const candidate = await join(room, 'candidate', 'Ada')
  const observer = await join(room, 'observer', 'Linus')
  await ok(interviewer.socket, 'interview:set-question', { questionId: 'url-shortener' })
  await ok(interviewer.socket, 'interview:start')
  await ok(interviewer.socket, 'question:reveal-fact', { index: 0 })
  const question = getQuestionForRole(server!.db, 'url-shortener', 'interviewer')
  await ok(interviewer.socket, 'question:give-hint', { topicId: question?.view === 'full' ? question.hints[0]?.id : undefined })
  await ok(interviewer.socket, 'note:create', { noteId: 'note-grace-1', revisionId: 'rev-grace-1', body: 'asks about read/write ratio' })
  await ok(interviewer.socket, 'note:edit', { noteId: 'note-grace-1', revisionId: 'rev-grace-2', body: 'asks about read/write ratio early' })
  await ok(observer.socket, 'note:create', { noteId: 'note-linus-1', revisionId: 'rev-linus-1', body: 'good estimate' })
  await ok(candidate.socket, 'chat:send', { messageId: 'chat-ada-0001', body: 'Can I assume 100M URLs a month?' })
  await ok(interviewer.socket, 'timer:pause')
  await ok(interviewer.socket, 'timer:resume')
  await ok(interviewer.socket, 'timer:next')
  await ok(interviewer.socket, 'timer:extend', { minutes: 2 })
  const board = await connectBoard(server!.url, room.roomId, room.tokens.candidate)
  boards.push(board)
  board.putShape('shape:load-balancer')
  await waitFor(() => readTimeline(server!.db, room.roomId, { viewer: SERVER_VIEWER, types: ['board.diff'] }).length > 0, {
    what: 'the board edit on the timeline',
  })
  await ok(interviewer.socket, 'interview:end')
  return { room, interviewer, candidate, observer }
}

const viewerOf = (roomId: string, role: Role, participantId: string): TimelineViewer => ({ kind: 'participant', roomId, role, participantId })
const typesOf = (events: { type: TimelineEventType }[]) => new Set(events.map((event) => event.type))

describe('the room timeline after a real session', () => {
  it('every stored event parses, and the whole session is on it', async () => {
    server = await startTestServer()
    const { room } = await scriptedSession()
    const all = readTimeline(server.db, room.roomId, { viewer: SERVER_VIEWER })
    // readTimeline parses every row or throws; the count shows none was skipped either.
    const stored = server.db.$client.prepare('select count(*) as n from room_events where room_id = ?').get(room.roomId) as { n: number }
    expect(all).toHaveLength(stored.n)
    expect([...typesOf(all)].sort()).toEqual(
      [
        'room.created',
        'participant.joined',
        'interview.question-set',
        'interview.started',
        'question.fact-revealed',
        'question.hint-given',
        'note.created',
        'note.edited',
        'chat.message',
        'timer.start',
        'timer.pause',
        'timer.resume',
        'timer.next',
        'timer.extend',
        'board.diff',
        'timer.end',
        'interview.ended',
      ].sort(),
    )
    const ids = all.map((event) => event.id)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
  })

  it('the candidate’s timeline has no staff-only event and nobody’s notes', async () => {
    server = await startTestServer()
    const { room, candidate } = await scriptedSession()
    const events = readTimeline(server.db, room.roomId, { viewer: viewerOf(room.roomId, 'candidate', candidate.participantId) })
    expect(events.filter((event) => TIMELINE_RULES[event.type].readers !== 'everyone')).toEqual([])
    const types = typesOf(events)
    for (const hidden of ['interview.question-set', 'note.created', 'note.edited'] as const) expect(types.has(hidden), hidden).toBe(false)
    for (const shown of ['question.fact-revealed', 'question.hint-given', 'chat.message', 'timer.pause', 'board.diff', 'interview.ended'] as const) {
      expect(types.has(shown), shown).toBe(true)
    }
    // What the candidate reads is everything anyone may read, minus what only staff or authors may.
    const everyone = readTimeline(server.db, room.roomId, { viewer: SERVER_VIEWER }).filter((event) => TIMELINE_RULES[event.type].readers === 'everyone')
    expect(events).toEqual(everyone)
  })

  it('the interviewer sees their own notes’ events but not the observer’s, and the observer only theirs', async () => {
    server = await startTestServer()
    const { room, interviewer, observer } = await scriptedSession()
    const noteEvents = (role: Role, participantId: string) =>
      readTimeline(server!.db, room.roomId, { viewer: viewerOf(room.roomId, role, participantId), types: ['note.created', 'note.edited'] })

    const grace = noteEvents('interviewer', interviewer.participantId)
    expect(grace.map((event) => [event.type, event.participantId, event.payload.noteId])).toEqual([
      ['note.created', interviewer.participantId, 'note-grace-1'],
      ['note.edited', interviewer.participantId, 'note-grace-1'],
    ])
    const linus = noteEvents('observer', observer.participantId)
    expect(linus.map((event) => [event.type, event.participantId, event.payload.noteId])).toEqual([['note.created', observer.participantId, 'note-linus-1']])
    // Both staff roles read the lobby's question choice, which the candidate does not.
    for (const [role, id] of [
      ['interviewer', interviewer.participantId],
      ['observer', observer.participantId],
    ] as const) {
      const choices = readTimeline(server.db, room.roomId, { viewer: viewerOf(room.roomId, role, id), types: ['interview.question-set'] })
      expect(choices.map((event) => event.payload.questionId)).toEqual(['url-shortener'])
    }
  })
})
