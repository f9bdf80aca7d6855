import { z } from 'zod'
import { describeZodError } from '../../errors.ts'
import { BankIdSchema, type Phase, type PhasePlan, type Rubric } from '../../../shared/bank.ts'
import { listItemsOf, proseOf, splitByHeading, type Block } from './blocks.ts'
import { FormatError, requireFormat } from './format-error.ts'
import { splitFrontMatter } from './front-matter.ts'
import { parseMarkdown } from './markdown.ts'
import { parseRubricCriteria, rubricIntro } from './rubric-format.ts'

const SharedFileFrontMatter = z.strictObject({
  id: BankIdSchema,
  title: z.string().trim().min(1).max(120),
})

export interface RubricFile {
  rubric: Rubric & { id: string }
  description: string
}

/** `rubrics/<id>.md`: front matter (id, title), an optional introduction, then `###` criteria. */
export function parseRubricFile(source: string): RubricFile {
  const { data, body } = splitFrontMatter(source)
  const meta = parseFields(data)
  const root = parseMarkdown(body)
  const criteria = parseRubricCriteria(body, root.children, 'rubric')
  return { rubric: { id: meta.id, title: meta.title, criteria }, description: rubricIntro(body, root.children) }
}

const PHASE_HEADING = /^(.+?)\s*\(\s*(\d+)\s*min(?:utes?)?\s*\)$/i

/** `phase-plans/<id>.md`: front matter, a description, then one `## Name (N min)` section per phase. */
export function parsePhasePlanFile(source: string): PhasePlan {
  const { data, body } = splitFrontMatter(source)
  const meta = parseFields(data)
  const [intro, ...blocks] = splitByHeading(parseMarkdown(body).children, 2)
  requireFormat(blocks.length > 0, 'a phase plan needs at least one "## Name (N min)" phase')
  const phases = blocks.map((block) => parsePhase(body, block))
  const totalMinutes = phases.reduce((sum, phase) => sum + phase.minutes, 0)
  return { id: meta.id, title: meta.title, description: intro ? proseOf(body, intro.nodes) : '', totalMinutes, phases }
}

function parsePhase(text: string, block: Block): Phase {
  const match = PHASE_HEADING.exec(block.title)
  if (!match?.[1] || !match[2]) throw new FormatError(`phase "${block.title}" must be written "## Name (N min)"`)
  const name = match[1].trim()
  const minutes = Number(match[2])
  requireFormat(minutes > 0 && minutes <= 240, `phase "${name}": minutes must be between 1 and 240`)
  // The goal is the prose before the list; anything after the list would be silently lost, so it is refused.
  const listAt = block.nodes.findIndex((node) => node.type !== 'paragraph')
  const paragraphs = listAt === -1 ? block.nodes : block.nodes.slice(0, listAt)
  const rest = listAt === -1 ? [] : block.nodes.slice(listAt)
  const lookFor = listItemsOf(text, rest, `${name} (what to look for)`)
  return { name, minutes, goal: proseOf(text, paragraphs), lookFor }
}

function parseFields(data: unknown): z.infer<typeof SharedFileFrontMatter> {
  const parsed = SharedFileFrontMatter.safeParse(data)
  if (!parsed.success) throw new FormatError(`front matter: ${describeZodError(parsed.error)}`)
  return parsed.data
}
