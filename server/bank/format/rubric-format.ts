import type { List, ListItem, RootContent } from 'mdast'
import { EXPECTATION_LABELS, type LeveledExpectations, type Rubric, type RubricCriterion, type RubricLevel } from '../../../shared/bank.ts'
import { splitByHeading, type Block } from './blocks.ts'
import { FormatError, requireFormat, type FormatProblem } from './format-error.ts'
import { keywordProblems } from './keyword-rules.ts'
import { dedentContinuation, endOffset, listItemSource, plainText, sourceOfNodes, startLine } from './markdown.ts'
import { slugify } from './slug.ts'

export const MIN_RUBRIC_LEVELS = 4
const CRITERION_HEADING = /^(.+?)\s*\(\s*weight\s*:?\s*(\d+)\s*%?\s*\)$/i
const KEYWORDS_PREFIX = /^keywords\s*:/i
const EXPECTATION_KEYS = Object.keys(EXPECTATION_LABELS) as (keyof LeveledExpectations)[]

export interface CriteriaContext {
  /** How errors name the place: `rubric` or `section "Rubric"`. */
  where: string
  /** The line of the heading that holds the criteria, for errors about the whole rubric. */
  line: number
  problems: FormatProblem[]
  /** Filled with the line of each criterion written in the file, by id. */
  criterionLines?: Map<string, number>
}

/**
 * A criterion as written; the weight may be left out only when it replaces a shared criterion.
 * `reweight` is a heading with no body, which in an extension only changes a shared criterion's
 * weight (0 drops it).
 */
export interface WrittenCriterion {
  criterion: Omit<RubricCriterion, 'weight'> & { weight: number | null }
  line: number
  reweight: boolean
}

/**
 * Reads a complete rubric: each `### Name (weight: N)` heading, an optional description, a
 * `Keywords: a, b` line, a numbered list of level descriptors weakest first and, in the second
 * edition, a bullet list of what a mid-level, senior and staff candidate show.
 */
export function parseRubricCriteria(text: string, nodes: readonly RootContent[], context: CriteriaContext): RubricCriterion[] {
  const written = parseWrittenCriteria(text, nodes, context)
  const criteria = written.map(({ criterion, line, reweight }) => {
    requireFormat(!reweight, `${context.where}, criterion "${criterion.name}": needs a "Keywords: a, b, c" line with at least one keyword`, line)
    requireFormat(criterion.weight !== null, `${context.where}: criterion "${criterion.name}" must be written "### Name (weight: N)"`, line)
    return { ...criterion, weight: criterion.weight }
  })
  requireTotal(criteria, context)
  return criteria
}

/** A question's own complete rubric. */
export function ownRubric(criteria: RubricCriterion[]): Rubric {
  return { id: null, title: 'Question rubric', questionCriterionIds: criteria.map((criterion) => criterion.id), criteria }
}

/**
 * A question's `## Rubric` on top of the shared rubric it names: a criterion with a shared
 * criterion's name replaces it in place (keeping its weight when none is given), any other is
 * added at the end. The result must still total 100.
 */
export function extendRubric(shared: Rubric, text: string, nodes: readonly RootContent[], context: CriteriaContext): Rubric {
  const written = parseWrittenCriteria(text, nodes, context)
  let criteria = [...shared.criteria]
  for (const { criterion, line, reweight } of written) {
    const at = criteria.findIndex((existing) => existing.id === criterion.id)
    const base = criteria[at]
    if (reweight) {
      requireFormat(
        base,
        `${context.where}, criterion "${criterion.name}": not in rubric "${shared.id}"; a new criterion needs a Keywords: line and levels`,
        line,
      )
      requireFormat(
        criterion.weight !== null,
        `${context.where}, criterion "${criterion.name}": a heading without a body only changes the weight, so it needs "(weight: N)"`,
        line,
      )
      criteria[at] = { ...base, weight: criterion.weight }
    } else if (base) {
      criteria[at] = { ...criterion, weight: criterion.weight ?? base.weight }
    } else {
      requireFormat(
        criterion.weight !== null,
        `${context.where}: criterion "${criterion.name}" is not in rubric "${shared.id}", so it needs "(weight: N)"`,
        line,
      )
      criteria.push({ ...criterion, weight: criterion.weight })
    }
  }
  criteria = criteria.filter((criterion) => criterion.weight > 0)
  requireTotal(criteria, { ...context, where: `${context.where} (with rubric "${shared.id}")` })
  const questionCriterionIds = written.filter((entry) => !entry.reweight).map(({ criterion }) => criterion.id)
  return { id: shared.id, title: shared.title, questionCriterionIds, criteria }
}

