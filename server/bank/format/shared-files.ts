import { z } from 'zod'
import { describeZodError } from '../../errors.ts'
import { BankIdSchema, type Phase, type PhasePlan, type Rubric } from '../../../shared/bank.ts'
import { listItemsOf, proseOf, splitByHeading, type Block } from './blocks.ts'
import { FormatError, requireFormat, type FormatProblem } from './format-error.ts'
import { splitFrontMatter, type FrontMatterFile } from './front-matter.ts'
import { parseMarkdown, startLine } from './markdown.ts'
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
export function parseRubricFile(source: string, problems: FormatProblem[] = []): RubricFile {
  const file = splitFrontMatter(source)
  const meta = parseFields(file)
  const root = parseMarkdown(file.body)
  const criteria = parseRubricCriteria(file.body, root.children, { where: 'rubric', line: 1, problems })
  return { rubric: { id: meta.id, title: meta.title, questionCriterionIds: [], criteria }, description: rubricIntro(file.body, root.children) }
}

const PHASE_HEADING = /^(.+?)\s*\(\s*(\d+)\s*min(?:utes?)?\s*\)$/i

/** `phase-plans/<id>.md`: front matter, a description, then one `## Name (N min)` section per phase. */
export function parsePhasePlanFile(source: string): PhasePlan {
  const file = splitFrontMatter(source)
  const { body } = file
  const meta = parseFields(file)
  const [intro, ...blocks] = splitByHeading(parseMarkdown(body).children, 2)
  requireFormat(blocks.length > 0, 'a phase plan needs at least one "## Name (N min)" phase', 1)
  const phases = blocks.map((block) => parsePhase(body, block))
  const totalMinutes = phases.reduce((sum, phase) => sum + phase.minutes, 0)
  return { id: meta.id, title: meta.title, description: intro ? proseOf(body, intro.nodes) : '', totalMinutes, phases }
}

function parsePhase(text: string, block: Block): Phase {
  const line = block.heading ? startLine(block.heading) : 1
  const match = PHASE_HEADING.exec(block.title)
  if (!match?.[1] || !match[2]) throw new FormatError(`phase "${block.title}" must be written "## Name (N min)"`, line)
  const name = match[1].trim()
  const minutes = Number(match[2])
  requireFormat(minutes > 0 && minutes <= 240, `phase "${name}": minutes must be between 1 and 240`, line)
  // The goal is the prose before the list; anything after the list would be silently lost, so it is refused.
  const listAt = block.nodes.findIndex((node) => node.type !== 'paragraph')
  const paragraphs = listAt === -1 ? block.nodes : block.nodes.slice(0, listAt)
  const rest = listAt === -1 ? [] : block.nodes.slice(listAt)
  const lookFor = listItemsOf(text, rest, `${name} (what to look for)`)
  return { name, minutes, goal: proseOf(text, paragraphs), lookFor }
}

function parseFields(file: FrontMatterFile): z.infer<typeof SharedFileFrontMatter> {
  const parsed = SharedFileFrontMatter.safeParse(file.data)
  if (!parsed.success) throw new FormatError(`front matter: ${describeZodError(parsed.error)}`, file.fieldLine(parsed.error.issues[0]?.path[0]))
  return parsed.data
}
