import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RoomState } from '../../shared/interview-events.ts'
import type { PracticeRoom, Progress, RoleLink, Rotation, ScheduleResponse, SwapStatus, TeamProgress, UpcomingList } from '../../shared/practice.ts'
import { inviteTokenOf } from '../../shared/practice.ts'
import type { RoomSession } from '../../shared/api.ts'
import type { TimerStateMessage } from '../../shared/timer-events.ts'
import { connectBoard, type BoardClient } from './helpers/board-client.ts'
import { createMemberWithToken, type TestMember } from './helpers/accounts.ts'
import { connectRoomSocket, emitWithAck, type TestRoomSocket } from './helpers/room-socket.ts'
import { startTestServer, type TestServer } from './helpers/test-server.ts'
import { waitFor } from './helpers/wait-for.ts'

let server: TestServer
let ada: TestMember
let bob: TestMember
let cleo: TestMember
const sockets: TestRoomSocket[] = []
const boards: BoardClient[] = []
const IN_ONE_HOUR = () => new Date(Date.now() + 3_600_000).toISOString()

beforeAll(async () => {
  server = await startTestServer()
  ada = await createMemberWithToken(server)
  bob = await createMemberWithToken(server)
  cleo = await createMemberWithToken(server)
})

afterAll(async () => {
  for (const socket of sockets) socket.disconnect()
  for (const board of boards) board.destroy()
  await server?.destroy()
})

async function call<T>(as: Pick<TestMember, 'token'> | string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const token = typeof as === 'string' ? as : as?.token
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  })
  return { status: response.status, body: (await response.json()) as T }
}

const schedule = (as: TestMember, body: Record<string, unknown>) =>
  call<ScheduleResponse & { error?: { code: string; message: string } }>(as, 'POST', '/api/practice/sessions', body)
const upcoming = async (as: TestMember) => (await call<UpcomingList>(as, 'GET', '/api/practice/upcoming')).body.items
const roomCount = () => (server.db.$client.prepare('SELECT count(*) AS n FROM rooms').get() as { n: number }).n

/** A member's fresh link for their own role, as its invite token. */
async function myToken(as: TestMember, roomId: string, role?: string): Promise<string> {
  const response = await call<RoleLink>(as, 'POST', `/api/practice/rooms/${roomId}/my-link`, role ? { role } : {})
  expect(response.status, `my-link for ${as.login}`).toBe(201)
  return inviteTokenOf(response.body.link)!
}

async function join(roomId: string, token: string, name: string): Promise<TestRoomSocket> {
  const socket = await connectRoomSocket(server.url, roomId, token, { name })
  sockets.push(socket)
  await waitFor(() => socket.received.some((entry) => entry.event === 'room:state'), { what: `${name}'s room state` })
  return socket
}

const lastOf = <T>(socket: TestRoomSocket, event: string) => socket.received.filter((entry) => entry.event === event).at(-1)?.args[0] as T | undefined

async function control(socket: TestRoomSocket, event: string) {
  expect(await emitWithAck(socket, event, {}), event).toMatchObject({ ok: true })
}

