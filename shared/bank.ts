import * as z from 'zod/mini'

/**
 * The question bank's REST payloads, declared once for the server (which parses and builds them)
 * and the client (which reads them). Markdown travels as source text; the client renders it
 * through a sanitizing renderer.
 */

export const QUESTION_KINDS = ['design', 'concept', 'scenario'] as const
export const QuestionKindSchema = z.enum(QUESTION_KINDS)
export type QuestionKind = z.infer<typeof QuestionKindSchema>

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const
export const DifficultySchema = z.enum(DIFFICULTIES)
export type Difficulty = z.infer<typeof DifficultySchema>

/** `ready`: curated, every section present. `draft`: imported or unfinished, reviewed before use. */
export const QUESTION_STATUSES = ['ready', 'draft'] as const
export const QuestionStatusSchema = z.enum(QUESTION_STATUSES)
export type QuestionStatus = z.infer<typeof QuestionStatusSchema>

export const KIND_LABELS: Record<QuestionKind, string> = {
  design: 'Design problem',
  concept: 'Concept',
  scenario: 'Scenario',
}

/** Ids of questions, rubrics and phase plans: lowercase words joined by hyphens. */
export const BANK_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
export const BankIdSchema = z.string().check(z.minLength(1), z.maxLength(80), z.regex(BANK_ID_PATTERN, 'must be lowercase words joined by hyphens'))

export const TAG_PATTERN = /^[a-z0-9]+(?:[-.+][a-z0-9]+)*$/
export const TagSchema = z.string().check(z.minLength(1), z.maxLength(40), z.regex(TAG_PATTERN, 'must be a lowercase word, hyphens allowed'))

export const PhaseSchema = z.object({
  name: z.string().check(z.minLength(1)),
  minutes: z.number().check(z.int(), z.positive()),
  /** What the phase is for, one short paragraph of Markdown. */
  goal: z.string(),
  /** What the interviewer should look for during this phase (Markdown items). */
  lookFor: z.array(z.string()),
})
export type Phase = z.infer<typeof PhaseSchema>

export const PhasePlanSchema = z.object({
  id: BankIdSchema,
  title: z.string().check(z.minLength(1)),
  description: z.string(),
  totalMinutes: z.number().check(z.int(), z.positive()),
  phases: z.array(PhaseSchema).check(z.minLength(1)),
})
export type PhasePlan = z.infer<typeof PhasePlanSchema>

export const PhasePlanListSchema = z.object({ items: z.array(PhasePlanSchema) })
export type PhasePlanList = z.infer<typeof PhasePlanListSchema>

export const RubricLevelSchema = z.object({
  /** 1 is the weakest level; levels are listed in increasing order. */
  level: z.number().check(z.int(), z.positive()),
  label: z.string().check(z.minLength(1)),
  descriptor: z.string().check(z.minLength(1)),
})
export type RubricLevel = z.infer<typeof RubricLevelSchema>

/** What a mid-level, a senior and a staff candidate typically show on one criterion. */
export const LeveledExpectationsSchema = z.object({
  midLevel: z.string().check(z.minLength(1)),
  senior: z.string().check(z.minLength(1)),
  staff: z.string().check(z.minLength(1)),
})
export type LeveledExpectations = z.infer<typeof LeveledExpectationsSchema>

/** The labels of the expectation bullets, in the order a criterion lists them. */
export const EXPECTATION_LABELS: Record<keyof LeveledExpectations, string> = { midLevel: 'Mid-level', senior: 'Senior', staff: 'Staff' }

export const RubricCriterionSchema = z.object({
  /** Derived from the name; scores refer to criteria by this id. */
  id: BankIdSchema,
  name: z.string().check(z.minLength(1)),
  /** Percent of the total score; the weights of one rubric add up to 100. */
  weight: z.number().check(z.int(), z.positive(), z.maximum(100)),
  description: z.string(),
  /** Words that show on the board or in chat that the point was made. */
  keywords: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  levels: z.array(RubricLevelSchema).check(z.minLength(4)),
  /** Null only in first-edition files, which are accepted until every file is converted. */
  expectations: z.nullable(LeveledExpectationsSchema),
})
export type RubricCriterion = z.infer<typeof RubricCriterionSchema>

export const RubricSchema = z.object({
  /** The shared rubric's id, or null when the question carries its own rubric. */
  id: z.nullable(BankIdSchema),
  title: z.string().check(z.minLength(1)),
  /** Ids of the criteria the question itself adds or replaces on top of the shared rubric `id`. */
  questionCriterionIds: z.array(BankIdSchema),
  criteria: z.array(RubricCriterionSchema).check(z.minLength(1)),
})
export type Rubric = z.infer<typeof RubricSchema>

/** One topic of a hint ladder: rungs gentlest first (a nudge, a direction, a near-answer). */
export const HintTopicSchema = z.object({
  /** Derived from the name; the room's timeline refers to topics by this id. */
  id: BankIdSchema,
  name: z.string().check(z.minLength(1)),
  rungs: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
})
export type HintTopic = z.infer<typeof HintTopicSchema>

