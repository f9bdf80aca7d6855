import { afterEach, describe, expect, it } from 'vitest'
import type { HintTopic } from '../../shared/bank.ts'
import type { QuestionPanel, RoomState } from '../../shared/interview-events.ts'
import { getPhasePlan, getQuestionForRole } from '../../server/bank/index.ts'
import { connectBoard, type BoardClient } from './helpers/board-client.ts'
import { connectRoomSocket, emitWithAck, type TestRoomSocket } from './helpers/room-socket.ts'
import { startTestServer, type TestServer } from './helpers/test-server.ts'
import { waitFor } from './helpers/wait-for.ts'
import { SERVER_VIEWER } from '../../shared/timeline.ts'
import { readTimeline } from '../../server/timeline/index.ts'

const QUESTION_ID = 'url-shortener'
/** A question written with hint ladders (three topics of two or three rungs). */
const LADDER_QUESTION_ID = 'leader-election'
let server: TestServer | undefined
const sockets: TestRoomSocket[] = []
const boards: BoardClient[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect()
  for (const board of boards.splice(0)) board.destroy()
  await server?.destroy()
  server = undefined
})

async function join(roomId: string, token: string, name: string) {
  const socket = await connectRoomSocket(server!.url, roomId, token, { name })
  sockets.push(socket)
  return socket
}

const last = <T>(socket: TestRoomSocket, event: string): T | undefined =>
  socket.received.filter((entry) => entry.event === event).at(-1)?.args[0] as T | undefined

function timelineTypes(roomId: string): string[] {
  return readTimeline(server!.db, roomId, { viewer: SERVER_VIEWER }).map((event) => event.type)
}