describe('scheduling a session', () => {
  it('shows the session on both partners’ home pages, in lobby at its time, and not to another member', async () => {
    const startsAt = IN_ONE_HOUR()
    const created = await schedule(ada, {
      startsAt,
      partnerIds: [bob.memberId],
      myRole: 'interviewer',
      questionIds: ['url-shortener'],
      phasePlanId: 'standard-45',
    })
    expect(created.status).toBe(201)
    const [room] = created.body.rooms
    expect(room).toMatchObject({
      status: 'lobby',
      startsAt: Date.parse(startsAt),
      part: null,
      myRoles: ['interviewer'],
      questionId: 'url-shortener',
      phasePlanId: 'standard-45',
    })
    expect(room!.seats.map((seat) => [seat.memberId, seat.role])).toEqual([
      [ada.memberId, 'interviewer'],
      [bob.memberId, 'candidate'],
    ])

    const adaSees = (await upcoming(ada)).find((item) => item.roomId === room!.roomId)
    const bobSees = (await upcoming(bob)).find((item) => item.roomId === room!.roomId)
    expect(adaSees).toMatchObject({ myRoles: ['interviewer'], questionId: 'url-shortener' })
    // The candidate sees the session and its partner, but which question it asks stays the interviewer's until it starts.
    expect(bobSees).toMatchObject({ myRoles: ['candidate'], questionId: null, startsAt: Date.parse(startsAt) })
    expect((await upcoming(cleo)).some((item) => item.roomId === room!.roomId)).toBe(false)

    // The room is ready: the partner enters in their seat's role, and only that one.
    const bobToken = await myToken(bob, room!.roomId)
    const session = await call<RoomSession>(bobToken, 'GET', `/api/rooms/${room!.roomId}/session`)
    expect(session.body).toMatchObject({ role: 'candidate', questionId: null })
    const refused = await call<{ error: { code: string } }>(bob, 'POST', `/api/practice/rooms/${room!.roomId}/my-link`, { role: 'interviewer' })
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } })
    const stranger = await call<{ error: { code: string } }>(cleo, 'POST', `/api/practice/rooms/${room!.roomId}/my-link`, {})
    expect(stranger).toMatchObject({ status: 404, body: { error: { code: 'ROOM_NOT_FOUND' } } })
  })

  it('a fresh personal link replaces the member’s previous one and leaves the room’s other links working', async () => {
    const { body } = await schedule(ada, { partnerIds: [bob.memberId], questionIds: [] })
    const roomId = body.rooms[0]!.roomId
    const first = await myToken(bob, roomId)
    const second = await myToken(bob, roomId)
    expect((await call(first, 'GET', `/api/rooms/${roomId}/session`)).status).toBe(401)
    expect((await call<RoomSession>(second, 'GET', `/api/rooms/${roomId}/session`)).body.role).toBe('candidate')
    const adaToken = await myToken(ada, roomId)
    expect((await call<RoomSession>(adaToken, 'GET', `/api/rooms/${roomId}/session`)).body.role).toBe('interviewer')
    expect((await call<RoomSession>(second, 'GET', `/api/rooms/${roomId}/session`)).status).toBe(200)
  })

  it.each([
    ['a time in the past', { startsAt: new Date(Date.now() - 3_600_000).toISOString() }, /startsAt: is in the past/],
    ['a time that is not a date', { startsAt: 'tomorrow at noon' }, /startsAt/],
    ['oneself as partner', { partnerIds: ['SELF'] }, /your own partner/],
    ['an unknown partner', { partnerIds: ['no-such-member-1'] }, /no active member/],
    ['no partner', { partnerIds: [] }, /at least one partner/],
    ['a swap with two partners', { mode: 'swap', partnerIds: ['BOB', 'CLEO'] }, /exactly one partner/],
    ['a swap asking one question twice', { mode: 'swap', questionIds: ['url-shortener', 'url-shortener'] }, /different question/],
    ['two questions for a single session', { questionIds: ['url-shortener', 'social-feed'] }, /one question/],
    ['an unknown field', { reminder: true }, /reminder/],
  ])('refuses %s with a clear error and creates nothing', async (_title, patch, message) => {
    const body = { startsAt: IN_ONE_HOUR(), partnerIds: ['BOB'], questionIds: [], ...patch }
    body.partnerIds = body.partnerIds.map((id) => ({ SELF: ada.memberId, BOB: bob.memberId, CLEO: cleo.memberId })[id] ?? id)
    const before = roomCount()
    const response = await schedule(ada, body)
    expect(response.status).toBe(400)
    expect(response.body.error).toMatchObject({ code: 'INVALID_PAYLOAD', message: expect.stringMatching(message) })
    expect(roomCount()).toBe(before)
    expect(server.logs.some((line) => line.msg === 'request refused' && line.path === '/api/practice/sessions')).toBe(true)
  })

  it('refuses an unknown question with QUESTION_NOT_FOUND, and a stranger or a guest link outright', async () => {
    const before = roomCount()
    const unknown = await schedule(ada, { partnerIds: [bob.memberId], questionIds: ['no-such-question'] })
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'QUESTION_NOT_FOUND' } } })
    expect((await call(null, 'POST', '/api/practice/sessions', { partnerIds: [bob.memberId], questionIds: [] })).status).toBe(401)
    const room = await server.createRoom({}, ada)
    expect((await call(room.tokens.interviewer, 'POST', '/api/practice/sessions', { partnerIds: [bob.memberId], questionIds: [] })).status).toBe(403)
    expect(roomCount()).toBe(before + 1)
  })
})

