import type { RootContent } from 'mdast'
import { z } from 'zod'
import { describeZodError } from '../../errors.ts'
import {
  BankIdSchema,
  DifficultySchema,
  QuestionKindSchema,
  QuestionStatusSchema,
  TagSchema,
  type HintTopic,
  type Rubric,
  type SourceRef,
  type StarterBoard,
} from '../../../shared/bank.ts'
import { listItemsOf, proseOf, splitByHeading } from './blocks.ts'
import { REQUIRE_SECOND_EDITION } from './edition.ts'
import { FormatError, requireFormat, type FormatProblem } from './format-error.ts'
import { splitFrontMatter, type FrontMatterFile } from './front-matter.ts'
import { MIN_HINT_TOPICS_WHEN_READY, parseHints, type ParsedHints } from './hint-ladders.ts'
import { parseMarkdown, startLine } from './markdown.ts'
import { nodesToPlainText } from './plain-text.ts'
import { extendRubric, ownRubric, parseRubricCriteria, type CriteriaContext } from './rubric-format.ts'
import { SECTION_TITLES, sectionKeyOf, type SectionKey } from './sections.ts'
import { parseStarterBoard } from './starter-board-format.ts'

const QuestionFrontMatter = z.strictObject({
  id: BankIdSchema,
  title: z.string().trim().min(1).max(200),
  kind: QuestionKindSchema,
  category: z.string().trim().min(1).max(100),
  difficulty: DifficultySchema,
  tags: z.array(TagSchema).max(20).default([]),
  phasePlan: BankIdSchema,
  rubric: z.optional(BankIdSchema),
  timeLimitMinutes: z.number().int().min(5).max(240).optional(),
  status: z._default(QuestionStatusSchema, 'ready'),
  sources: z.array(z.strictObject({ document: z.string().trim().min(1), lines: z.string().regex(/^\d+-\d+$/, 'must be "start-end"') })).default([]),
})
type QuestionFrontMatter = z.infer<typeof QuestionFrontMatter>

/** A question file as the bank stores it. */
export interface QuestionDocument {
  id: string
  title: string
  kind: QuestionFrontMatter['kind']
  category: string
  difficulty: QuestionFrontMatter['difficulty']
  tags: string[]
  phasePlanId: string
  /** The shared rubric named with `rubric:`, or null. */
  rubricId: string | null
  /**
   * The rubric resolved at load when the file has a `## Rubric` section: its own, or the shared
   * one extended by it. Null when the shared rubric is used as is (read from the bank then).
   */
  inlineRubric: Rubric | null
  timeLimitMinutes: number | null
  status: QuestionFrontMatter['status']
  sources: SourceRef[]
  prompt: string
  clarifyingFacts: string[]
  functionalRequirements: string[]
  nonFunctionalRequirements: string[]
  referenceOutline: string
  referenceMaterial: string
  hints: HintTopic[]
  followUps: string[]
  pitfalls: string[]
  starterBoard: StarterBoard | null
}

/** A parsed file plus the plain text the search index needs, taken from the same parse. */
export interface ParsedQuestion {
  document: QuestionDocument
  promptText: string
  outlineText: string
  /** Quality problems that do not stop the file from loading (generic keywords, thin rubrics). */
  problems: FormatProblem[]
}

export interface KnownIds {
  rubricIds: ReadonlySet<string>
  phasePlanIds: ReadonlySet<string>
  /** The shared rubrics' criteria by id, which a `## Rubric` extending one needs (the loader has them all). */
  rubrics?: ReadonlyMap<string, Rubric>
}

export interface ParseOptions {
  /** Defaults to REQUIRE_SECOND_EDITION; tests pass both values. */
  requireSecondEdition?: boolean
}

interface Section {
  nodes: RootContent[]
  line: number
}

const READY_FOR_EVERY_KIND: SectionKey[] = ['prompt', 'referenceOutline', 'hints', 'followUps', 'pitfalls']
const READY_FOR_DESIGN: SectionKey[] = ['clarifyingFacts', 'functionalRequirements', 'nonFunctionalRequirements']
const MIN_FLAT_HINTS_WHEN_READY = 2
/** A ready design question carries at least this many criteria of its own (own rubric or extension). */
const MIN_QUESTION_CRITERIA_FOR_DESIGN = 2

