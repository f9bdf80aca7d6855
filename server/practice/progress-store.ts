import { IDLE_AFTER_DAYS, PROGRESS_WEEKS, type PhaseTime, type Progress, type ProgressWeek, type TeamProgress } from '../../shared/practice.ts'
import type { Role } from '../../shared/roles.ts'
import type { Db } from '../db/connection.ts'
import { findPhaseActuals } from '../interview/index.ts'
import { MEMBER_ROOM_ROLES } from './practice-store.ts'

const DAY_MS = 86_400_000
const WEEK_MS = 7 * DAY_MS

interface HeldSessionRow {
  room_id: string
  role: Role
  title: string
  status: 'live' | 'completed'
  at: number
}

/** Sessions that ran (started, maybe ended) in which the member held a role, newest first. */
function sessionsOf(db: Db, memberId: string): HeldSessionRow[] {
  return db.$client
    .prepare(
      `SELECT held.room_id, held.role, r.title, r.status, coalesce(r.started_at, r.created_at) AS at
       FROM (${MEMBER_ROOM_ROLES}) held JOIN rooms r ON r.id = held.room_id
       WHERE r.status <> 'lobby' ORDER BY at DESC, r.id`,
    )
    .all({ memberId }) as HeldSessionRow[]
}

/** Monday 00:00 UTC of the week holding `at`. */
export function weekStartOf(at: number): number {
  const day = Math.floor(at / DAY_MS)
  // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
  return (day - ((day + 3) % 7)) * DAY_MS
}

function weeksOf(rows: HeldSessionRow[], now: number): ProgressWeek[] {
  const first = weekStartOf(now) - (PROGRESS_WEEKS - 1) * WEEK_MS
  const weeks = Array.from({ length: PROGRESS_WEEKS }, (_, index) => ({ weekStart: first + index * WEEK_MS, asCandidate: 0, asInterviewer: 0 }))
  for (const row of rows) {
    const week = weeks[Math.floor((weekStartOf(row.at) - first) / WEEK_MS)]
    if (!week) continue
    if (row.role === 'candidate') week.asCandidate += 1
    if (row.role === 'interviewer') week.asInterviewer += 1
  }
  return weeks
}

/**
 * Time per phase against the plan, from the actuals the timer recorded when each interview ended,
 * grouped by the member's seat and the phase's label. A phase never reached (the interview ended
 * before it) says nothing about pace and is left out.
 */
function phaseTimesOf(db: Db, rows: HeldSessionRow[]): PhaseTime[] {
  const groups = new Map<string, PhaseTime>()
  for (const row of rows) {
    if (row.status !== 'completed' || row.role === 'observer') continue
    for (const actual of findPhaseActuals(db, row.room_id) ?? []) {
      if (actual.actualMs === 0) continue
      const key = `${row.role}\u0000${actual.label}`
      const group = groups.get(key) ?? { role: row.role, label: actual.label, sessions: 0, avgPlannedMs: 0, avgActualMs: 0 }
      // Running means: one pass, no second list of samples.
      group.sessions += 1
      group.avgPlannedMs += (actual.plannedMs - group.avgPlannedMs) / group.sessions
      group.avgActualMs += (actual.actualMs - group.avgActualMs) / group.sessions
      groups.set(key, group)
    }
  }
  return [...groups.values()].map((group) => ({ ...group, avgPlannedMs: Math.round(group.avgPlannedMs), avgActualMs: Math.round(group.avgActualMs) }))
}

export function progressOf(db: Db, member: { memberId: string; displayName: string }, now: number): Progress {
  const rows = sessionsOf(db, member.memberId)
  const count = (role: Role) => rows.filter((row) => row.role === role).length
  return {
    member: { memberId: member.memberId, displayName: member.displayName },
    totals: { asCandidate: count('candidate'), asInterviewer: count('interviewer'), asObserver: count('observer') },
    weeks: weeksOf(rows, now),
    phases: phaseTimesOf(db, rows),
    sessions: rows.slice(0, 50).map((row) => ({ roomId: row.room_id, title: row.title, role: row.role, status: row.status, at: row.at })),
  }
}

interface TeamRow {
  id: string
  login: string
  display_name: string
  deactivated_at: number | null
}

/** Every member with their practice: sessions that ran, by seat, the last one, and whether they have been idle too long. */
export function teamProgressOf(db: Db, now: number): TeamProgress {
  const members = db.$client.prepare('SELECT id, login, display_name, deactivated_at FROM members ORDER BY display_name COLLATE NOCASE').all() as TeamRow[]
  const idleBefore = now - IDLE_AFTER_DAYS * DAY_MS
  return {
    idleAfterDays: IDLE_AFTER_DAYS,
    members: members.map((member) => {
      const rows = sessionsOf(db, member.id)
      const lastPracticeAt = rows[0]?.at ?? null
      const active = member.deactivated_at === null
      return {
        memberId: member.id,
        displayName: member.display_name,
        login: member.login,
        active,
        sessions: new Set(rows.map((row) => row.room_id)).size,
        asCandidate: rows.filter((row) => row.role === 'candidate').length,
        asInterviewer: rows.filter((row) => row.role === 'interviewer').length,
        lastPracticeAt,
        idle: active && (lastPracticeAt === null || lastPracticeAt < idleBefore),
      }
    }),
  }
}