describe('swap mode', () => {
  let part1: PracticeRoom
  let part2: PracticeRoom

  beforeAll(async () => {
    const { status, body } = await schedule(ada, {
      mode: 'swap',
      partnerIds: [bob.memberId],
      myRole: 'interviewer',
      questionIds: ['url-shortener', 'social-feed'],
    })
    expect(status).toBe(201)
    ;[part1, part2] = body.rooms as [PracticeRoom, PracticeRoom]
  })

  it('makes two linked rooms, a different question each, with the seats reversed in part 2', () => {
    expect(part1).toMatchObject({
      part: 1,
      pairRoomId: part2.roomId,
      questionId: 'url-shortener',
      myRoles: ['interviewer'],
      title: 'Practice interview (part 1 of 2)',
    })
    // Ada is the candidate of part 2: its question stays hidden from her in the lobby, title included.
    expect(part2).toMatchObject({ part: 2, pairRoomId: part1.roomId, questionId: null, myRoles: ['candidate'], title: 'Practice interview (part 2 of 2)' })
    const seats = (room: PracticeRoom) => Object.fromEntries(room.seats.map((seat) => [seat.role, seat.memberId]))
    expect(seats(part1)).toEqual({ interviewer: ada.memberId, candidate: bob.memberId })
    expect(seats(part2)).toEqual({ interviewer: bob.memberId, candidate: ada.memberId })
    const rows = server.db.$client.prepare('SELECT id, question_id FROM rooms WHERE id IN (?, ?) ORDER BY question_id').all(part1.roomId, part2.roomId)
    expect(rows).toEqual([
      { id: part2.roomId, question_id: 'social-feed' },
      { id: part1.roomId, question_id: 'url-shortener' },
    ])
  })

  it('each half has its own board and timer; when part 1 ends both get their part-2 link in the reversed role', async () => {
    const adaIn1 = await join(part1.roomId, await myToken(ada, part1.roomId), 'Ada')
    const bobToken1 = await myToken(bob, part1.roomId)
    const bobIn1 = await join(part1.roomId, bobToken1, 'Bob')
    const board1 = await connectBoard(server.url, part1.roomId, bobToken1, { name: 'Bob' })
    const board2 = await connectBoard(server.url, part2.roomId, await myToken(bob, part2.roomId), { name: 'Bob' })
    boards.push(board1, board2)
    board1.putShape('shape:part-one')
    await waitFor(() => board1.provider.ws?.bufferedAmount === 0, { what: 'the part-1 edit sent' })
    board2.putShape('shape:part-two')
    await waitFor(() => board2.shapeIds().includes('shape:part-two'), { what: 'the part-2 edit' })
    const reopened = await connectBoard(server.url, part1.roomId, bobToken1, { name: 'Bob again' })
    boards.push(reopened)
    expect(reopened.shapeIds()).toContain('shape:part-one')
    expect(reopened.shapeIds()).not.toContain('shape:part-two')

    const bobSwap = () => call<SwapStatus>(bobToken1, 'GET', `/api/practice/rooms/${part1.roomId}/swap`)
    expect((await bobSwap()).body).toEqual({ part: 1, pairRoomId: part2.roomId, nextRole: 'interviewer', ready: false })
    expect((await call(bobToken1, 'POST', `/api/practice/rooms/${part1.roomId}/swap-link`, {})).status).toBe(409)

    await control(adaIn1, 'interview:start')
    await control(adaIn1, 'timer:next')
    await waitFor(() => lastOf<TimerStateMessage>(bobIn1, 'timer:state')?.state.phaseIndex === 1, { what: 'part 1 in its second phase' })
    const timer2 = server.db.$client.prepare('SELECT status, phase_index FROM room_timers WHERE room_id = ?').get(part2.roomId)
    expect(timer2).toEqual({ status: 'not-started', phase_index: 0 })

    await control(adaIn1, 'interview:end')
    await waitFor(() => lastOf<RoomState>(bobIn1, 'room:state')?.status === 'completed', { what: 'part 1 ended at Bob' })
    expect((await bobSwap()).body.ready).toBe(true)

    const adaToken1 = await myToken(ada, part1.roomId)
    const adaNext = await call<RoleLink>(adaToken1, 'POST', `/api/practice/rooms/${part1.roomId}/swap-link`, {})
    const bobNext = await call<RoleLink>(bobToken1, 'POST', `/api/practice/rooms/${part1.roomId}/swap-link`, {})
    expect(adaNext.body).toMatchObject({ roomId: part2.roomId, role: 'candidate' })
    expect(bobNext.body).toMatchObject({ roomId: part2.roomId, role: 'interviewer' })
    const adaIn2 = await call<RoomSession>(inviteTokenOf(adaNext.body.link)!, 'GET', `/api/rooms/${part2.roomId}/session`)
    const bobIn2 = await call<RoomSession>(inviteTokenOf(bobNext.body.link)!, 'GET', `/api/rooms/${part2.roomId}/session`)
    expect(adaIn2.body).toMatchObject({ role: 'candidate', questionId: null })
    expect(bobIn2.body).toMatchObject({ role: 'interviewer', questionId: 'social-feed' })
    // Part 2 has no part 3: its links lead nowhere further.
    expect((await call(inviteTokenOf(bobNext.body.link)!, 'POST', `/api/practice/rooms/${part2.roomId}/swap-link`, {})).status).toBe(409)
  })
})

