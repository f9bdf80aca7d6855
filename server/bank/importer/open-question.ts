import type { Difficulty } from '../../../shared/bank.ts'
import { cleanTitle } from './clean-title.ts'
import type { FoundQuestion, FoundSection, QuestionStyle, SkippedQuestion } from './found-question.ts'

export const PROMPT_SECTION = '\u0000prompt'
/** Text between a question's start and its first label: kept as reference material under this name. */
export const DETAILS_SECTION = 'Details'

/** A run of the normalized text, or Markdown rebuilt from a structure (a list item, a callout's body). */
type Part = { start: number; end: number; openFence: string | null } | { markdown: string }

interface OpenSection {
  label: string
  parts: Part[]
  /** A sub-question asked inside the question (`**Q:**` under a `### Q:`): its answer joins it. */
  subQuestion: boolean
}

/** A question being read: sections collect parts until it is finished. */
export interface OpenQuestion {
  style: QuestionStyle
  /** Headings at this depth or above end the question; deeper ones become its section labels. */
  anchorDepth: number
  rawTitle: string
  category: string
  topic: string | null
  scenario: boolean
  sections: OpenSection[]
  target: OpenSection
  /** The section the last range went to: a range only extends the previous one when nothing came between. */
  lastTarget: OpenSection | null
  timeLimitMinutes: number | null
  difficulty: Difficulty | null
  tags: string[]
  start: number
  end: number
}

type OpenInit = Pick<OpenQuestion, 'style' | 'anchorDepth' | 'rawTitle' | 'category' | 'topic' | 'scenario' | 'start' | 'end'>

export function openQuestion(init: OpenInit): OpenQuestion {
  const prompt = newSection(PROMPT_SECTION)
  const details = newSection(DETAILS_SECTION)
  return { ...init, sections: [prompt, details], target: details, lastTarget: null, timeLimitMinutes: null, difficulty: null, tags: [] }
}

function newSection(label: string, subQuestion = false): OpenSection {
  return { label, parts: [], subQuestion }
}

export function startSection(question: OpenQuestion, label: string, subQuestion = false): void {
  const section = newSection(label, subQuestion)
  question.sections.push(section)
  question.target = section
}

export function targetPrompt(question: OpenQuestion): void {
  const prompt = question.sections[0]
  if (prompt) question.target = prompt
}

/** Back to the untitled text of the question, after a toggle or callout that held one labelled part. */
export function targetDetails(question: OpenQuestion): void {
  const details = question.sections[1]
  if (details) question.target = details
}

export function hasPrompt(question: OpenQuestion): boolean {
  return (question.sections[0]?.parts.length ?? 0) > 0
}

/** Whether anything but the heading itself has been read into the question yet. */
export function hasContent(question: OpenQuestion): boolean {
  return question.sections.some((section) => section.parts.length > 0)
}

export function isAnsweringSubQuestion(question: OpenQuestion): boolean {
  return question.target.subQuestion
}

export function addContent(question: OpenQuestion, start: number, end: number, openFence: string | null = null): void {
  if (end <= start) return
  const section = question.target
  const last = section.parts.at(-1)
  if (last && 'start' in last && question.lastTarget === section) {
    last.end = Math.max(last.end, end)
    last.openFence = openFence
  } else {
    section.parts.push({ start, end, openFence })
  }
  question.lastTarget = section
  question.end = Math.max(question.end, end)
}

/** Markdown that is not a plain run of the text (a blockquote's body without its `>` markers). */
export function addMarkdown(question: OpenQuestion, markdown: string, end: number): void {
  if (markdown.trim() === '') return
  question.target.parts.push({ markdown })
  question.lastTarget = null
  question.end = Math.max(question.end, end)
}

export interface TextIndex {
  text: string
  /** Line (1-based, original document) of an offset in `text`. */
  lineOf(offset: number): number
}

/** Turns the parts into Markdown and picks a title; null (with why) when the question has neither title nor prompt. */
export function finishQuestion(question: OpenQuestion, index: TextIndex): FoundQuestion | SkippedQuestion {
  const [promptSection, ...rest] = question.sections
  const found = keepGroupLabels(rest.map((section) => ({ label: section.label, markdown: sectionMarkdown(section, index.text) })))
  const startLine = index.lineOf(question.start)
  const { prompt, sections } = placeUntitledText(question, promptSection ? sectionMarkdown(promptSection, index.text) : '', found)
  const title = cleanTitle(question.rawTitle) || cleanTitle(firstSentence(prompt))
  if (title === '') return { line: startLine, reason: 'a question with neither a readable title nor a prompt' }
  return {
    title,
    // A heading-style question is its own prompt; the clean title is used so no heading markup leaks into the body.
    prompt: prompt || title,
    category: question.category,
    topic: question.topic,
    style: question.style,
    scenario: question.scenario,
    sections,
    timeLimitMinutes: question.timeLimitMinutes,
    difficulty: question.difficulty,
    tags: [...new Set(question.tags)],
    startLine,
    endLine: Math.max(startLine, index.lineOf(Math.max(question.start, question.end - 1))),
  }
}

function sectionMarkdown(section: OpenSection, text: string): string {
  return section.parts
    .map((part) => {
      if ('markdown' in part) return part.markdown.trim()
      const markdown = text.slice(part.start, part.end).trim()
      return part.openFence ? `${markdown}\n${part.openFence}` : markdown
    })
    .filter((markdown) => markdown !== '')
    .join('\n\n')
}

/** Styles whose seed dialects fixed what untitled text means; the others are placed by placeUntitledText. */
const KEEPS_DETAILS = new Set<QuestionStyle>(['expand', 'question-label', 'callout'])
const ASKS = /\?\s*$|^(?:how|what|why|when|which|where|who)(?:'s)?\s+(?:would|do|does|did|is|are|was|were|can|could|should|will|might)\b/i

/**
 * Text right under a question's title, before any label, when no label gave a prompt: under a
 * title that asks something (`What is a covering index?`, a flashcard toggle) it is the answer;
 * under a task or a page title (`Design a notification service`, `Ride-hailing dispatch`) it is
 * the problem statement, so it becomes the prompt.
 */
function placeUntitledText(question: OpenQuestion, prompt: string, sections: FoundSection[]): { prompt: string; sections: FoundSection[] } {
  const details = sections.find((section) => section.label === DETAILS_SECTION)
  if (prompt !== '' || !details || KEEPS_DETAILS.has(question.style)) return { prompt, sections }
  if (ASKS.test(cleanTitle(question.rawTitle))) {
    return { prompt, sections: sections.map((section) => (section === details ? { label: 'Answer', markdown: section.markdown } : section)) }
  }
  return { prompt: details.markdown, sections: sections.filter((section) => section !== details) }
}

const WRAPPER_LABELS = new Set(['answer', 'explanation', 'solution', DETAILS_SECTION.toLowerCase()])

/**
 * Drops empty sections, except an empty label followed by filled ones: in `**Cache-Aside:**`
 * then `**Use When:**`, `**Pros:**`, the empty label names the group the next sections belong
 * to. Generic wrappers like `**Answer:**` carry no such meaning and go.
 */
function keepGroupLabels(sections: FoundSection[]): FoundSection[] {
  return sections.filter((section, index) => {
    if (section.markdown !== '') return true
    if (WRAPPER_LABELS.has(section.label.toLowerCase())) return false
    const next = sections[index + 1]
    return next !== undefined && next.markdown !== ''
  })
}

function firstSentence(text: string): string {
  return text.split(/\n|(?<=[.?!])\s/)[0] ?? ''
}
