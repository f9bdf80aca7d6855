import * as z from 'zod/mini'
import { BankIdSchema, type CandidateQuestion, type FullQuestion, type PhasePlan } from './bank.ts'
import { clientEvent } from './protocol.ts'
import type { PhaseActual, TimerPhase } from './timer.ts'

export type { PhaseActual }

export const INTERVIEW_STATUSES = ['lobby', 'live', 'completed'] as const
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number]

const NoPayloadSchema = z.strictObject({})

/** The interviewer's controls of the session itself (the clock's controls are in timer-events.ts). */
export const InterviewClientEvents = {
  'interview:start': clientEvent(NoPayloadSchema),
  'interview:end': clientEvent(NoPayloadSchema),
  /** Lobby only: ask a different question from the bank (null: no question). */
  'interview:set-question': clientEvent(z.strictObject({ questionId: z.nullable(BankIdSchema) })),
  /** Lobby only: use a different phase plan from the bank. */
  'interview:set-phase-plan': clientEvent(z.strictObject({ phasePlanId: BankIdSchema })),
  /** Shows the candidate one clarifying fact (by its position in the question's list). */
  'question:reveal-fact': clientEvent(z.strictObject({ index: z.number().check(z.int(), z.minimum(0), z.maximum(200)) })),
  /** Gives the candidate the next rung of one hint topic's ladder. */
  'question:give-hint': clientEvent(z.strictObject({ topicId: BankIdSchema })),
} as const

/** The session's shape, for everyone; the phase plan is filtered by role on the server. */
export interface RoomState {
  status: InterviewStatus
  title: string
  questionId: string | null
  phasePlan: PhasePlan | null
  startedAt: number | null
  endedAt: number | null
  /** Time actually spent per phase; set once the interview has ended. */
  phaseActuals: PhaseActual[] | null
}

/** One fact the candidate has been shown, with when. */
export interface RevealedItem {
  index: number
  text: string
  at: number
}

/** One rung of a hint ladder the candidate has been given; `rung` counts from 1 within its topic. */
export interface GivenHint {
  topicId: string
  topicName: string
  rung: number
  text: string
  at: number
}

/**
 * The question panel as one socket may see it. Built per role on the server: the candidate's
 * variant holds the prompt, the stated requirements and only what was revealed to them.
 */
export type QuestionPanel =
  | { view: 'candidate'; question: CandidateQuestion | null; facts: RevealedItem[]; hints: GivenHint[] }
  | { view: 'full'; question: FullQuestion | null; facts: RevealedItem[]; hints: GivenHint[] }

export interface InterviewServerEvents {
  'room:state': (state: RoomState) => void
  'question:panel': (panel: QuestionPanel) => void
}

/** A bank phase plan as the timer's phases: ids are stable per position so renamed phases keep their history. */
export function phasesFromPlan(plan: PhasePlan): TimerPhase[] {
  return plan.phases.map((phase, index) => ({ id: `p${index + 1}`, label: phase.name, plannedMs: phase.minutes * 60_000 }))
}
