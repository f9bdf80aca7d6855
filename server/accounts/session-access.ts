import type { SessionItem, SessionQuery } from '../../shared/accounts.ts'
import type { Role } from '../../shared/roles.ts'
import type { Db } from '../db/connection.ts'
import type { MemberIdentity } from '../rooms/identity.ts'

/** A member took part in a room: they created it, or entered it through a link while signed in. */
const TOOK_PART = `(r.created_by = @memberId OR EXISTS (SELECT 1 FROM participants p WHERE p.room_id = r.id AND p.member_id = @memberId))`

export function tookPart(db: Db, memberId: string, roomId: string): boolean {
  return db.$client.prepare(`SELECT 1 FROM rooms r WHERE r.id = @roomId AND ${TOOK_PART}`).get({ memberId, roomId }) !== undefined
}

/**
 * Who may read a past session (its summary here; its report and replay as they come): the
 * members who took part, everyone in the team once a participant shared it, and admins.
 * Guests read their own session through their link, never through this.
 */
export function canReadSession(db: Db, member: MemberIdentity, roomId: string): boolean {
  if (member.role === 'admin') return db.$client.prepare('SELECT 1 FROM rooms WHERE id = ?').get(roomId) !== undefined
  const row = db.$client
    .prepare(`SELECT 1 FROM rooms r WHERE r.id = @roomId AND (r.shared_at IS NOT NULL OR ${TOOK_PART})`)
    .get({ memberId: member.memberId, roomId })
  return row !== undefined
}

interface RoomRow {
  id: string
  title: string
  question_id: string | null
  phase_plan_id: string | null
  status: SessionItem['status']
  created_at: number
  started_at: number | null
  ended_at: number | null
  created_by: string | null
  creator_name: string | null
  shared_at: number | null
}

const SCOPE_CONDITION: Record<SessionQuery['scope'], string> = {
  mine: TOOK_PART,
  shared: 'r.shared_at IS NOT NULL',
  all: '1 = 1',
}

/** The sessions of one scope, newest first; `all` is for admins (the route checks). */
export function listSessions(db: Db, member: MemberIdentity, query: SessionQuery): { items: SessionItem[]; total: number } {
  const where = SCOPE_CONDITION[query.scope]
  const params = { memberId: member.memberId, limit: query.limit, offset: query.offset }
  const rows = db.$client
    .prepare(
      `SELECT r.*, m.display_name AS creator_name FROM rooms r LEFT JOIN members m ON m.id = r.created_by
       WHERE ${where} ORDER BY r.created_at DESC, r.id LIMIT @limit OFFSET @offset`,
    )
    .all(params) as RoomRow[]
  const total = (db.$client.prepare(`SELECT count(*) AS n FROM rooms r WHERE ${where}`).get({ memberId: member.memberId }) as { n: number }).n
  return { items: rows.map((row) => toSessionItem(db, row, member.memberId)), total }
}

export function findSession(db: Db, member: MemberIdentity, roomId: string): SessionItem | null {
  if (!canReadSession(db, member, roomId)) return null
  const row = db.$client
    .prepare('SELECT r.*, m.display_name AS creator_name FROM rooms r LEFT JOIN members m ON m.id = r.created_by WHERE r.id = ?')
    .get(roomId) as RoomRow | undefined
  return row ? toSessionItem(db, row, member.memberId) : null
}

export function setSessionShared(db: Db, roomId: string, shared: boolean, now: number): void {
  db.$client.prepare('UPDATE rooms SET shared_at = ? WHERE id = ?').run(shared ? now : null, roomId)
}

function toSessionItem(db: Db, row: RoomRow, memberId: string): SessionItem {
  const participants = db.$client.prepare('SELECT name, role, member_id FROM participants WHERE room_id = ? ORDER BY first_seen_at').all(row.id) as {
    name: string
    role: Role
    member_id: string | null
  }[]
  return {
    roomId: row.id,
    title: row.title,
    questionId: row.question_id,
    phasePlanId: row.phase_plan_id,
    status: row.status,
    createdAt: row.created_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    createdBy: row.created_by ? { memberId: row.created_by, displayName: row.creator_name ?? '' } : null,
    myRoles: [...new Set(participants.filter((p) => p.member_id === memberId).map((p) => p.role))],
    participants: participants.map((p) => ({ name: p.name, role: p.role, memberId: p.member_id })),
    sharedWithTeam: row.shared_at !== null,
  }
}