/** A starter diagram, placed on a grid; the server turns it into board shapes for a new room. */
export const StarterBoxSchema = z.object({
  id: BankIdSchema,
  label: z.string().check(z.minLength(1)),
  col: z.number().check(z.int(), z.nonnegative()),
  row: z.number().check(z.int(), z.nonnegative()),
})
export type StarterBox = z.infer<typeof StarterBoxSchema>

export const StarterArrowSchema = z.object({ from: BankIdSchema, to: BankIdSchema, label: z.string() })
export type StarterArrow = z.infer<typeof StarterArrowSchema>

export const StarterBoardSchema = z.object({
  boxes: z.array(StarterBoxSchema),
  arrows: z.array(StarterArrowSchema),
  notes: z.array(z.string().check(z.minLength(1))),
})
export type StarterBoard = z.infer<typeof StarterBoardSchema>

export const SourceRefSchema = z.object({
  /** File name of the prep document the facts came from. */
  document: z.string().check(z.minLength(1)),
  startLine: z.number().check(z.int(), z.positive()),
  endLine: z.number().check(z.int(), z.positive()),
})
export type SourceRef = z.infer<typeof SourceRefSchema>

const questionSummaryFields = {
  id: BankIdSchema,
  title: z.string().check(z.minLength(1)),
  kind: QuestionKindSchema,
  category: z.string().check(z.minLength(1)),
  difficulty: DifficultySchema,
  tags: z.array(z.string()),
  phasePlanId: BankIdSchema,
  timeLimitMinutes: z.nullable(z.number().check(z.int(), z.positive())),
}

export const QuestionListItemSchema = z.object({
  ...questionSummaryFields,
  status: QuestionStatusSchema,
  /** The prompt's first sentences as plain text, for result lists. */
  summary: z.string(),
})
export type QuestionListItem = z.infer<typeof QuestionListItemSchema>

export const QuestionFacetsSchema = z.object({
  categories: z.array(z.string()),
  tags: z.array(z.string()),
})
export type QuestionFacets = z.infer<typeof QuestionFacetsSchema>

export const QuestionListSchema = z.object({
  items: z.array(QuestionListItemSchema),
  total: z.number().check(z.int(), z.nonnegative()),
  /** Every category and tag of the active bank, for the filter controls. */
  facets: QuestionFacetsSchema,
})
export type QuestionList = z.infer<typeof QuestionListSchema>

/** What a candidate may see: the prompt and the requirements stated up front, nothing else. */
export const CandidateQuestionSchema = z.object({
  view: z.literal('candidate'),
  ...questionSummaryFields,
  prompt: z.string(),
  functionalRequirements: z.array(z.string()),
  nonFunctionalRequirements: z.array(z.string()),
})
export type CandidateQuestion = z.infer<typeof CandidateQuestionSchema>

/** The interviewer's (and the team's) view: everything in the file, with its rubric resolved. */
export const FullQuestionSchema = z.object({
  ...CandidateQuestionSchema.shape,
  view: z.literal('full'),
  status: QuestionStatusSchema,
  archived: z.boolean(),
  sources: z.array(SourceRefSchema),
  clarifyingFacts: z.array(z.string()),
  referenceOutline: z.string(),
  referenceMaterial: z.string(),
  hints: z.array(HintTopicSchema),
  followUps: z.array(z.string()),
  pitfalls: z.array(z.string()),
  rubric: RubricSchema,
  /** Null when the question has no starter board. Not secret: everyone sees it on the board. */
  starterBoard: z.nullable(StarterBoardSchema),
})
export type FullQuestion = z.infer<typeof FullQuestionSchema>

export const QuestionViewSchema = z.discriminatedUnion('view', [FullQuestionSchema, CandidateQuestionSchema])
export type QuestionView = z.infer<typeof QuestionViewSchema>

const optionalText = (max: number) =>
  z.optional(
    z.pipe(
      z.string({ error: 'must be given once' }).check(z.trim(), z.maxLength(max, `must be at most ${max} characters`)),
      z.transform((value: string) => (value === '' ? undefined : value)),
    ),
  )

const queryInt = (min: number, max: number, fallback: number) =>
  z._default(z.coerce.number({ error: 'must be a number' }).check(z.int('must be a whole number'), z.minimum(min), z.maximum(max)), fallback)

/** `GET /api/questions` query parameters. Unknown parameters are refused so typos surface. */
export const QuestionQuerySchema = z.strictObject({
  q: optionalText(200),
  category: optionalText(100),
  kind: z.optional(z.enum(QUESTION_KINDS, { error: `must be one of ${QUESTION_KINDS.join(', ')}` })),
  difficulty: z.optional(z.enum(DIFFICULTIES, { error: `must be one of ${DIFFICULTIES.join(', ')}` })),
  tag: optionalText(40),
  limit: queryInt(1, 200, 50),
  offset: queryInt(0, 100_000, 0),
})
export type QuestionQuery = z.infer<typeof QuestionQuerySchema>