describe('question rotation', () => {
  it('marks the questions a member has had as candidate and suggests others, under the filters', async () => {
    // Bob sat as candidate for url-shortener in part 1 of the swap above, which ran.
    const rotation = await call<Rotation>(ada, 'GET', `/api/practice/rotation?candidateId=${bob.memberId}`)
    expect(rotation.status).toBe(200)
    const had = rotation.body.items.filter((item) => item.timesHad > 0)
    expect(had.map((item) => item.questionId)).toEqual(['url-shortener'])
    expect(had[0]!.lastHadAt).toBeGreaterThan(Date.now() - 60_000)
    expect(rotation.body.suggestedIds).toHaveLength(3)
    expect(rotation.body.suggestedIds).not.toContain('url-shortener')
    // Social feed was asked of Ada, not Bob; Ada has had nothing that ran as candidate yet.
    const adaRotation = await call<Rotation>(bob, 'GET', `/api/practice/rotation?candidateId=${ada.memberId}`)
    expect(adaRotation.body.items.every((item) => item.timesHad === 0)).toBe(true)

    const filtered = await call<Rotation>(
      ada,
      'GET',
      `/api/practice/rotation?candidateId=${bob.memberId}&kind=design&difficulty=medium&category=Web-scale%20systems`,
    )
    expect(filtered.body.items.length).toBeGreaterThan(1)
    expect(filtered.body.items.every((item) => item.kind === 'design' && item.difficulty === 'medium' && item.category === 'Web-scale systems')).toBe(true)
    expect(filtered.body.items.find((item) => item.questionId === 'url-shortener')?.timesHad).toBe(1)
    expect((await call(ada, 'GET', `/api/practice/rotation?candidateId=${bob.memberId}&kind=poem`)).status).toBe(400)
    expect((await call(ada, 'GET', '/api/practice/rotation')).status).toBe(400)
  })

  it('in a room, finds the candidate from the seats, for the interviewer only', async () => {
    const { body } = await schedule(ada, { partnerIds: [bob.memberId], myRole: 'interviewer', questionIds: [] })
    const roomId = body.rooms[0]!.roomId
    const forAda = await call<Rotation>(ada, 'GET', `/api/practice/rotation?roomId=${roomId}`)
    expect(forAda.body.candidate).toEqual({ memberId: bob.memberId, displayName: bob.displayName })
    expect(forAda.body.items.find((item) => item.questionId === 'url-shortener')?.timesHad).toBe(1)
    expect((await call(bob, 'GET', `/api/practice/rotation?roomId=${roomId}`)).status).toBe(403)
    expect((await call(cleo, 'GET', `/api/practice/rotation?roomId=${roomId}`)).status).toBe(404)
    const admin = await server.admin()
    expect((await call<Rotation>(admin, 'GET', `/api/practice/rotation?roomId=${roomId}`)).body.candidate?.memberId).toBe(bob.memberId)
  })
})

