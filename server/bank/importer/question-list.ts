import type { List, ListItem, RootContent } from 'mdast'
import { endOffset, listItemSource, plainText, startOffset } from '../format/markdown.ts'
import { cleanHeading } from './clean-title.ts'
import { addMarkdown, startSection, targetDetails, targetPrompt, type OpenQuestion } from './open-question.ts'
import { LABEL_OF_ROLE, leadingLabel, parseDifficulty, parseMinutes, parseTags, questionCue, type LabelRole } from './question-cues.ts'
import { excerptOf, type Walker } from './walker.ts'

/** `**Term**: explanation`: a glossary or advice bullet, whatever its sub-items say. */
const DEFINITION_ITEM = /^(?:\*\*|__)[^*_]+(?:\*\*|__)\s*:|^(?:\*\*|__)[^*_]+:(?:\*\*|__)/
/** Lists of questions the candidate asks (not interview questions): `Clarifying questions to ask`. */
const ASKED_BY_CANDIDATE = /\b(?:clarifying|to ask|ask the interviewer|questions for the interviewer|questions to raise)\b/i

interface SubItem {
  role: LabelRole | null
  /** The label as written (`Hint 2`, `Answer`), empty when there is none. */
  label: string
  markdown: string
}

/**
 * A list outside any question: each item that reads as a question (`1. How would you…?`,
 * `- Q3: …`, `- Design X`) or carries labelled sub-items (`- Hint: …`, `- Answer: …`,
 * `- Follow-up: …`) is one question. An item that is neither but holds such a list is a
 * category for it. Other items are reported.
 */
export function visitQuestionList(walker: Walker, list: List, category: string | null = null, context = ''): void {
  if (!holdsQuestion(walker, list, context)) {
    const askedByCandidate = context !== '' && holdsQuestion(walker, list, '')
    walker.reportUnused(
      list,
      askedByCandidate ? 'questions for the candidate to ask, not interview questions' : 'a list outside any question; no item reads as a question',
    )
    return
  }
  for (const item of list.children) {
    const reading = readItem(walker, item, context)
    if (reading) addListQuestion(walker, item, reading, category)
    else visitCategoryItem(walker, item)
  }
}

function holdsQuestion(walker: Walker, list: List, context: string): boolean {
  return list.children.some(
    (item) => readItem(walker, item, context) !== null || item.children.some((child) => child.type === 'list' && holdsQuestion(walker, child, context)),
  )
}

interface ItemReading {
  title: string
  /** Lines of the first paragraph after the question line, when they carry no label. */
  promptLines: string[]
  parts: SubItem[]
}

function readItem(walker: Walker, item: ListItem, context: string): ItemReading | null {
  const first = item.children[0]
  if (first?.type !== 'paragraph') return null
  const [firstLine = '', ...more] = walker
    .sourceOf(first)
    .split('\n')
    .map((line) => line.trim())
  const lead = leadingLabel(firstLine)
  const title = lead?.role === 'prompt' ? lead.rest : firstLine
  const lines = more.map((line) => ({ line, label: leadingLabel(line) }))
  const parts: SubItem[] = [
    ...lines.filter(({ label }) => label !== null).map(({ label }) => ({ role: label!.role, label: label!.label, markdown: label!.rest })),
    ...item.children.slice(1).flatMap((child) => readChild(walker, child)),
  ]
  if (lead?.role !== 'prompt' && DEFINITION_ITEM.test(firstLine)) return null
  // "Solution:" alone is too common in advice lists to make an item a question; hints, follow-ups and "Answer:" do.
  const labelled = parts.some(
    (part) => part.role === 'hint' || part.role === 'followUp' || (part.role === 'answer' && /^(?:a|ans|answers?)$/i.test(part.label)),
  )
  const cue = lead?.role === 'prompt' ? 'numbered' : questionCue(firstLine, { imperatives: false })
  const askedByCandidate = cue === 'phrased' && ASKED_BY_CANDIDATE.test(context)
  if (!labelled && (cue === null || askedByCandidate)) return null
  return { title, promptLines: lines.filter(({ label }) => label === null).map(({ line }) => line), parts }
}

/** A nested list gives one part per sub-item; other blocks are notes on the question. */
function readChild(walker: Walker, child: RootContent): SubItem[] {
  if (child.type !== 'list') return [{ role: null, label: '', markdown: walker.sourceOf(child) }]
  return child.children.map((sub) => {
    const markdown = listItemSource(walker.index.text, sub)
    const label = leadingLabel(markdown)
    return label
      ? { role: label.role, label: label.label, markdown: label.rest.trim() }
      : { role: null, label: '', markdown: `- ${markdown.replace(/\n/g, '\n  ')}` }
  })
}

function addListQuestion(walker: Walker, item: ListItem, reading: ItemReading, category: string | null): void {
  const question = walker.open(item, 'list-item', reading.title, walker.headingDepth())
  if (category) question.category = category
  const end = endOffset(item)
  if (reading.promptLines.length > 0) {
    targetPrompt(question)
    addMarkdown(question, [reading.title, ...reading.promptLines].join('\n'), end)
  }
  for (const part of reading.parts) addPart(question, part, end)
  walker.finish()
}

function addPart(question: OpenQuestion, part: SubItem, end: number): void {
  const { role, markdown } = part
  if (role === 'hint' || role === 'answer' || role === 'followUp') startSection(question, LABEL_OF_ROLE[role])
  else if (role === 'prompt') targetPrompt(question)
  else if (role === 'time') question.timeLimitMinutes = parseMinutes(markdown) ?? question.timeLimitMinutes
  else if (role === 'difficulty') question.difficulty = parseDifficulty(markdown) ?? question.difficulty
  else if (role === 'tags') question.tags.push(...parseTags(markdown))
  else targetNotes(question)
  if (role === null || role === 'hint' || role === 'answer' || role === 'followUp' || role === 'prompt') addMarkdown(question, markdown, end)
  targetDetails(question)
}

/** Unlabelled sub-items gather under one "Notes" section, in order. */
function targetNotes(question: OpenQuestion): void {
  const notes = question.sections.find((section) => section.label === 'Notes')
  if (notes) question.target = notes
  else startSection(question, 'Notes')
}

/** An item that is no question: the category of the questions nested under it, or reported when there are none. */
function visitCategoryItem(walker: Walker, item: ListItem): void {
  const first = item.children[0]
  const name = first?.type === 'paragraph' ? cleanHeading(plainText(first)) : ''
  const nested = item.children.filter((child): child is List => child.type === 'list' && holdsQuestion(walker, child, name))
  if (nested.length === 0) {
    walker.unused.push({
      line: walker.index.lineOf(startOffset(item)),
      excerpt: excerptOf(walker.sourceOf(item)),
      reason: 'a list item that does not read as a question',
    })
    return
  }
  for (const list of nested) visitQuestionList(walker, list, name || null, name)
}
