import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Db } from '../db/connection.ts'
import { bankPhasePlans, bankQuestions, bankRubrics } from '../db/schema/bank.ts'
import type { CandidateQuestion, FullQuestion, PhasePlan, QuestionView, Rubric, StarterBoard } from '../../shared/bank.ts'
import { can, type Principal } from '../../shared/roles.ts'
import type { QuestionDocument } from './format/question-format.ts'
import type { RubricFile } from './format/shared-files.ts'
import { readStoredQuestion, upgradeRubric } from './stored-document.ts'

/**
 * Who sees a question's answer key: a member reading the bank ('bank:view-answer-key'), or a
 * room's staff role ('room:view-staff-panel') when the room's own code asks for its question. A
 * guest never reaches the bank's routes ('bank:search' is for members), so a role reaches here
 * only from inside its room.
 */
function seesAnswerKey(who: Principal): boolean {
  return can(who, 'bank:view-answer-key') || can(who, 'room:view-staff-panel')
}

/**
 * The question as `who` may see it: the answer key only where `seesAnswerKey`; everyone else
 * gets the prompt and the stated requirements only.
 * Archived questions are still returned: rooms created with them keep working.
 */
export function getQuestionForRole(db: Db, id: string, who: Principal): QuestionView | null {
  const row = db.select({ document: bankQuestions.document, archivedAt: bankQuestions.archivedAt }).from(bankQuestions).where(eq(bankQuestions.id, id)).get()
  if (!row) return null
  const question = readStoredQuestion(row.document)
  return seesAnswerKey(who) ? toFullView(db, question, row.archivedAt !== null) : toCandidateView(question)
}

export function toCandidateView(question: QuestionDocument): CandidateQuestion {
  return {
    view: 'candidate',
    id: question.id,
    title: question.title,
    kind: question.kind,
    category: question.category,
    difficulty: question.difficulty,
    tags: question.tags,
    phasePlanId: question.phasePlanId,
    timeLimitMinutes: question.timeLimitMinutes,
    prompt: question.prompt,
    functionalRequirements: question.functionalRequirements,
    nonFunctionalRequirements: question.nonFunctionalRequirements,
  }
}

function toFullView(db: Db, question: QuestionDocument, archived: boolean): FullQuestion {
  return {
    ...toCandidateView(question),
    view: 'full',
    status: question.status,
    archived,
    sources: question.sources,
    clarifyingFacts: question.clarifyingFacts,
    referenceOutline: question.referenceOutline,
    referenceMaterial: question.referenceMaterial,
    hints: question.hints,
    followUps: question.followUps,
    pitfalls: question.pitfalls,
    rubric: question.inlineRubric ?? requireSharedRubric(db, question),
    starterBoard: question.starterBoard,
  }
}

/** The loader checked the reference; rows are never deleted, so a missing rubric means a corrupted database. */
function requireSharedRubric(db: Db, question: QuestionDocument): Rubric {
  const id = question.rubricId ?? ''
  const row = db.select({ document: bankRubrics.document }).from(bankRubrics).where(eq(bankRubrics.id, id)).get()
  if (!row) throw new Error(`question ${question.id} refers to rubric ${id}, which is not in the database`)
  return upgradeRubric((JSON.parse(row.document) as RubricFile).rubric)
}

/** The question's starter board, or null when it has none (or there is no such question). */
export function getStarterBoard(db: Db, questionId: string): StarterBoard | null {
  const row = db.select({ document: bankQuestions.document }).from(bankQuestions).where(eq(bankQuestions.id, questionId)).get()
  return row ? readStoredQuestion(row.document).starterBoard : null
}

/** Active questions only: a new room may not pick an archived one. */
export function questionExists(db: Db, id: string): boolean {
  const row = db
    .select({ id: bankQuestions.id })
    .from(bankQuestions)
    .where(and(eq(bankQuestions.id, id), isNull(bankQuestions.archivedAt)))
    .get()
  return row !== undefined
}

export function phasePlanExists(db: Db, id: string): boolean {
  const row = db
    .select({ id: bankPhasePlans.id })
    .from(bankPhasePlans)
    .where(and(eq(bankPhasePlans.id, id), isNull(bankPhasePlans.archivedAt)))
    .get()
  return row !== undefined
}

/** Archived plans are returned too, for rooms that were created with them. */
export function getPhasePlan(db: Db, id: string): PhasePlan | null {
  const row = db.select({ document: bankPhasePlans.document }).from(bankPhasePlans).where(eq(bankPhasePlans.id, id)).get()
  return row ? (JSON.parse(row.document) as PhasePlan) : null
}

/** Active plans, shortest first. */
export function listPhasePlans(db: Db): PhasePlan[] {
  return db
    .select({ document: bankPhasePlans.document })
    .from(bankPhasePlans)
    .where(isNull(bankPhasePlans.archivedAt))
    .orderBy(asc(bankPhasePlans.totalMinutes), asc(bankPhasePlans.id))
    .all()
    .map((row) => JSON.parse(row.document) as PhasePlan)
}

/** A candidate sees each phase's name and length (the timer shows them) but not what the interviewer looks for. */
export function phasePlanForRole(plan: PhasePlan, who: Principal): PhasePlan {
  if (seesAnswerKey(who)) return plan
  return { ...plan, phases: plan.phases.map((phase) => ({ ...phase, lookFor: [] })) }
}
