import { eq } from 'drizzle-orm'
import type { PhaseActual, RevealedItem } from '../../shared/interview-events.ts'
import { SERVER_VIEWER, type TimelineEventDraft, type TimelineEventType } from '../../shared/timeline.ts'
import type { Db } from '../db/connection.ts'
import { rooms } from '../db/schema/index.ts'
import { appendEvent, readTimeline } from '../timeline/index.ts'

type RoomPatch = Partial<Pick<typeof rooms.$inferInsert, 'status' | 'startedAt' | 'endedAt' | 'questionId' | 'phasePlanId'>>

/** One of the session's own events (interview.*, question.*); the room and the time are the call's. */
type InterviewEvent = TimelineEventDraft<Extract<TimelineEventType, `interview.${string}` | `question.${string}`>>

/**
 * Changes the room row (a projection) and appends the event that explains it, in one transaction:
 * the timeline is the record, the row only answers "what now" quickly.
 */
export function updateRoomWithEvent(
  db: Db,
  roomId: string,
  patch: RoomPatch,
  event: InterviewEvent,
  now: number,
): void {
  db.transaction((tx) => {
    if (Object.keys(patch).length > 0) tx.update(rooms).set(patch).where(eq(rooms.id, roomId)).run()
    appendEvent(tx, { roomId, at: now, ...event })
  })
}

export const FACT_REVEALED = 'question.fact-revealed'
export const HINT_GIVEN = 'question.hint-given'
export const INTERVIEW_ENDED = 'interview.ended'

/** Facts revealed and hints given for the room's current question, oldest first. */
export function listReveals(db: Db, roomId: string, questionId: string): { facts: Omit<RevealedItem, 'text'>[]; hints: Omit<RevealedItem, 'text'>[] } {
  const facts: Omit<RevealedItem, 'text'>[] = []
  const hints: Omit<RevealedItem, 'text'>[] = []
  // The server reads for everyone here; the panel built from it is filtered per role (interview-views.ts).
  for (const event of readTimeline(db, roomId, { viewer: SERVER_VIEWER, types: [FACT_REVEALED, HINT_GIVEN] })) {
    if (event.payload.questionId !== questionId) continue
    const list = event.type === FACT_REVEALED ? facts : hints
    if (!list.some((item) => item.index === event.payload.index)) list.push({ index: event.payload.index, at: event.at })
  }
  return { facts, hints }
}

/** The per-phase times recorded when the interview ended, or null before that. */
export function findPhaseActuals(db: Db, roomId: string): PhaseActual[] | null {
  return readTimeline(db, roomId, { viewer: SERVER_VIEWER, types: [INTERVIEW_ENDED] }).at(-1)?.payload.actuals ?? null
}
