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
export function updateRoomWithEvent(db: Db, roomId: string, patch: RoomPatch, event: InterviewEvent, now: number): void {
  db.transaction((tx) => {
    if (Object.keys(patch).length > 0) tx.update(rooms).set(patch).where(eq(rooms.id, roomId)).run()
    appendEvent(tx, { roomId, at: now, ...event })
  })
}

export const FACT_REVEALED = 'question.fact-revealed'
export const HINT_GIVEN = 'question.hint-given'
export const INTERVIEW_ENDED = 'interview.ended'

/**
 * A hint given, as the timeline recorded it: `{ topicId, rung }` since hints became ladders (v2);
 * v1 events carry only `index`, a position in the flat hint list.
 */
export type HintEvent = { topicId: string; rung: number; at: number } | { legacyIndex: number; at: number }

/** Facts revealed and hints given for the room's current question, oldest first. */
export function listReveals(db: Db, roomId: string, questionId: string): { facts: Omit<RevealedItem, 'text'>[]; hints: HintEvent[] } {
  const facts: Omit<RevealedItem, 'text'>[] = []
  const hints: HintEvent[] = []
  // The server reads for everyone here; the panel built from it is filtered per role (interview-views.ts).
  for (const event of readTimeline(db, roomId, { viewer: SERVER_VIEWER, types: [FACT_REVEALED, HINT_GIVEN] })) {
    if (event.payload.questionId !== questionId) continue
    if (event.type === FACT_REVEALED) {
      if (!facts.some((item) => item.index === event.payload.index)) facts.push({ index: event.payload.index, at: event.at })
    } else if (event.v === 2) {
      hints.push({ topicId: event.payload.topicId, rung: event.payload.rung, at: event.at })
    } else {
      hints.push({ legacyIndex: event.payload.index, at: event.at })
    }
  }
  return { facts, hints }
}

/** The per-phase times recorded when the interview ended, or null before that. */
export function findPhaseActuals(db: Db, roomId: string): PhaseActual[] | null {
  return readTimeline(db, roomId, { viewer: SERVER_VIEWER, types: [INTERVIEW_ENDED] }).at(-1)?.payload.actuals ?? null
}