describe('progress', () => {
  it('counts a scripted session on both dashboards and compares each phase with its plan from the recorded actuals', async () => {
    const dana = await createMemberWithToken(server)
    const eli = await createMemberWithToken(server)
    const { body } = await schedule(dana, { partnerIds: [eli.memberId], myRole: 'interviewer', questionIds: ['url-shortener'] })
    const roomId = body.rooms[0]!.roomId
    const interviewer = await join(roomId, await myToken(dana, roomId), 'Dana')
    await control(interviewer, 'interview:start')
    await control(interviewer, 'timer:next')
    await control(interviewer, 'interview:end')
    const ended = await waitFor(() => lastOf<RoomState>(interviewer, 'room:state')?.phaseActuals, { what: 'the recorded actuals' })

    const eliProgress = (await call<Progress>(eli, 'GET', '/api/progress/me')).body
    expect(eliProgress.totals).toEqual({ asCandidate: 1, asInterviewer: 0, asObserver: 0 })
    expect(eliProgress.weeks.at(-1)).toMatchObject({ asCandidate: 1, asInterviewer: 0 })
    expect(eliProgress.weeks.slice(0, -1).every((week) => week.asCandidate + week.asInterviewer === 0)).toBe(true)
    expect(eliProgress.sessions).toEqual([expect.objectContaining({ roomId, role: 'candidate', status: 'completed' })])
    const reached = ended.filter((phase) => phase.actualMs > 0)
    expect(reached.length).toBeGreaterThanOrEqual(1)
    expect(eliProgress.phases).toEqual(
      reached.map((phase) => ({ role: 'candidate', label: phase.label, sessions: 1, avgPlannedMs: phase.plannedMs, avgActualMs: phase.actualMs })),
    )

    const danaProgress = (await call<Progress>(dana, 'GET', '/api/progress/me')).body
    expect(danaProgress.totals).toEqual({ asCandidate: 0, asInterviewer: 1, asObserver: 0 })
    expect(danaProgress.phases.every((phase) => phase.role === 'interviewer')).toBe(true)

    const admin = await server.admin()
    const team = (await call<TeamProgress>(admin, 'GET', '/api/progress/team')).body
    const row = (memberId: string) => team.members.find((member) => member.memberId === memberId)!
    expect(team.idleAfterDays).toBe(14)
    expect(row(eli.memberId)).toMatchObject({ sessions: 1, asCandidate: 1, asInterviewer: 0, idle: false, active: true })
    expect(row(eli.memberId).lastPracticeAt).toBeGreaterThan(Date.now() - 60_000)
    // Cleo was only ever a bystander: never practised, so she shows as idle.
    expect(row(cleo.memberId)).toMatchObject({ sessions: 0, lastPracticeAt: null, idle: true })
    expect((await call<Progress>(admin, 'GET', `/api/progress/members/${eli.memberId}`)).body.totals.asCandidate).toBe(1)
  })

  it('a member reads only their own dashboard; the team page and others’ dashboards are the admin’s', async () => {
    expect(await call(bob, 'GET', '/api/progress/team')).toMatchObject({ status: 403, body: { error: { message: expect.stringMatching(/Only an admin/) } } })
    expect((await call(bob, 'GET', `/api/progress/members/${ada.memberId}`)).status).toBe(403)
    expect((await call(null, 'GET', '/api/progress/me')).status).toBe(401)
    const room = await server.createRoom({}, ada)
    expect((await call(room.tokens.candidate, 'GET', '/api/progress/me')).status).toBe(403)
    expect((await call(await server.admin(), 'GET', '/api/progress/members/no-such-member')).status).toBe(404)
  })
})

