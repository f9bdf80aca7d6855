import { eq } from 'drizzle-orm'
import type { PhaseActual, RevealedItem } from '../../shared/interview-events.ts'
import type { Db } from '../db/connection.ts'
import { roomEvents, rooms } from '../db/schema/index.ts'

type RoomPatch = Partial<Pick<typeof rooms.$inferInsert, 'status' | 'startedAt' | 'endedAt' | 'questionId' | 'phasePlanId'>>

/**
 * Changes the room row (a projection) and appends the event that explains it, in one transaction:
 * the timeline is the record, the row only answers "what now" quickly.
 */
export function updateRoomWithEvent(
  db: Db,
  roomId: string,
  patch: RoomPatch,
  event: { type: string; participantId: string | null; payload: Record<string, unknown> },
  now: number,
): void {
  db.transaction((tx) => {
    if (Object.keys(patch).length > 0) tx.update(rooms).set(patch).where(eq(rooms.id, roomId)).run()
    tx.insert(roomEvents).values({ roomId, at: now, ...event }).run()
  })
}

export const FACT_REVEALED = 'question.fact-revealed'
export const HINT_GIVEN = 'question.hint-given'
export const INTERVIEW_ENDED = 'interview.ended'

interface RevealRow {
  type: string
  at: number
  payload: string
}

/** Facts revealed and hints given for the room's current question, oldest first. */
export function listReveals(db: Db, roomId: string, questionId: string): { facts: Omit<RevealedItem, 'text'>[]; hints: Omit<RevealedItem, 'text'>[] } {
  const rows = db.$client
    .prepare(
      `select type, at, payload from room_events
       where room_id = ? and type in (?, ?) and json_extract(payload, '$.questionId') = ?
       order by id`,
    )
    .all(roomId, FACT_REVEALED, HINT_GIVEN, questionId) as RevealRow[]
  const facts: Omit<RevealedItem, 'text'>[] = []
  const hints: Omit<RevealedItem, 'text'>[] = []
  for (const row of rows) {
    const { index } = JSON.parse(row.payload) as { index: number }
    const list = row.type === FACT_REVEALED ? facts : hints
    if (!list.some((item) => item.index === index)) list.push({ index, at: row.at })
  }
  return { facts, hints }
}

/** The per-phase times recorded when the interview ended, or null before that. */
export function findPhaseActuals(db: Db, roomId: string): PhaseActual[] | null {
  const row = db.$client
    .prepare(`select payload from room_events where room_id = ? and type = ? order by id desc limit 1`)
    .get(roomId, INTERVIEW_ENDED) as { payload: string } | undefined
  return row ? ((JSON.parse(row.payload) as { actuals?: PhaseActual[] }).actuals ?? null) : null
}
