import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { timerView, type TimerPhase, type TimerState } from '../../../shared/timer.ts'
import { openDatabase, type Db } from '../../../server/db/connection.ts'
import { insertRoom } from '../../../server/rooms/room-store.ts'
import { TimerService } from '../../../server/timer/index.ts'
import { SERVER_VIEWER, TIMER_EVENT_TYPES } from '../../../shared/timeline.ts'
import { readTimeline } from '../../../server/timeline/index.ts'

const MINUTE = 60_000
const T0 = 1_800_000_000_000
const PHASES: TimerPhase[] = [
  { id: 'clarify', label: 'Clarify', plannedMs: 5 * MINUTE },
  { id: 'design', label: 'Design', plannedMs: 20 * MINUTE },
]

let dir: string
let db: Db
let roomId: string
let published: { roomId: string; state: TimerState }[]

const open = () => openDatabase(path.join(dir, 'mockboard.db'))
const serviceOn = (database: Db) =>
  new TimerService({ db: database, log: pino({ level: 'silent' }), publish: (id, state) => published.push({ roomId: id, state }) })

const timeline = (database: Db) => readTimeline(database, roomId, { viewer: SERVER_VIEWER, types: TIMER_EVENT_TYPES })

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockboard-timer-'))
  db = open()
  roomId = insertRoom(db, { title: 'Timer room' }, T0).room.id
  published = []
})

afterEach(() => {
  if (db.$client.open) db.$client.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('TimerService', () => {
  it('initialize is idempotent: a second call keeps the first plan and writes nothing', () => {
    const service = serviceOn(db)
    service.initialize(roomId, PHASES, T0)
    const again = service.initialize(roomId, [{ id: 'other', label: 'Other', plannedMs: MINUTE }], T0 + 1)
    expect(again.phases).toEqual(PHASES)
    expect(db.$client.prepare('select updated_at from room_timers').all()).toEqual([{ updated_at: T0 }])
    expect(timeline(db)).toEqual([])
  })

  it('persists every transition with its timeline event (author, server time, state after) and publishes it', () => {
    const service = serviceOn(db)
    service.initialize(roomId, PHASES, T0)
    const result = service.apply(roomId, { type: 'start' }, T0 + 1000, 'p-interviewer')
    expect(result.ok).toBe(true)
    const stored = service.get(roomId)!
    expect(stored).toMatchObject({ status: 'running', phaseStartedAt: T0 + 1000, revision: 1 })
    const event = timeline(db).at(-1)!
    expect(event).toMatchObject({ type: 'timer.start', participantId: 'p-interviewer', at: T0 + 1000 })
    expect(event.payload).toMatchObject({ phaseId: 'clarify', phaseIndex: 0, state: stored })
    expect(published).toEqual([{ roomId, state: stored }])
  })

  it('a refused transition writes nothing and publishes nothing', () => {
    const service = serviceOn(db)
    service.initialize(roomId, PHASES, T0)
    expect(service.apply(roomId, { type: 'pause' }, T0, 'p')).toMatchObject({ ok: false, error: { code: 'not-started' } })
    expect(service.apply('no-such-room', { type: 'start' }, T0, 'p')).toMatchObject({ ok: false, error: { code: 'no-timer' } })
    expect(service.get(roomId)?.revision).toBe(0)
    expect(timeline(db)).toHaveLength(0)
    expect(published).toEqual([])
  })

  it('currentPhaseId follows the timer and is null before the start and after the end', () => {
    const service = serviceOn(db)
    expect(service.currentPhaseId(roomId)).toBeNull()
    service.initialize(roomId, PHASES, T0)
    expect(service.currentPhaseId(roomId)).toBeNull()
    service.apply(roomId, { type: 'start' }, T0, 'p')
    expect(service.currentPhaseId(roomId)).toBe('clarify')
    service.apply(roomId, { type: 'next' }, T0 + MINUTE, 'p')
    service.apply(roomId, { type: 'pause' }, T0 + 2 * MINUTE, 'p')
    expect(service.currentPhaseId(roomId)).toBe('design')
    service.end(roomId, T0 + 3 * MINUTE, 'p')
    expect(service.currentPhaseId(roomId)).toBeNull()
  })

  it('end returns and records the actual time per phase, and refuses a second end', () => {
    const service = serviceOn(db)
    service.initialize(roomId, PHASES, T0)
    service.apply(roomId, { type: 'start' }, T0, 'p')
    service.apply(roomId, { type: 'next' }, T0 + 7 * MINUTE, 'p')
    const ended = service.end(roomId, T0 + 19 * MINUTE, 'p')
    if (!ended.ok) throw new Error(ended.error.code)
    expect(ended.actuals.map((phase) => [phase.phaseId, phase.plannedMs, phase.actualMs])).toEqual([
      ['clarify', 5 * MINUTE, 7 * MINUTE],
      ['design', 20 * MINUTE, 12 * MINUTE],
    ])
    const last = timeline(db).at(-1)
    expect(last?.type === 'timer.end' && last.payload.actuals).toEqual(ended.actuals)
    expect(published.at(-1)?.state.status).toBe('ended')
    expect(service.end(roomId, T0 + 20 * MINUTE, 'p')).toMatchObject({ ok: false, error: { code: 'ended' } })
  })

  it('the plan can be replaced in the lobby, not once the interview has started', () => {
    const service = serviceOn(db)
    service.initialize(roomId, PHASES, T0)
    const shorter = [{ id: 'only', label: 'Only', plannedMs: MINUTE }]
    expect(service.replacePhases(roomId, shorter, T0, 'p')).toMatchObject({ ok: true, state: { phases: shorter, revision: 1 } })
    service.apply(roomId, { type: 'start' }, T0, 'p')
    expect(service.replacePhases(roomId, PHASES, T0, 'p')).toMatchObject({ ok: false, error: { code: 'already-started' } })
    expect(service.get(roomId)?.phases).toEqual(shorter)
  })

  it('after a restart the persisted state gives the same view, paused or running, and transitions continue', () => {
    const service = serviceOn(db)
    service.initialize(roomId, PHASES, T0)
    service.apply(roomId, { type: 'start' }, T0, 'p')
    service.apply(roomId, { type: 'extend', minutes: 5 }, T0 + MINUTE, 'p')
    service.apply(roomId, { type: 'next' }, T0 + 11 * MINUTE, 'p')
    service.apply(roomId, { type: 'pause' }, T0 + 13 * MINUTE, 'p')
    const before = service.get(roomId)!
    db.$client.close()

    db = open()
    const restarted = serviceOn(db)
    const after = restarted.get(roomId)!
    expect(after).toEqual(before)
    expect(timerView(after, T0 + 40 * MINUTE)).toEqual(timerView(before, T0 + 40 * MINUTE))
    expect(timerView(after, T0 + 40 * MINUTE)).toMatchObject({ phaseIndex: 1, elapsedMs: 2 * MINUTE, status: 'paused' })

    restarted.apply(roomId, { type: 'resume' }, T0 + 40 * MINUTE, 'p')
    const resumed = restarted.get(roomId)!
    expect(timerView(resumed, T0 + 45 * MINUTE)).toMatchObject({ elapsedMs: 7 * MINUTE, remainingMs: 13 * MINUTE, totalElapsedMs: 18 * MINUTE })
    expect(resumed.progress[0]).toEqual({ spentMs: 11 * MINUTE, extensionMs: 5 * MINUTE })
  })
})