export function parseQuestionFile(source: string, known: KnownIds, options: ParseOptions = {}): ParsedQuestion {
  const file = splitFrontMatter(source)
  const { body } = file
  const meta = parseFrontMatter(file)
  const sections = readSections(body)
  requireSections(meta, sections, file)
  const problems: FormatProblem[] = []
  const criterionLines = new Map<string, number>()
  const rubric = resolveRubric(meta, sections, file, known, { problems, criterionLines })
  requireFormat(known.phasePlanIds.has(meta.phasePlan), `phase plan "${meta.phasePlan}" does not exist in phase-plans/`, file.fieldLine('phasePlan'))
  const list = (key: SectionKey, ordered?: boolean) => {
    const section = sections.get(key)
    return section ? listItemsOf(body, section.nodes, SECTION_TITLES[key], ordered) : []
  }
  const prose = (key: SectionKey) => proseOf(body, sections.get(key)?.nodes ?? [])
  const hintsSection = sections.get('hints')
  const hints: ParsedHints = hintsSection ? parseHints(body, hintsSection.nodes, hintsSection.line) : { topics: [], laddered: false }
  const starter = sections.get('starterBoard')
  const edition = { meta, hints, hintsLine: hintsSection?.line ?? 1, rubric, criterionLines, file, problems }
  if (meta.status === 'ready') checkReadyEdition(edition, options.requireSecondEdition ?? REQUIRE_SECOND_EDITION)
  const document: QuestionDocument = {
    id: meta.id,
    title: meta.title,
    kind: meta.kind,
    category: meta.category,
    difficulty: meta.difficulty,
    tags: [...new Set(meta.tags)],
    phasePlanId: meta.phasePlan,
    rubricId: meta.rubric ?? null,
    inlineRubric: sections.has('rubric') ? rubric : null,
    timeLimitMinutes: meta.timeLimitMinutes ?? null,
    status: meta.status,
    sources: meta.sources.map((entry) => toSourceRef(entry, file)),
    prompt: prose('prompt'),
    clarifyingFacts: list('clarifyingFacts'),
    functionalRequirements: list('functionalRequirements'),
    nonFunctionalRequirements: list('nonFunctionalRequirements'),
    referenceOutline: prose('referenceOutline'),
    referenceMaterial: prose('referenceMaterial'),
    hints: hints.topics,
    followUps: list('followUps'),
    pitfalls: list('pitfalls'),
    starterBoard: starter ? parseStarterBoard(starter.nodes, starter.line) : null,
  }
  const textOf = (...keys: SectionKey[]) => nodesToPlainText(keys.flatMap((key) => sections.get(key)?.nodes ?? []))
  return { document, promptText: textOf('prompt'), outlineText: textOf('referenceOutline', 'referenceMaterial'), problems }
}

function parseFrontMatter(file: FrontMatterFile): QuestionFrontMatter {
  const parsed = QuestionFrontMatter.safeParse(file.data)
  if (!parsed.success) throw new FormatError(`front matter: ${describeZodError(parsed.error)}`, file.fieldLine(parsed.error.issues[0]?.path[0]))
  return parsed.data
}

/** The question's own rubric, the shared one it extends, or the shared one as is. */
function resolveRubric(
  meta: QuestionFrontMatter,
  sections: Map<SectionKey, Section>,
  file: FrontMatterFile,
  known: KnownIds,
  collect: Pick<CriteriaContext, 'problems' | 'criterionLines'>,
): Rubric {
  const section = sections.get('rubric')
  requireFormat(meta.rubric || section, 'a question needs a rubric: a "rubric:" id in the front matter or a "## Rubric" section', 1)
  const context: CriteriaContext = { where: 'section "Rubric"', line: section?.line ?? 1, ...collect }
  if (!meta.rubric && section) return ownRubric(parseRubricCriteria(file.body, section.nodes, context))
  const id = meta.rubric ?? ''
  requireFormat(known.rubricIds.has(id), `rubric "${id}" does not exist in rubrics/`, file.fieldLine('rubric'))
  const shared = known.rubrics?.get(id)
  if (!section) return shared ?? { id, title: id, questionCriterionIds: [], criteria: [] }
  requireFormat(shared, `rubric "${id}": its criteria are needed to extend it and were not given`, file.fieldLine('rubric'))
  return extendRubric(shared, file.body, section.nodes, context)
}

interface EditionFacts {
  meta: QuestionFrontMatter
  hints: ParsedHints
  hintsLine: number
  rubric: Rubric
  criterionLines: Map<string, number>
  file: FrontMatterFile
  problems: FormatProblem[]
}

/**
 * A ready file that uses a second-edition shape (ladders, or expectations in a criterion it
 * writes) is held to the whole second edition; with the switch on, every ready file is.
 */