function parseWrittenCriteria(text: string, nodes: readonly RootContent[], context: CriteriaContext): WrittenCriterion[] {
  const [intro, ...blocks] = splitByHeading(nodes, 3)
  const stray = intro?.nodes.find((node) => node.type !== 'paragraph' && node.type !== 'html')
  requireFormat(!stray, `${context.where}: only a short introduction may come before the first ### criterion`, stray && startLine(stray))
  requireFormat(blocks.length > 0, `${context.where}: no criteria (each starts with "### Name (weight: N)")`, context.line)
  const written = blocks.map((block) => parseCriterion(text, block, context))
  const ids = new Set<string>()
  for (const { criterion, line } of written) {
    requireFormat(!ids.has(criterion.id), `${context.where}: two criteria are named "${criterion.name}"`, line)
    ids.add(criterion.id)
    context.criterionLines?.set(criterion.id, line)
  }
  return written
}

function requireTotal(criteria: readonly RubricCriterion[], context: CriteriaContext): void {
  const total = criteria.reduce((sum, criterion) => sum + criterion.weight, 0)
  requireFormat(total === 100, `${context.where}: criterion weights add up to ${total}, not 100`, context.line)
}

/** The intro paragraphs before the first criterion, as Markdown. */
export function rubricIntro(text: string, nodes: readonly RootContent[]): string {
  const intro = splitByHeading(nodes, 3)[0]
  return intro ? sourceOfNodes(text, intro.nodes).trim() : ''
}

