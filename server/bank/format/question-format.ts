import type { RootContent } from 'mdast'
import { z } from 'zod'
import { describeZodError } from '../../errors.ts'
import {
  BankIdSchema,
  DifficultySchema,
  QuestionKindSchema,
  QuestionStatusSchema,
  TagSchema,
  type Rubric,
  type SourceRef,
} from '../../../shared/bank.ts'
import { listItemsOf, proseOf, splitByHeading } from './blocks.ts'
import { FormatError, requireFormat } from './format-error.ts'
import { splitFrontMatter } from './front-matter.ts'
import { parseMarkdown } from './markdown.ts'
import { nodesToPlainText } from './plain-text.ts'
import { parseRubricCriteria } from './rubric-format.ts'
import { SECTION_TITLES, sectionKeyOf, type SectionKey } from './sections.ts'

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
  sources: z
    .array(z.strictObject({ document: z.string().trim().min(1), lines: z.string().regex(/^\d+-\d+$/, 'must be "start-end"') }))
    .default([]),
})
type QuestionFrontMatter = z.infer<typeof QuestionFrontMatter>

/** A question file as the bank stores it; the rubric is inline (own section) or a shared rubric's id. */
export interface QuestionDocument {
  id: string
  title: string
  kind: QuestionFrontMatter['kind']
  category: string
  difficulty: QuestionFrontMatter['difficulty']
  tags: string[]
  phasePlanId: string
  rubricId: string | null
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
  hints: string[]
  followUps: string[]
  pitfalls: string[]
}

/** A parsed file plus the plain text the search index needs, taken from the same parse. */
export interface ParsedQuestion {
  document: QuestionDocument
  promptText: string
  outlineText: string
}

export interface KnownIds {
  rubricIds: ReadonlySet<string>
  phasePlanIds: ReadonlySet<string>
}

const READY_FOR_EVERY_KIND: SectionKey[] = ['prompt', 'referenceOutline', 'hints', 'followUps', 'pitfalls']
const READY_FOR_DESIGN: SectionKey[] = ['clarifyingFacts', 'functionalRequirements', 'nonFunctionalRequirements']
const MIN_HINTS_WHEN_READY = 2

export function parseQuestionFile(source: string, known: KnownIds): ParsedQuestion {
  const { data, body } = splitFrontMatter(source)
  const meta = parseFrontMatter(data)
  const sections = readSections(body)
  requireSections(meta, sections)
  const rubricNodes = sections.get('rubric')
  requireFormat(!(meta.rubric && rubricNodes), 'give either a "rubric:" id in the front matter or a "## Rubric" section, not both')
  requireFormat(meta.rubric || rubricNodes, 'a question needs a rubric: a "rubric:" id in the front matter or a "## Rubric" section')
  if (meta.rubric) requireFormat(known.rubricIds.has(meta.rubric), `rubric "${meta.rubric}" does not exist in rubrics/`)
  requireFormat(known.phasePlanIds.has(meta.phasePlan), `phase plan "${meta.phasePlan}" does not exist in phase-plans/`)
  const list = (key: SectionKey, ordered?: boolean) => {
    const nodes = sections.get(key)
    return nodes ? listItemsOf(body, nodes, SECTION_TITLES[key], ordered) : []
  }
  const prose = (key: SectionKey) => proseOf(body, sections.get(key) ?? [])
  const hints = list('hints', true)
  if (meta.status === 'ready') {
    requireFormat(hints.length >= MIN_HINTS_WHEN_READY, `section "Hints" needs at least ${MIN_HINTS_WHEN_READY} steps`)
  }
  const document: QuestionDocument = {
    id: meta.id,
    title: meta.title,
    kind: meta.kind,
    category: meta.category,
    difficulty: meta.difficulty,
    tags: [...new Set(meta.tags)],
    phasePlanId: meta.phasePlan,
    rubricId: meta.rubric ?? null,
    inlineRubric: rubricNodes ? { id: null, title: 'Question rubric', criteria: parseRubricCriteria(body, rubricNodes, 'section "Rubric"') } : null,
    timeLimitMinutes: meta.timeLimitMinutes ?? null,
    status: meta.status,
    sources: meta.sources.map(toSourceRef),
    prompt: prose('prompt'),
    clarifyingFacts: list('clarifyingFacts'),
    functionalRequirements: list('functionalRequirements'),
    nonFunctionalRequirements: list('nonFunctionalRequirements'),
    referenceOutline: prose('referenceOutline'),
    referenceMaterial: prose('referenceMaterial'),
    hints,
    followUps: list('followUps'),
    pitfalls: list('pitfalls'),
  }
  const textOf = (...keys: SectionKey[]) => nodesToPlainText(keys.flatMap((key) => sections.get(key) ?? []))
  return { document, promptText: textOf('prompt'), outlineText: textOf('referenceOutline', 'referenceMaterial') }
}

function parseFrontMatter(data: unknown): QuestionFrontMatter {
  const parsed = QuestionFrontMatter.safeParse(data)
  if (!parsed.success) throw new FormatError(`front matter: ${describeZodError(parsed.error)}`)
  return parsed.data
}

/** The `##` sections by key; unknown, repeated or empty sections and stray text are refused. */
function readSections(body: string): Map<SectionKey, RootContent[]> {
  const [preamble, ...blocks] = splitByHeading(parseMarkdown(body).children, 2)
  requireFormat(proseOf(body, preamble?.nodes ?? []) === '', 'text before the first "##" section; the title belongs in the front matter')
  const sections = new Map<SectionKey, RootContent[]>()
  for (const block of blocks) {
    const key = sectionKeyOf(block.title)
    if (!key) throw new FormatError(`unknown section "## ${block.title}"; allowed: ${Object.values(SECTION_TITLES).join(', ')}`)
    requireFormat(!sections.has(key), `section "## ${SECTION_TITLES[key]}" appears twice`)
    requireFormat(proseOf(body, block.nodes) !== '', `section "## ${SECTION_TITLES[key]}" is empty`)
    sections.set(key, block.nodes)
  }
  return sections
}

function requireSections(meta: QuestionFrontMatter, sections: Map<SectionKey, RootContent[]>): void {
  const required =
    meta.status === 'draft' ? ['prompt' as const] : [...READY_FOR_EVERY_KIND, ...(meta.kind === 'design' ? READY_FOR_DESIGN : [])]
  const missing = required.filter((key) => !sections.has(key)).map((key) => `"## ${SECTION_TITLES[key]}"`)
  requireFormat(missing.length === 0, `a ${meta.status} ${meta.kind} question needs ${missing.join(', ')}`)
  if (meta.status === 'draft') {
    requireFormat(
      sections.has('referenceOutline') || sections.has('referenceMaterial'),
      'a draft question needs "## Reference outline" or "## Reference material"',
    )
  }
}

function toSourceRef(source: { document: string; lines: string }): SourceRef {
  const [start = 0, end = 0] = source.lines.split('-').map(Number)
  requireFormat(start >= 1 && end >= start, `source ${source.document}: line range ${source.lines} is not "start-end" with start ≤ end`)
  return { document: source.document, startLine: start, endLine: end }
}
