import type { Rotation, RotationQuery } from '../../shared/practice.ts'
import { searchQuestions } from '../bank/index.ts'
import type { Db } from '../db/connection.ts'
import { MEMBER_ROOM_ROLES } from './practice-store.ts'

/** The bank is small (tens of questions); the picker shows it whole, filtered. */
const ROTATION_LIMIT = 200
const SUGGESTIONS = 3

interface HadRow {
  question_id: string
  times: number
  last_at: number
}

/**
 * The questions a member has had as candidate in a session that ran (started or ended), with how
 * often and when last. A lobby that never started asked them nothing.
 */
function questionsHad(db: Db, memberId: string): Map<string, HadRow> {
  const rows = db.$client
    .prepare(
      `SELECT r.question_id, count(DISTINCT r.id) AS times, max(coalesce(r.started_at, r.created_at)) AS last_at
       FROM (${MEMBER_ROOM_ROLES}) held JOIN rooms r ON r.id = held.room_id
       WHERE held.role = 'candidate' AND r.status <> 'lobby' AND r.question_id IS NOT NULL
       GROUP BY r.question_id`,
    )
    .all({ memberId }) as HadRow[]
  return new Map(rows.map((row) => [row.question_id, row]))
}

/** The bank under the filters, each question marked with the candidate's history; suggestions are the first ones never had. */
export function rotationFor(
  db: Db,
  candidate: { memberId: string; displayName: string } | null,
  filters: Omit<RotationQuery, 'candidateId' | 'roomId'>,
): Rotation {
  const bank = searchQuestions(db, { ...filters, q: undefined, limit: ROTATION_LIMIT, offset: 0 })
  const had = candidate ? questionsHad(db, candidate.memberId) : new Map<string, HadRow>()
  const items = bank.items.map((question) => ({
    questionId: question.id,
    title: question.title,
    category: question.category,
    kind: question.kind,
    difficulty: question.difficulty,
    tags: question.tags,
    phasePlanId: question.phasePlanId,
    timesHad: had.get(question.id)?.times ?? 0,
    lastHadAt: had.get(question.id)?.last_at ?? null,
  }))
  const suggestedIds = items
    .filter((item) => item.timesHad === 0)
    .slice(0, SUGGESTIONS)
    .map((item) => item.questionId)
  return { candidate, items, suggestedIds }
}

/** The member sitting as candidate in a room (by seat, else by a signed-in entry), or null for a guest candidate. */
export function roomCandidate(db: Db, roomId: string): { memberId: string; displayName: string } | null {
  const row = db.$client
    .prepare(
      `SELECT m.id AS memberId, m.display_name AS displayName FROM (
         SELECT member_id, 0 AS rank FROM practice_seats WHERE room_id = @roomId AND role = 'candidate'
         UNION SELECT member_id, 1 FROM participants WHERE room_id = @roomId AND role = 'candidate' AND member_id IS NOT NULL
       ) c JOIN members m ON m.id = c.member_id ORDER BY c.rank LIMIT 1`,
    )
    .get({ roomId }) as { memberId: string; displayName: string } | undefined
  return row ?? null
}