function parseCriterion(text: string, block: Block, context: CriteriaContext): WrittenCriterion {
  const line = block.heading ? startLine(block.heading) : context.line
  const match = CRITERION_HEADING.exec(block.title)
  const name = (match?.[1] ?? block.title).trim()
  requireFormat(name !== '', `${context.where}: a criterion heading needs a name`, line)
  const at = `${context.where}, criterion "${name}"`
  const weight = match?.[2] === undefined ? null : Number(match[2])
  requireFormat(
    weight !== null || !/\(\s*weight/i.test(block.title),
    `${context.where}: criterion "${block.title}" must be written "### Name (weight: N)"`,
    line,
  )
  if (block.nodes.every((node) => node.type === 'html')) {
    requireFormat(weight === null || weight <= 100, `${at}: weight must be between 0 and 100`, line)
    const empty = { id: slugify(name), name, weight, description: '', keywords: [], levels: [], expectations: null }
    return { criterion: empty, line, reweight: true }
  }
  const description: string[] = []
  let keywords: { words: string[]; line: number } | null = null
  let levels: RubricLevel[] | null = null
  let expectations: LeveledExpectations | null = null
  for (const node of block.nodes) {
    if (node.type === 'paragraph' && KEYWORDS_PREFIX.test(plainText(node))) {
      keywords = {
        words: plainText(node)
          .replace(KEYWORDS_PREFIX, '')
          .split(',')
          .map((word) => word.trim())
          .filter(Boolean),
        line: startLine(node),
      }
    } else if (node.type === 'paragraph') {
      description.push(sourceOfNodes(text, [node]))
    } else if (node.type === 'list' && node.ordered && levels === null) {
      levels = node.children.map((item, index) => parseLevel(text, item, index + 1, at))
    } else if (node.type === 'list' && !node.ordered && expectations === null) {
      requireFormat(levels !== null, `${at}: the Mid-level/Senior/Staff list comes after the numbered level descriptors`, startLine(node))
      expectations = parseExpectations(text, node, at)
    } else if (node.type !== 'html') {
      throw new FormatError(
        `${at}: unexpected ${node.type}; use a description, a Keywords: line, one numbered list of levels and one bullet list of expectations`,
        startLine(node),
      )
    }
  }
  requireFormat(keywords && keywords.words.length > 0, `${at}: needs a "Keywords: a, b, c" line with at least one keyword`, line)
  requireFormat(levels, `${at}: needs a numbered list of level descriptors`, line)
  requireFormat(levels.length >= MIN_RUBRIC_LEVELS, `${at}: has ${levels.length} levels, at least ${MIN_RUBRIC_LEVELS} are needed`, line)
  // Keyword quality is a second-edition rule: first-edition criteria keep loading until converted.
  if (expectations) context.problems.push(...keywordProblems(keywords.words, at, keywords.line))
  requireFormat(weight === null || (weight > 0 && weight <= 100), `${at}: weight must be between 1 and 100`, line)
  return {
    criterion: { id: slugify(name), name, weight, description: description.join('\n\n'), keywords: keywords.words, levels, expectations },
    line,
    reweight: false,
  }
}

/** `- **Mid-level** — …`, `- **Senior** — …`, `- **Staff** — …`, exactly these three, in this order. */
function parseExpectations(text: string, list: List, at: string): LeveledExpectations {
  const labels = EXPECTATION_KEYS.map((key) => EXPECTATION_LABELS[key])
  requireFormat(
    list.children.length === EXPECTATION_KEYS.length,
    `${at}: the expectations list has ${list.children.length} item${list.children.length === 1 ? '' : 's'}; it needs exactly ${labels.length}: ${labels.join(', ')}`,
    startLine(list),
  )
  const entries = EXPECTATION_KEYS.map((key, index) => {
    const item = list.children[index] as ListItem
    const lead = boldLead(text, item)
    const label = EXPECTATION_LABELS[key]
    requireFormat(lead && normalizeLabel(lead.label) === normalizeLabel(label), `${at}: expectation ${index + 1} must start with **${label}**`, startLine(item))
    requireFormat(lead.rest !== '', `${at}: the ${label} expectation is empty`, startLine(item))
    return [key, lead.rest] as const
  })
  return Object.fromEntries(entries) as unknown as LeveledExpectations
}

function normalizeLabel(label: string): string {
  return label.toLowerCase().replace(/[\s‐–-]+/g, '')
}

/** A list item that opens with bold text: the bold part and the Markdown after it (separator removed). */
function boldLead(text: string, item: ListItem): { label: string; rest: string } | null {
  const paragraph = item.children[0]
  const lead = paragraph?.type === 'paragraph' ? paragraph.children[0] : undefined
  if (paragraph?.type !== 'paragraph' || lead?.type !== 'strong') return null
  const label = plainText(lead).replace(/[\s:—–-]+$/, '')
  const indent = Math.max(0, (paragraph.position?.start.column ?? 1) - 1)
  const rest = dedentContinuation(text.slice(endOffset(lead), endOffset(item)), indent)
  return { label, rest: rest.replace(/^[\s:—–-]+/, '').trim() }
}

/** `1. **Solid** — descriptor`: the bold lead is the level's label; without one it is "Level n". */
function parseLevel(text: string, item: ListItem, level: number, at: string): RubricLevel {
  const lead = boldLead(text, item)
  if (lead) {
    requireFormat(lead.label !== '' && lead.rest !== '', `${at}: level ${level} needs a label and a descriptor`, startLine(item))
    return { level, label: lead.label, descriptor: lead.rest }
  }
  const descriptor = listItemSource(text, item)
  requireFormat(descriptor !== '', `${at}: level ${level} is empty`, startLine(item))
  return { level, label: `Level ${level}`, descriptor }
}
