import { stringify } from 'yaml'
import { listItemSource, parseMarkdown } from '../format/markdown.ts'
import { parseQuestionFile, type KnownIds } from '../format/question-format.ts'
import { SECTION_TITLES } from '../format/sections.ts'
import { inferKind, inferTags } from './classify.ts'
import type { FoundSection } from './found-question.ts'
import { mergeKey, type MergedQuestion } from './merge.ts'

export const IMPORTED_RUBRIC_ID = 'generic-system-design'
const SHORT_PLAN_ID = 'standard-45'
const LONG_PLAN_ID = 'extended-60'
/** The shared files an imported question refers to; they ship with question-bank/. */
export const IMPORT_KNOWN_IDS: KnownIds = {
  rubricIds: new Set([IMPORTED_RUBRIC_ID]),
  phasePlanIds: new Set([SHORT_PLAN_ID, LONG_PLAN_ID]),
}

type ListField = 'clarifyingFacts' | 'functionalRequirements' | 'nonFunctionalRequirements' | 'hints' | 'followUps' | 'pitfalls'
/** Time limits from this long get the 60-minute plan: a 55-minute slot is closer to it than to 45. */
const LONG_PLAN_FROM_MINUTES = 55
const MAX_TAGS = 20

/** Source labels that mean one of the format's sections; anything else stays reference material. */
const FIELD_OF_LABEL = new Map<string, ListField | 'referenceOutline'>([
  ['answer', 'referenceOutline'],
  ['explanation', 'referenceOutline'],
  ['functional requirements', 'functionalRequirements'],
  ['requirements', 'functionalRequirements'],
  ['non functional requirements', 'nonFunctionalRequirements'],
  ['nonfunctional requirements', 'nonFunctionalRequirements'],
  ['constraints', 'clarifyingFacts'],
  ['assumptions', 'clarifyingFacts'],
  ['clarifying facts', 'clarifyingFacts'],
  ['hints', 'hints'],
  ['follow ups', 'followUps'],
  ['follow up questions', 'followUps'],
  ['common pitfalls', 'pitfalls'],
  ['pitfalls', 'pitfalls'],
  ['common mistakes', 'pitfalls'],
])
const LIST_FIELDS: ListField[] = ['clarifyingFacts', 'functionalRequirements', 'nonFunctionalRequirements', 'hints', 'followUps', 'pitfalls']
/** Parts a document may give piece by piece (one `Hint:` after another): every piece is an item, in order. */
const GATHERED_FIELDS = new Set<ListField>(['hints', 'followUps', 'pitfalls'])

/** A merged question as a draft bank file (front matter + sections), checked against the bank's own parser. */
export function renderQuestionFile(entry: MergedQuestion, id: string): string {
  const { primary } = entry
  const { lists, outline, reference } = mapSections(entry.sections)
  const known = entry.occurrences.map(({ question }) => question)
  const found = primary.timeLimitMinutes ?? known.find((question) => question.timeLimitMinutes !== null)?.timeLimitMinutes ?? null
  const minutes = found !== null && found >= 5 && found <= 240 ? found : null
  const frontMatter = {
    id,
    title: primary.title,
    kind: inferKind(primary),
    category: primary.category.slice(0, 100),
    difficulty: primary.difficulty ?? known.find((question) => question.difficulty !== null)?.difficulty ?? 'medium',
    tags: [...new Set([...known.flatMap((question) => question.tags), ...inferTags(primary)])].slice(0, MAX_TAGS),
    phasePlan: minutes !== null && minutes >= LONG_PLAN_FROM_MINUTES ? LONG_PLAN_ID : SHORT_PLAN_ID,
    rubric: IMPORTED_RUBRIC_ID,
    ...(minutes !== null ? { timeLimitMinutes: minutes } : {}),
    status: 'draft',
    sources: entry.occurrences.map(({ document, question }) => ({ document, lines: `${question.startLine}-${question.endLine}` })),
  }
  const body = [
    section(SECTION_TITLES.prompt, primary.prompt),
    ...LIST_FIELDS.map((field) => section(SECTION_TITLES[field], renderList(lists.get(field) ?? [], field === 'hints'))),
    section(SECTION_TITLES.referenceOutline, outline),
    section(SECTION_TITLES.referenceMaterial, reference || (outline ? '' : '_The source document gives no answer for this question._')),
  ].filter(Boolean)
  const text = `---\n# Imported by npm run bank:import: a draft to review before it becomes status: ready.\n${stringify(frontMatter, { lineWidth: 0 })}---\n\n${body.join('\n\n')}\n`
  parseQuestionFile(text, IMPORT_KNOWN_IDS)
  return text
}

interface MappedSections {
  lists: Map<ListField, string[]>
  /** The document's own answer: the draft's model answer. */
  outline: string
  reference: string
}

function mapSections(sections: readonly FoundSection[]): MappedSections {
  const lists = new Map<ListField, string[]>()
  const outline: string[] = []
  const reference: string[] = []
  for (const found of sections) {
    const field = FIELD_OF_LABEL.get(mergeKey(found.label))
    if (field === 'referenceOutline' && found.markdown !== '') {
      outline.push(found.markdown)
      continue
    }
    if (field && field !== 'referenceOutline' && GATHERED_FIELDS.has(field)) {
      lists.set(field, [...(lists.get(field) ?? []), ...(listItems(found.markdown, false) ?? (found.markdown === '' ? [] : [found.markdown]))])
      continue
    }
    const items = field && field !== 'referenceOutline' && !lists.has(field) ? listItems(found.markdown, false) : null
    if (field && field !== 'referenceOutline' && items) lists.set(field, items)
    else reference.push(found.markdown === '' ? `### ${headingText(found.label)}` : `### ${headingText(found.label)}\n\n${found.markdown}`)
  }
  return { lists, outline: outline.join('\n\n'), reference: reference.join('\n\n') }
}

/** The items of a section that is exactly one list (numbered, when `ordered`); null otherwise. */
function listItems(markdown: string, ordered: boolean): string[] | null {
  const nodes = parseMarkdown(markdown).children
  const list = nodes[0]
  if (nodes.length !== 1 || list?.type !== 'list' || (ordered && !list.ordered)) return null
  const items = list.children.map((item) => listItemSource(markdown, item))
  return items.every((item) => item !== '') ? items : null
}

function renderList(items: readonly string[], ordered: boolean): string {
  return items.map((item, index) => (ordered ? `${index + 1}. ${item.replace(/\n/g, '\n   ')}` : `- ${item.replace(/\n/g, '\n  ')}`)).join('\n')
}

function section(title: string, content: string): string {
  return content.trim() === '' ? '' : `## ${title}\n\n${content.trim()}`
}

function headingText(label: string): string {
  return (
    label
      .replace(/\s+/g, ' ')
      .replace(/^#+\s*/, '')
      .trim() || 'Notes'
  )
}
