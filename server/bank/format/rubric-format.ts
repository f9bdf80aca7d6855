import type { ListItem, RootContent } from 'mdast'
import type { RubricCriterion, RubricLevel } from '../../../shared/bank.ts'
import { splitByHeading, type Block } from './blocks.ts'
import { FormatError, requireFormat } from './format-error.ts'
import { dedentContinuation, endOffset, listItemSource, plainText, sourceOfNodes } from './markdown.ts'
import { slugify } from './slug.ts'

export const MIN_RUBRIC_LEVELS = 4
const CRITERION_HEADING = /^(.+?)\s*\(\s*weight\s*:?\s*(\d+)\s*%?\s*\)$/i
const KEYWORDS_PREFIX = /^keywords\s*:/i

/**
 * Reads rubric criteria: each `### Name (weight: N)` heading, an optional description paragraph,
 * a `Keywords: a, b` line and a numbered list of level descriptors, weakest first.
 */
export function parseRubricCriteria(text: string, nodes: readonly RootContent[], where: string): RubricCriterion[] {
  const [intro, ...blocks] = splitByHeading(nodes, 3)
  const stray = intro?.nodes.filter((node) => node.type !== 'paragraph' && node.type !== 'html') ?? []
  requireFormat(stray.length === 0, `${where}: only a short introduction may come before the first ### criterion`)
  requireFormat(blocks.length > 0, `${where}: no criteria (each starts with "### Name (weight: N)")`)
  const criteria = blocks.map((block) => parseCriterion(text, block, where))
  const total = criteria.reduce((sum, criterion) => sum + criterion.weight, 0)
  requireFormat(total === 100, `${where}: criterion weights add up to ${total}, not 100`)
  const ids = new Set<string>()
  for (const criterion of criteria) {
    requireFormat(!ids.has(criterion.id), `${where}: two criteria are named "${criterion.name}"`)
    ids.add(criterion.id)
  }
  return criteria
}

/** The intro paragraphs before the first criterion, as Markdown. */
export function rubricIntro(text: string, nodes: readonly RootContent[]): string {
  const intro = splitByHeading(nodes, 3)[0]
  return intro ? sourceOfNodes(text, intro.nodes).trim() : ''
}

function parseCriterion(text: string, block: Block, where: string): RubricCriterion {
  const match = CRITERION_HEADING.exec(block.title)
  if (!match?.[1] || !match[2]) {
    throw new FormatError(`${where}: criterion "${block.title}" must be written "### Name (weight: N)"`)
  }
  const name = match[1].trim()
  const at = `${where}, criterion "${name}"`
  const description: string[] = []
  let keywords: string[] | null = null
  let levels: RubricLevel[] | null = null
  for (const node of block.nodes) {
    if (node.type === 'paragraph' && KEYWORDS_PREFIX.test(plainText(node))) {
      keywords = plainText(node).replace(KEYWORDS_PREFIX, '').split(',').map((word) => word.trim()).filter(Boolean)
    } else if (node.type === 'paragraph') {
      description.push(sourceOfNodes(text, [node]))
    } else if (node.type === 'list' && node.ordered && levels === null) {
      levels = node.children.map((item, index) => parseLevel(text, item, index + 1, at))
    } else if (node.type !== 'html') {
      throw new FormatError(`${at}: unexpected ${node.type}; use a description, a Keywords: line and one numbered list`)
    }
  }
  requireFormat(keywords && keywords.length > 0, `${at}: needs a "Keywords: a, b, c" line with at least one keyword`)
  requireFormat(levels, `${at}: needs a numbered list of level descriptors`)
  requireFormat(levels.length >= MIN_RUBRIC_LEVELS, `${at}: has ${levels.length} levels, at least ${MIN_RUBRIC_LEVELS} are needed`)
  const weight = Number(match[2])
  requireFormat(weight > 0 && weight <= 100, `${at}: weight must be between 1 and 100`)
  return { id: slugify(name), name, weight, description: description.join('\n\n'), keywords, levels }
}

/** `1. **Solid** — descriptor`: the bold lead is the level's label; without one it is "Level n". */
function parseLevel(text: string, item: ListItem, level: number, at: string): RubricLevel {
  const paragraph = item.children[0]
  const lead = paragraph?.type === 'paragraph' ? paragraph.children[0] : undefined
  if (paragraph?.type === 'paragraph' && lead?.type === 'strong') {
    const label = plainText(lead).replace(/[\s:—–-]+$/, '')
    const indent = Math.max(0, (paragraph.position?.start.column ?? 1) - 1)
    const rest = dedentContinuation(text.slice(endOffset(lead), endOffset(item)), indent)
    const descriptor = rest.replace(/^[\s:—–-]+/, '').trim()
    requireFormat(label !== '' && descriptor !== '', `${at}: level ${level} needs a label and a descriptor`)
    return { level, label, descriptor }
  }
  const descriptor = listItemSource(text, item)
  requireFormat(descriptor !== '', `${at}: level ${level} is empty`)
  return { level, label: `Level ${level}`, descriptor }
}