describe('authorization of the practice routes', () => {
  it('no credential gets 401, a guest link 403, on every member route', async () => {
    const room = await server.createRoom({}, ada)
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/practice/partners'],
      ['GET', '/api/practice/upcoming'],
      ['POST', '/api/practice/sessions', { partnerIds: [bob.memberId], questionIds: [] }],
      ['GET', `/api/practice/rotation?candidateId=${bob.memberId}`],
      ['POST', `/api/practice/rooms/${room.roomId}/my-link`, {}],
      ['GET', '/api/progress/me'],
      ['GET', '/api/progress/team'],
    ]
    for (const [method, path, body] of routes) {
      expect((await call(null, method, path, body)).status, `${method} ${path} without a credential`).toBe(401)
      for (const role of ['interviewer', 'candidate', 'observer'] as const) {
        expect((await call(room.tokens[role], method, path, body)).status, `${method} ${path} with a ${role} link`).toBe(403)
      }
    }
  })

  it('the swap routes take only that room’s invite: no credential, a member token or another room’s link are refused', async () => {
    const room = await server.createRoom({}, ada)
    const other = await server.createRoom({}, ada)
    for (const as of [null, ada.token, other.tokens.interviewer]) {
      expect((await call(as, 'GET', `/api/practice/rooms/${room.roomId}/swap`)).status).toBe(401)
      expect((await call(as, 'POST', `/api/practice/rooms/${room.roomId}/swap-link`, {})).status).toBe(401)
    }
    expect((await call<SwapStatus>(room.tokens.candidate, 'GET', `/api/practice/rooms/${room.roomId}/swap`)).body).toEqual({
      part: null,
      pairRoomId: null,
      nextRole: null,
      ready: false,
    })
    expect((await call(room.tokens.candidate, 'POST', `/api/practice/rooms/${room.roomId}/swap-link`, {})).status).toBe(409)
  })

  it('the creator of an ordinary room comes back as its interviewer; a member lists partners but never themselves', async () => {
    const room = await server.createRoom({}, ada)
    expect((await call<RoleLink>(ada, 'POST', `/api/practice/rooms/${room.roomId}/my-link`, {})).body.role).toBe('interviewer')
    expect((await call(ada, 'POST', `/api/practice/rooms/${room.roomId}/my-link`, { role: 'candidate' })).status).toBe(403)
    expect((await call(bob, 'POST', `/api/practice/rooms/${room.roomId}/my-link`, {})).status).toBe(404)
    const partners = await call<{ items: { memberId: string }[] }>(ada, 'GET', '/api/practice/partners')
    expect(partners.body.items.map((item) => item.memberId)).toEqual(expect.arrayContaining([bob.memberId, cleo.memberId]))
    expect(partners.body.items.some((item) => item.memberId === ada.memberId)).toBe(false)
  })
})
