import { afterEach, describe, expect, it } from 'vitest'
import { measureClockOffset } from '../../shared/clock-sync.ts'
import { ClockPingAckSchema, type TimerStateMessage } from '../../shared/timer-events.ts'
import { DEFAULT_PHASES, timerView, type TimerState } from '../../shared/timer.ts'
import { findTimer } from '../../server/timer/timer-store.ts'
import { connectRoomSocket, emitWithAck, type TestRoomSocket } from './helpers/room-socket.ts'
import { startTestServer, type TestServer } from './helpers/test-server.ts'
import { waitFor } from './helpers/wait-for.ts'
import { SERVER_VIEWER, TIMER_EVENT_TYPES } from '../../shared/timeline.ts'
import { readTimeline } from '../../server/timeline/index.ts'

let server: TestServer | undefined
const sockets: TestRoomSocket[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect()
  await server?.destroy()
  server = undefined
})

async function join(roomId: string, token: string) {
  const socket = await connectRoomSocket(server!.url, roomId, token)
  sockets.push(socket)
  return socket
}

const timerStates = (socket: TestRoomSocket): TimerState[] =>
  socket.received.filter((entry) => entry.event === 'timer:state').map((entry) => (entry.args[0] as TimerStateMessage).state)

/** Waits until the socket has been told about the timer at `revision` (or later). */
function stateAt(socket: TestRoomSocket, revision: number): Promise<TimerState> {
  return waitFor(() => timerStates(socket).find((state) => state.revision >= revision), { what: `timer state revision ${revision}` })
}

/** Emits a timer control and expects the server to accept it. */
async function control(socket: TestRoomSocket, event: string, payload: unknown = {}) {
  const ack = await emitWithAck(socket, event, payload)
  expect(ack, `${event} ack`).toMatchObject({ ok: true })
}

/** What a browser does on connect: several clock pings timed by its own (here deliberately wrong) clock. */
async function measureOffset(socket: TestRoomSocket, localNow: () => number): Promise<number> {
  const ping = async () => ClockPingAckSchema.parse(await emitWithAck(socket, 'clock:ping', {})).serverTime
  const estimate = await measureClockOffset(ping, localNow)
  if (!estimate) throw new Error('no clock sample succeeded')
  return estimate.offsetMs
}

const timerEventCount = (roomId: string) => readTimeline(server!.db, roomId, { viewer: SERVER_VIEWER, types: TIMER_EVENT_TYPES }).length

