import type { HintTopic, Rubric, RubricCriterion } from '../../shared/bank.ts'
import { FLAT_HINTS_TOPIC } from './format/hint-ladders.ts'
import type { QuestionDocument } from './format/question-format.ts'
import { slugify } from './format/slug.ts'

/**
 * Rows written by the first edition of the format (BANK_FORMAT_VERSION 1) stay in the database
 * for archived questions and rubrics, which old rooms still show: their hints were a flat list
 * and their criteria had no expectations. Reading upgrades them to the current shape, so no
 * room ever gets a payload its client cannot read.
 */
export function readStoredQuestion(json: string): QuestionDocument {
  const stored = JSON.parse(json) as Omit<QuestionDocument, 'hints' | 'starterBoard'> & { hints: unknown[]; starterBoard?: QuestionDocument['starterBoard'] }
  const flat = stored.hints.filter((hint): hint is string => typeof hint === 'string')
  const hints = flat.length > 0 ? [{ id: slugify(FLAT_HINTS_TOPIC), name: FLAT_HINTS_TOPIC, rungs: flat }] : (stored.hints as HintTopic[])
  return {
    ...stored,
    hints,
    inlineRubric: stored.inlineRubric ? upgradeRubric(stored.inlineRubric) : null,
    starterBoard: stored.starterBoard ?? null,
  }
}

export function upgradeRubric(rubric: Rubric): Rubric {
  const criteria = rubric.criteria.map((criterion: RubricCriterion) => ({ ...criterion, expectations: criterion.expectations ?? null }))
  const questionCriterionIds = rubric.questionCriterionIds ?? (rubric.id === null ? criteria.map((criterion) => criterion.id) : [])
  return { ...rubric, questionCriterionIds, criteria }
}
