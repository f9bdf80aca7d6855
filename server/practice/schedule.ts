import { randomBytes } from 'node:crypto'
import { MAX_SCHEDULE_AHEAD_DAYS, type ScheduleBody } from '../../shared/practice.ts'
import type { Role } from '../../shared/roles.ts'
import type { Db } from '../db/connection.ts'
import { practiceRooms, practiceSeats } from '../db/schema/index.ts'
import { invalidPayload } from '../errors.ts'
import type { MemberIdentity } from '../rooms/identity.ts'
import { insertRoom } from '../rooms/index.ts'

/** A scheduled time may lie this far in the past (a form submitted a little late); further back is a mistake. */
const PAST_TOLERANCE_MS = 5 * 60_000
const DAY_MS = 86_400_000

export interface ScheduleDeps {
  db: Db
  resolveContent: (input: { questionId?: string | undefined; phasePlanId?: string | undefined }) => {
    title?: string | undefined
    questionId?: string | undefined
    phasePlanId?: string | undefined
  }
}

interface PlannedRoom {
  title: string
  questionId: string | undefined
  phasePlanId: string | undefined
  part: number | null
  seats: { memberId: string; role: Role }[]
}

/**
 * Creates the rooms of a practice session at once, in lobby, with a seat for each member: a
 * swap is two rooms (part 1 and part 2, seats reversed), each with its own board, timer and
 * notes. Returns the new room ids; the caller seeds their boards and timers after the commit.
 */
export function scheduleSession(deps: ScheduleDeps, by: MemberIdentity, body: ScheduleBody, partners: MemberIdentity[], now: number): string[] {
  const startsAt = resolveStartsAt(body.startsAt, now)
  const planned = planRooms(deps, by, body, partners)
  const pairId = body.mode === 'swap' ? randomBytes(9).toString('base64url') : null
  return deps.db.$client.transaction(() =>
    planned.map((room) => {
      const { room: row } = insertRoom(deps.db, { title: room.title, questionId: room.questionId, phasePlanId: room.phasePlanId, createdBy: by.memberId }, now)
      deps.db.insert(practiceRooms).values({ roomId: row.id, startsAt, pairId, part: room.part, scheduledBy: by.memberId, createdAt: now }).run()
      for (const seat of room.seats)
        deps.db
          .insert(practiceSeats)
          .values({ roomId: row.id, ...seat, createdAt: now })
          .run()
      return row.id
    }),
  )()
}

function resolveStartsAt(startsAt: string | undefined, now: number): number | null {
  if (startsAt === undefined) return null
  const at = Date.parse(startsAt)
  if (at < now - PAST_TOLERANCE_MS) throw invalidPayload('startsAt: is in the past')
  if (at > now + MAX_SCHEDULE_AHEAD_DAYS * DAY_MS) throw invalidPayload(`startsAt: is more than ${MAX_SCHEDULE_AHEAD_DAYS} days ahead`)
  return at
}

const OTHER_SEAT = { interviewer: 'candidate', candidate: 'interviewer' } as const

function planRooms(deps: ScheduleDeps, by: MemberIdentity, body: ScheduleBody, partners: MemberIdentity[]): PlannedRoom[] {
  const [partner, ...observers] = partners
  const parts = body.mode === 'swap' ? [1, 2] : [null]
  return parts.map((part, index) => {
    const content = deps.resolveContent({ questionId: body.questionIds[index], phasePlanId: body.phasePlanId })
    const myRole = index === 0 ? body.myRole : OTHER_SEAT[body.myRole]
    const seats: PlannedRoom['seats'] = [{ memberId: by.memberId, role: myRole }]
    if (partner) seats.push({ memberId: partner.memberId, role: OTHER_SEAT[myRole] })
    for (const observer of observers) seats.push({ memberId: observer.memberId, role: 'observer' })
    // Never the question's title by default: the candidate's upcoming list shows the room's title.
    const base = body.title ?? 'Practice interview'
    return {
      title: part === null ? base : `${base} (part ${part} of 2)`,
      questionId: content.questionId,
      phasePlanId: content.phasePlanId,
      part,
      seats,
    }
  })
}