describe('phase timer over sockets', () => {
  it('a new room has a not-started timer on the standard 45-minute plan, sent to every socket on connect', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    for (const role of ['interviewer', 'candidate', 'observer'] as const) {
      const socket = await join(room.roomId, room.tokens[role])
      const state = await stateAt(socket, 0)
      expect(state).toMatchObject({ status: 'not-started', phaseIndex: 0 })
      expect(state.phases.map(({ label, plannedMs }) => ({ label, plannedMs }))).toEqual(DEFAULT_PHASES.map(({ label, plannedMs }) => ({ label, plannedMs })))
    }
  })

  it('two clients whose clocks are minutes apart agree on the remaining time within 250 ms', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const clocks = { interviewer: () => Date.now() + 3 * 60_000, candidate: () => Date.now() - 4 * 60_000 - 321 }
    const interviewer = await join(room.roomId, room.tokens.interviewer)
    const candidate = await join(room.roomId, room.tokens.candidate)
    const offsets = { interviewer: await measureOffset(interviewer, clocks.interviewer), candidate: await measureOffset(candidate, clocks.candidate) }

    await control(interviewer, 'interview:start')
    await control(interviewer, 'timer:extend', { minutes: 2 })
    const seenByInterviewer = await stateAt(interviewer, 2)
    const seenByCandidate = await stateAt(candidate, 2)
    expect(seenByCandidate).toEqual(seenByInterviewer)

    const interviewerView = timerView(seenByInterviewer, clocks.interviewer() + offsets.interviewer)
    const candidateView = timerView(seenByCandidate, clocks.candidate() + offsets.candidate)
    const serverView = timerView(findTimer(server.db, room.roomId)!, Date.now())
    expect(Math.abs(interviewerView.remainingMs - candidateView.remainingMs)).toBeLessThan(250)
    expect(Math.abs(candidateView.remainingMs - serverView.remainingMs)).toBeLessThan(250)
    // Without the offset the same two screens would be minutes apart: the skew is real.
    const naive = Math.abs(timerView(seenByInterviewer, clocks.interviewer()).remainingMs - timerView(seenByCandidate, clocks.candidate()).remainingMs)
    expect(naive).toBeGreaterThan(60_000)
  })

  it('every transition reaches every socket in the room, and one that does not fit the status gets CONFLICT', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const interviewer = await join(room.roomId, room.tokens.interviewer)
    const observer = await join(room.roomId, room.tokens.observer)
    expect(await emitWithAck(interviewer, 'timer:pause', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    await control(interviewer, 'interview:start')
    await control(interviewer, 'timer:pause')
    await control(interviewer, 'timer:resume')
    await control(interviewer, 'timer:next')
    await control(interviewer, 'timer:previous')
    await control(interviewer, 'timer:extend', { minutes: 5 })
    await stateAt(observer, 6)
    expect(timerStates(observer).map((state) => state.revision)).toEqual([0, 1, 2, 3, 4, 5, 6])
    const types = readTimeline(server.db, room.roomId, { viewer: SERVER_VIEWER, types: TIMER_EVENT_TYPES })
    expect(types.map((event) => event.type)).toEqual(['timer.start', 'timer.pause', 'timer.resume', 'timer.next', 'timer.previous', 'timer.extend'])
  })

  it('a server restart mid-phase resumes the timer exactly where it was', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const interviewer = await join(room.roomId, room.tokens.interviewer)
    await control(interviewer, 'interview:start')
    await control(interviewer, 'timer:next')
    await control(interviewer, 'timer:extend', { minutes: 1 })
    const before = await stateAt(interviewer, 3)
    const elapsedBeforeClose = timerView(before, Date.now()).elapsedMs
    const dataDir = server.dataDir
    interviewer.disconnect()
    await server.close()

    server = await startTestServer({}, dataDir)
    const candidate = await join(room.roomId, room.tokens.candidate)
    const after = await stateAt(candidate, 3)
    expect(after).toEqual(before)
    const now = Date.now()
    // Server time kept running while the process was down: the phase did not restart or jump.
    expect(timerView(after, now)).toEqual(timerView(before, now))
    expect(timerView(after, now).elapsedMs).toBeGreaterThanOrEqual(elapsedBeforeClose)
    expect(timerView(after, now)).toMatchObject({ phaseIndex: 1, status: 'running', budgetMs: 16 * 60_000 })

    const again = await join(room.roomId, room.tokens.interviewer)
    await control(again, 'timer:pause')
    expect((await stateAt(candidate, 4)).status).toBe('paused')
  })

  it('a candidate and an observer emitting every timer action get FORBIDDEN and nothing changes', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const interviewer = await join(room.roomId, room.tokens.interviewer)
    await control(interviewer, 'interview:start')
    await stateAt(interviewer, 1)
    const before = findTimer(server.db, room.roomId)
    const eventsBefore = timerEventCount(room.roomId)
    const actions: [string, unknown][] = [
      ['timer:pause', {}],
      ['timer:resume', {}],
      ['timer:next', {}],
      ['timer:previous', {}],
      ['timer:extend', { minutes: 5 }],
    ]
    for (const role of ['candidate', 'observer'] as const) {
      const socket = await join(room.roomId, room.tokens[role])
      for (const [event, payload] of actions) {
        expect(await emitWithAck(socket, event, payload), `${role} ${event}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
    }
    expect(findTimer(server.db, room.roomId)).toEqual(before)
    expect(timerEventCount(room.roomId)).toBe(eventsBefore)
    expect(timerStates(interviewer).map((state) => state.revision)).toEqual([0, 1])
    expect(server.logs.filter((line) => line.msg === 'socket event refused' && line.code === 'FORBIDDEN')).toHaveLength(10)
  })

  it('malformed and oversized timer events get error acks and change nothing', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    const interviewer = await join(room.roomId, room.tokens.interviewer)
    await control(interviewer, 'interview:start')
    const before = findTimer(server.db, room.roomId)
    const malformed: [string, unknown][] = [
      ['timer:extend', { minutes: 3 }],
      ['timer:extend', { minutes: '5' }],
      ['timer:extend', {}],
      ['timer:pause', { at: 0 }],
      ['timer:next', 'now'],
      ['timer:pause', null],
      ['clock:ping', { clientTime: 1 }],
    ]
    for (const [event, payload] of malformed) {
      expect(await emitWithAck(interviewer, event, payload), `${event} ${JSON.stringify(payload)}`).toMatchObject({
        ok: false,
        error: { code: 'INVALID_PAYLOAD' },
      })
    }
    const oversized = await emitWithAck(interviewer, 'timer:extend', { minutes: 5, padding: 'x'.repeat(70_000) })
    expect(oversized).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } })
    expect(findTimer(server.db, room.roomId)).toEqual(before)
  })

  it('clock:ping answers every role with the server time', async () => {
    server = await startTestServer()
    const room = await server.createRoom()
    for (const role of ['interviewer', 'candidate', 'observer'] as const) {
      const socket = await join(room.roomId, room.tokens[role])
      const sentAt = Date.now()
      const ack = ClockPingAckSchema.parse(await emitWithAck(socket, 'clock:ping', {}))
      expect(ack.serverTime).toBeGreaterThanOrEqual(sentAt)
      expect(ack.serverTime).toBeLessThanOrEqual(Date.now())
    }
  })
})