function checkReadyEdition(facts: EditionFacts, requireSecondEdition: boolean): void {
  const { hints, rubric, criterionLines } = facts
  const writesExpectations = rubric.criteria.some((criterion) => criterionLines.has(criterion.id) && criterion.expectations !== null)
  if (!(requireSecondEdition || hints.laddered || writesExpectations)) {
    const steps = hints.topics[0]?.rungs.length ?? 0
    requireFormat(steps >= MIN_FLAT_HINTS_WHEN_READY, `section "Hints" needs at least ${MIN_FLAT_HINTS_WHEN_READY} steps`, facts.hintsLine)
    return
  }
  requireFormat(hints.laddered, 'section "Hints": a ready question writes its hints as ladders ("### Topic", then 2–3 numbered rungs)', facts.hintsLine)
  requireFormat(
    hints.topics.length >= MIN_HINT_TOPICS_WHEN_READY,
    `section "Hints" has ${hints.topics.length} topic${hints.topics.length === 1 ? '' : 's'}; a ready question needs at least ${MIN_HINT_TOPICS_WHEN_READY}`,
    facts.hintsLine,
  )
  for (const criterion of rubric.criteria) {
    if (criterion.expectations !== null) continue
    const line = criterionLines.get(criterion.id)
    if (line !== undefined)
      throw new FormatError(`section "Rubric", criterion "${criterion.name}": needs the Mid-level, Senior and Staff expectations after its levels`, line)
    throw new FormatError(
      `rubric "${rubric.id}": criterion "${criterion.name}" has no leveled expectations; use a second-edition rubric (design, concept, scenario)`,
      facts.file.fieldLine('rubric'),
    )
  }
  const own = rubric.questionCriterionIds.length
  if (facts.meta.kind === 'design' && own < MIN_QUESTION_CRITERIA_FOR_DESIGN) {
    facts.problems.push({
      line: facts.file.fieldLine('rubric'),
      message: `a ready design question needs at least ${MIN_QUESTION_CRITERIA_FOR_DESIGN} criteria of its own (its own rubric, or a "## Rubric" extending the shared one); it has ${own}`,
    })
  }
}

/** The `##` sections by key; unknown, repeated or empty sections and stray text are refused. */
function readSections(body: string): Map<SectionKey, Section> {
  const [preamble, ...blocks] = splitByHeading(parseMarkdown(body).children, 2)
  const stray = preamble?.nodes.find((node) => node.type !== 'html')
  requireFormat(
    proseOf(body, preamble?.nodes ?? []) === '',
    'text before the first "##" section; the title belongs in the front matter',
    stray && startLine(stray),
  )
  const sections = new Map<SectionKey, Section>()
  for (const block of blocks) {
    const line = block.heading ? startLine(block.heading) : 1
    const key = sectionKeyOf(block.title)
    if (!key) throw new FormatError(`unknown section "## ${block.title}"; allowed: ${Object.values(SECTION_TITLES).join(', ')}`, line)
    requireFormat(!sections.has(key), `section "## ${SECTION_TITLES[key]}" appears twice`, line)
    requireFormat(proseOf(body, block.nodes) !== '', `section "## ${SECTION_TITLES[key]}" is empty`, line)
    sections.set(key, { nodes: block.nodes, line })
  }
  return sections
}

function requireSections(meta: QuestionFrontMatter, sections: Map<SectionKey, Section>, file: FrontMatterFile): void {
  const required = meta.status === 'draft' ? ['prompt' as const] : [...READY_FOR_EVERY_KIND, ...(meta.kind === 'design' ? READY_FOR_DESIGN : [])]
  const missing = required.filter((key) => !sections.has(key)).map((key) => `"## ${SECTION_TITLES[key]}"`)
  requireFormat(missing.length === 0, `a ${meta.status} ${meta.kind} question needs ${missing.join(', ')}`, file.fieldLine('status'))
  if (meta.status === 'draft') {
    requireFormat(
      sections.has('referenceOutline') || sections.has('referenceMaterial'),
      'a draft question needs "## Reference outline" or "## Reference material"',
      file.fieldLine('status'),
    )
  }
}

function toSourceRef(source: { document: string; lines: string }, file: FrontMatterFile): SourceRef {
  const [start = 0, end = 0] = source.lines.split('-').map(Number)
  requireFormat(
    start >= 1 && end >= start,
    `source ${source.document}: line range ${source.lines} is not "start-end" with start ≤ end`,
    file.fieldLine('sources'),
  )
  return { document: source.document, startLine: start, endLine: end }
}
