import type { PracticeRoom, SeatHolder } from '../../shared/practice.ts'
import { can, ROLES, type Role } from '../../shared/roles.ts'
import type { Db } from '../db/connection.ts'

/**
 * The roles a member holds in one room, each once: a seat given when the session was scheduled,
 * a role they entered through a link while signed in, and — for whoever created the room with
 * POST /api/rooms, who was handed all three links then — the interviewer's.
 */
const HELD_ROLES = `
  SELECT role FROM practice_seats WHERE room_id = @roomId AND member_id = @memberId
  UNION SELECT role FROM participants WHERE room_id = @roomId AND member_id = @memberId
  UNION SELECT 'interviewer' FROM rooms r WHERE r.id = @roomId AND r.created_by = @memberId
    AND NOT EXISTS (SELECT 1 FROM practice_rooms pr WHERE pr.room_id = r.id)`

export function heldRoles(db: Db, memberId: string, roomId: string): Role[] {
  const roles = new Set(db.$client.prepare(HELD_ROLES).pluck().all({ memberId, roomId }) as Role[])
  return ROLES.filter((role) => roles.has(role))
}

/**
 * Every (room, role) a member took or holds, for the dashboard and the rotation: seats and
 * signed-in entries. Creating a room alone is not practising in it.
 */
export const MEMBER_ROOM_ROLES = `
  SELECT room_id, role FROM practice_seats WHERE member_id = @memberId
  UNION SELECT room_id, role FROM participants WHERE member_id = @memberId`

export function seatHolders(db: Db, roomId: string): SeatHolder[] {
  return db.$client
    .prepare(
      `SELECT s.member_id AS memberId, m.display_name AS displayName, s.role FROM practice_seats s JOIN members m ON m.id = s.member_id
       WHERE s.room_id = ? ORDER BY CASE s.role WHEN 'interviewer' THEN 0 WHEN 'candidate' THEN 1 ELSE 2 END, m.display_name`,
    )
    .all(roomId) as SeatHolder[]
}

interface PracticeRow {
  id: string
  title: string
  status: PracticeRoom['status']
  question_id: string | null
  phase_plan_id: string | null
  starts_at: number | null
  part: number | null
  pair_room_id: string | null
}

const PRACTICE_SELECT = `
  SELECT r.id, r.title, r.status, r.question_id, r.phase_plan_id, pr.starts_at, pr.part,
    (SELECT other.room_id FROM practice_rooms other WHERE other.pair_id = pr.pair_id AND other.room_id <> pr.room_id) AS pair_room_id
  FROM practice_rooms pr JOIN rooms r ON r.id = pr.room_id`

/** One practice room as `memberId` sees it: the question only for a staff role (a candidate learns it as the interview starts). */
export function findPracticeRoom(db: Db, memberId: string, roomId: string): PracticeRoom | null {
  const row = db.$client.prepare(`${PRACTICE_SELECT} WHERE pr.room_id = ?`).get(roomId) as PracticeRow | undefined
  return row ? toPracticeRoom(db, row, memberId) : null
}

/** Practice rooms not yet completed in which the member holds a seat, soonest first (a room opened to start now counts from its creation). */
export function listUpcoming(db: Db, memberId: string): PracticeRoom[] {
  const rows = db.$client
    .prepare(
      `${PRACTICE_SELECT}
       WHERE r.status <> 'completed' AND EXISTS (SELECT 1 FROM practice_seats s WHERE s.room_id = r.id AND s.member_id = @memberId)
       ORDER BY coalesce(pr.starts_at, pr.created_at), pr.part, r.id LIMIT 100`,
    )
    .all({ memberId }) as PracticeRow[]
  return rows.map((row) => toPracticeRoom(db, row, memberId))
}

function toPracticeRoom(db: Db, row: PracticeRow, memberId: string): PracticeRoom {
  const myRoles = heldRoles(db, memberId, row.id)
  const staff = myRoles.some((role) => can(role, 'room:view-staff-panel'))
  return {
    roomId: row.id,
    title: row.title,
    status: row.status,
    startsAt: row.starts_at,
    part: row.part,
    pairRoomId: row.pair_room_id,
    myRoles,
    seats: seatHolders(db, row.id),
    questionId: staff || row.status !== 'lobby' ? row.question_id : null,
    phasePlanId: row.phase_plan_id,
  }
}

/** Where a room sits in a swap: its part and the other half's room, or nulls for any other room. */
export function findSwapHalf(db: Db, roomId: string): { part: number; pairRoomId: string } | null {
  const row = db.$client
    .prepare(
      `SELECT pr.part, other.room_id AS pairRoomId FROM practice_rooms pr
       JOIN practice_rooms other ON other.pair_id = pr.pair_id AND other.room_id <> pr.room_id
       WHERE pr.room_id = ? AND pr.pair_id IS NOT NULL`,
    )
    .get(roomId) as { part: number; pairRoomId: string } | undefined
  return row ?? null
}
