import type { RootContent } from 'mdast'
import type { HintTopic } from '../../../shared/bank.ts'
import { itemsOf, meaningfulNodes, singleListOf, splitByHeading } from './blocks.ts'
import { FormatError, requireFormat } from './format-error.ts'
import { startLine } from './markdown.ts'
import { slugify } from './slug.ts'

export const MIN_RUNGS_PER_TOPIC = 2
export const MAX_RUNGS_PER_TOPIC = 3
/** A ready question's ladders cover at least this many topics. */
export const MIN_HINT_TOPICS_WHEN_READY = 3
/** A first-edition flat list (and a draft's plain list) becomes one ladder of this name. */
export const FLAT_HINTS_TOPIC = 'Hints'

export interface ParsedHints {
  topics: HintTopic[]
  /** True when written as `###` topics; false for a plain numbered list. */
  laddered: boolean
}

/**
 * `## Hints` is either `###` topics, each one numbered list of 2–3 rungs gentlest first, or (in
 * drafts and first-edition files) one plain numbered list, read as a single ladder.
 */
export function parseHints(text: string, nodes: readonly RootContent[], sectionLine: number): ParsedHints {
  const [intro, ...blocks] = splitByHeading(nodes, 3)
  if (blocks.length === 0) {
    const list = singleListOf(nodes, 'Hints', true, sectionLine)
    return { topics: [{ id: slugify(FLAT_HINTS_TOPIC), name: FLAT_HINTS_TOPIC, rungs: itemsOf(text, list, 'Hints') }], laddered: false }
  }
  const stray = meaningfulNodes(intro?.nodes ?? [])[0]
  requireFormat(!stray, 'section "Hints": write every rung under a "### Topic" heading (nothing may come before the first topic)', stray && startLine(stray))
  const topics: HintTopic[] = []
  for (const block of blocks) {
    const line = block.heading ? startLine(block.heading) : sectionLine
    const topic = parseTopic(text, block.title, block.nodes, line)
    const twin = topics.find((other) => other.id === topic.id)
    if (twin) throw new FormatError(`section "Hints": two topics are named "${twin.name}"`, line)
    topics.push(topic)
  }
  return { topics, laddered: true }
}

function parseTopic(text: string, name: string, nodes: readonly RootContent[], line: number): HintTopic {
  const where = `hint topic "${name}"`
  requireFormat(slugify(name) !== '', 'section "Hints": a topic heading needs a name', line)
  if (meaningfulNodes(nodes).length === 0)
    throw new FormatError(`${where} has no rungs; add a numbered list of ${MIN_RUNGS_PER_TOPIC}–${MAX_RUNGS_PER_TOPIC}`, line)
  const list = singleListOf(nodes, `Hints › ${name}`, true, line)
  const rungs = itemsOf(text, list, `Hints › ${name}`)
  requireFormat(
    rungs.length >= MIN_RUNGS_PER_TOPIC && rungs.length <= MAX_RUNGS_PER_TOPIC,
    `${where} has ${rungs.length} rung${rungs.length === 1 ? '' : 's'}; a topic has ${MIN_RUNGS_PER_TOPIC} or ${MAX_RUNGS_PER_TOPIC} (a nudge, a direction, a near-answer)`,
    startLine(list),
  )
  return { id: slugify(name), name, rungs }
}