describe('interview session', () => {
  it('a room created with a bank question starts in the lobby with the question’s plan, each role getting its own view', async () => {
    server = await startTestServer()
    const room = await server.createRoom({ questionId: QUESTION_ID })
    // The room's title is seen by every role, so it never names the question by default.
    expect(room.title).toBe('System design interview')
    const interviewer = await join(room.roomId, room.tokens.interviewer, 'Ada')
    const candidate = await join(room.roomId, room.tokens.candidate, 'Bob')
    await waitFor(() => last(interviewer, 'question:panel') && last(candidate, 'question:panel'), { what: 'panels' })

    expect(last<RoomState>(interviewer, 'room:state')).toMatchObject({ status: 'lobby', questionId: QUESTION_ID, phasePlan: { id: 'standard-45' } })
    const staffPanel = last<QuestionPanel>(interviewer, 'question:panel')!
    expect(staffPanel.view).toBe('full')
    expect(staffPanel.view === 'full' && staffPanel.question?.referenceOutline).toBeTruthy()
    // In the lobby the candidate does not even learn which question it will be.
    expect(last<QuestionPanel>(candidate, 'question:panel')).toEqual({ view: 'candidate', question: null, facts: [], hints: [] })
    expect(last<RoomState>(candidate, 'room:state')).toMatchObject({ status: 'lobby', questionId: null })
    expect(JSON.stringify(candidate.received)).not.toContain(QUESTION_ID)
    expect(last<RoomState>(candidate, 'room:state')!.phasePlan!.phases.every((phase) => phase.lookFor.length === 0)).toBe(true)

    expect(await emitWithAck(interviewer, 'interview:start', {})).toEqual({ ok: true })
    await waitFor(() => last<QuestionPanel>(candidate, 'question:panel')?.question, { what: 'the question at the candidate once live' })
    const candidatePanel = last<QuestionPanel>(candidate, 'question:panel')!
    expect(candidatePanel).toMatchObject({ view: 'candidate', facts: [], hints: [] })
    expect(Object.keys(candidatePanel.question!).sort()).not.toContain('referenceOutline')
    expect(last<RoomState>(candidate, 'room:state')).toMatchObject({ status: 'live', questionId: QUESTION_ID })
  })

  it('a candidate or an observer emitting any interviewer action is refused and nothing changes', async () => {
    server = await startTestServer()
    const room = await server.createRoom({ questionId: QUESTION_ID })
    const before = timelineTypes(room.roomId)
    for (const token of [room.tokens.candidate, room.tokens.observer]) {
      const socket = await join(room.roomId, token, 'Eve')
      const attempts: [string, unknown][] = [
        ['interview:start', {}],
        ['interview:end', {}],
        ['interview:set-question', { questionId: null }],
        ['interview:set-phase-plan', { phasePlanId: 'extended-60' }],
        ['question:reveal-fact', { index: 0 }],
        ['question:give-hint', { topicId: 'hints' }],
        ['timer:next', {}],
      ]
      for (const [event, payload] of attempts) {
        expect(await emitWithAck(socket, event, payload), event).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
    }
    const row = server.db.$client.prepare('select status, question_id, phase_plan_id from rooms where id = ?').get(room.roomId)
    expect(row).toEqual({ status: 'lobby', question_id: QUESTION_ID, phase_plan_id: 'standard-45' })
    expect(timelineTypes(room.roomId).filter((type) => !type.startsWith('participant.'))).toEqual(before)
  })

  it('the question and the plan change in the lobby only', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const interviewer = await join(room.roomId, room.tokens.interviewer, 'Ada')
    expect(await emitWithAck(interviewer, 'interview:set-question', { questionId: 'no-such-question' })).toMatchObject({
      ok: false,
      error: { code: 'QUESTION_NOT_FOUND' },
    })
    expect(await emitWithAck(interviewer, 'interview:set-question', { questionId: QUESTION_ID })).toEqual({ ok: true })
    expect(await emitWithAck(interviewer, 'interview:set-phase-plan', { phasePlanId: 'extended-60' })).toEqual({ ok: true })
    await waitFor(() => last<RoomState>(interviewer, 'room:state')?.phasePlan?.id === 'extended-60', { what: 'plan change' })
    expect(last<{ state: { phases: unknown[] } }>(interviewer, 'timer:state')!.state.phases).toHaveLength(4)
    expect(await emitWithAck(interviewer, 'interview:start', {})).toEqual({ ok: true })
    expect(await emitWithAck(interviewer, 'interview:set-question', { questionId: null })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await emitWithAck(interviewer, 'interview:start', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('during a whole scripted interview the candidate’s socket never receives interviewer-only data', async () => {
    server = await startTestServer()
    const room = await server.createRoom({ questionId: QUESTION_ID })
    const full = getQuestionForRole(server.db, QUESTION_ID, 'interviewer')
    if (full?.view !== 'full') throw new Error('the example question must be in the bank')
    const interviewer = await join(room.roomId, room.tokens.interviewer, 'Ada')
    const observer = await join(room.roomId, room.tokens.observer, 'Olu')
    const candidate = await join(room.roomId, room.tokens.candidate, 'Bob')

    expect(await emitWithAck(interviewer, 'interview:start', {})).toEqual({ ok: true })
    expect(await emitWithAck(interviewer, 'question:reveal-fact', { index: 1 })).toEqual({ ok: true })
    expect(await emitWithAck(interviewer, 'question:give-hint', { topicId: full.hints[0]!.id })).toEqual({ ok: true })
    expect(
      await emitWithAck(interviewer, 'note:create', { noteId: 'note-private-1', revisionId: 'revision-0001', body: 'SECRET-NOTE: weak on estimates' }),
    ).toMatchObject({ ok: true })
    expect(await emitWithAck(observer, 'note:create', { noteId: 'note-private-2', revisionId: 'revision-0002', body: 'SECRET-OBSERVER-NOTE' })).toMatchObject({
      ok: true,
    })
    expect(await emitWithAck(candidate, 'chat:send', { messageId: 'chat-message-1', body: 'How many users?' })).toMatchObject({ ok: true })
    expect(await emitWithAck(interviewer, 'timer:next', {})).toMatchObject({ ok: true })
    expect(await emitWithAck(interviewer, 'interview:end', {})).toEqual({ ok: true })
    await waitFor(() => last<RoomState>(candidate, 'room:state')?.status === 'completed', { what: 'completion at the candidate' })

    const panel = last<QuestionPanel>(candidate, 'question:panel')!
    expect(panel.view).toBe('candidate')
    expect(panel.facts.map((fact) => fact.text)).toEqual([full.clarifyingFacts[1]])
    expect(panel.hints.map((hint) => hint.text)).toEqual([full.hints[0]!.rungs[0]])

    const everything = JSON.stringify(candidate.received)
    const secrets = [
      full.referenceOutline.slice(0, 60),
      full.clarifyingFacts[0]!,
      ...full.clarifyingFacts.slice(2),
      ...full.hints.flatMap((topic) => topic.rungs).slice(1),
      ...full.followUps,
      ...full.pitfalls,
      ...full.rubric.criteria.map((criterion) => criterion.levels[0]!.descriptor),
      'SECRET-NOTE',
      'SECRET-OBSERVER-NOTE',
      ...getPhasePlan(server.db, 'standard-45')!.phases.flatMap((phase) => phase.lookFor),
    ]
    for (const secret of secrets) expect(everything, secret).not.toContain(JSON.stringify(secret).slice(1, -1))
    expect(everything).toContain('How many users?')

    const actuals = last<RoomState>(candidate, 'room:state')!.phaseActuals!
    expect(actuals.map((phase) => phase.phaseId)).toEqual(['p1', 'p2', 'p3', 'p4'])
    expect(timelineTypes(room.roomId)).toEqual(
      expect.arrayContaining([
        'interview.started',
        'question.fact-revealed',
        'question.hint-given',
        'note.created',
        'chat.message',
        'timer.next',
        'interview.ended',
      ]),
    )
  })

  it('hint ladders: the candidate sees only the rungs given, grouped by topic; no rung past the last; an observer cannot give', async () => {
    server = await startTestServer()
    const room = await server.createRoom({ questionId: LADDER_QUESTION_ID })
    const full = getQuestionForRole(server.db, LADDER_QUESTION_ID, 'interviewer')
    if (full?.view !== 'full' || full.hints.length < 3) throw new Error('the ladder example must have three hint topics')
    const [first, second, untouched] = full.hints as [HintTopic, HintTopic, HintTopic]
    const interviewer = await join(room.roomId, room.tokens.interviewer, 'Ada')
    const observer = await join(room.roomId, room.tokens.observer, 'Olu')
    const candidate = await join(room.roomId, room.tokens.candidate, 'Bob')
    const give = (socket: TestRoomSocket, topicId: string) => emitWithAck(socket, 'question:give-hint', { topicId })

    expect(await give(interviewer, first.id)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await emitWithAck(interviewer, 'interview:start', {})).toEqual({ ok: true })
    expect(await give(interviewer, first.id)).toEqual({ ok: true })
    expect(await give(interviewer, second.id)).toEqual({ ok: true })
    expect(await give(interviewer, first.id)).toEqual({ ok: true })
    expect(await give(observer, first.id)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await give(interviewer, 'no-such-topic')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

    await waitFor(() => last<QuestionPanel>(candidate, 'question:panel')?.hints.length === 3, { what: 'three rungs at the candidate' })
    const panel = last<QuestionPanel>(candidate, 'question:panel')!
    expect(panel.hints.map((hint) => [hint.topicId, hint.topicName, hint.rung, hint.text])).toEqual([
      [first.id, first.name, 1, first.rungs[0]],
      [second.id, second.name, 1, second.rungs[0]],
      [first.id, first.name, 2, first.rungs[1]],
    ])
    const everything = JSON.stringify(candidate.received)
    for (const secret of [...first.rungs.slice(2), ...second.rungs.slice(1), ...untouched.rungs, untouched.name]) {
      expect(everything, secret).not.toContain(JSON.stringify(secret).slice(1, -1))
    }

    for (let rung = 2; rung <= second.rungs.length; rung++) expect(await give(interviewer, second.id)).toEqual({ ok: true })
    expect(await give(interviewer, second.id)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: `Every rung of "${second.name}" has been given.` },
    })
    const payloads = (
      server.db.$client.prepare('select payload from room_events where room_id = ? and type = ? order by id').all(room.roomId, 'question.hint-given') as {
        payload: string
      }[]
    ).map((row) => JSON.parse(row.payload) as { topicId: string; rung: number })
    expect(payloads.map(({ topicId, rung }) => [topicId, rung])).toEqual([
      [first.id, 1],
      [second.id, 1],
      [first.id, 2],
      ...second.rungs.slice(1).map((_, index) => [second.id, index + 2]),
    ])
    const staff = last<QuestionPanel>(observer, 'question:panel')!
    expect(staff.view).toBe('full')
    expect(staff.hints.filter((hint) => hint.topicId === second.id)).toHaveLength(second.rungs.length)
  })

  it('ending the interview freezes the board for everyone, also after a restart', async () => {
    server = await startTestServer()
    const room = await server.createRoom({ questionId: QUESTION_ID })
    const interviewer = await join(room.roomId, room.tokens.interviewer, 'Ada')
    const board = await connectBoard(server.url, room.roomId, room.tokens.candidate)
    boards.push(board)
    board.putShape('shape:before-end')
    await waitFor(() => server!.db.$client.prepare('select count(*) as n from board_updates where kind = ?').get('diff'), { what: 'first diff' })
    expect(await emitWithAck(interviewer, 'interview:start', {})).toEqual({ ok: true })
    expect(await emitWithAck(interviewer, 'interview:end', {})).toEqual({ ok: true })

    const watcher = await connectBoard(server.url, room.roomId, room.tokens.interviewer)
    boards.push(watcher)
    board.putShape('shape:after-end')
    watcher.putShape('shape:interviewer-after-end')
    await waitFor(() => server!.logs.filter((line) => line.msg === 'read-only board write dropped').length >= 2, { what: 'both writes dropped' })
    expect(watcher.shapeIds()).toEqual(['shape:before-end', 'shape:interviewer-after-end'])
    await waitFor(() => board.shapeIds().length === 2, { what: 'candidate sees its own local edit only' })
    expect(board.shapeIds()).toEqual(['shape:after-end', 'shape:before-end'])

    for (const client of boards.splice(0)) client.destroy()
    const dataDir = server.dataDir
    await server.close()
    server = await startTestServer({}, dataDir)
    const again = await connectBoard(server.url, room.roomId, room.tokens.candidate)
    boards.push(again)
    expect(again.shapeIds()).toEqual(['shape:before-end'])
    again.putShape('shape:after-restart')
    await waitFor(() => server!.logs.some((line) => line.msg === 'read-only board write dropped'), { what: 'write dropped after restart' })
  })
})
