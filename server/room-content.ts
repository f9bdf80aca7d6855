import { ErrorCode } from '../shared/errors.ts'
import { getQuestionForRole, listPhasePlans, phasePlanExists, questionExists } from './bank/index.ts'
import type { Db } from './db/connection.ts'
import { AppError, notFound } from './errors.ts'

const DEFAULT_PHASE_PLAN_ID = 'standard-45'

/**
 * What a new room asks and on which clock: checks the chosen question and phase plan exist, and
 * fills the gaps (the question's suggested plan, else the standard 45-minute plan; its title).
 */
export function resolveRoomContent(db: Db, input: { questionId?: string | undefined; phasePlanId?: string | undefined }) {
  if (input.questionId !== undefined && !questionExists(db, input.questionId)) {
    throw notFound(ErrorCode.QUESTION_NOT_FOUND, `There is no question "${input.questionId}" in the bank.`)
  }
  if (input.phasePlanId !== undefined && !phasePlanExists(db, input.phasePlanId)) {
    throw new AppError(ErrorCode.NOT_FOUND, 404, `There is no phase plan "${input.phasePlanId}" in the bank.`)
  }
  const question = input.questionId ? getQuestionForRole(db, input.questionId, 'interviewer') : null
  const phasePlanId =
    input.phasePlanId ??
    (question && phasePlanExists(db, question.phasePlanId) ? question.phasePlanId : undefined) ??
    (phasePlanExists(db, DEFAULT_PHASE_PLAN_ID) ? DEFAULT_PHASE_PLAN_ID : listPhasePlans(db)[0]?.id)
  return { title: question?.title, questionId: input.questionId, phasePlanId }
}
