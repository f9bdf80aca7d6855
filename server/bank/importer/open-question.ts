import { cleanTitle } from './clean-title.ts'
import type { FoundQuestion, FoundSection, QuestionStyle, SkippedQuestion } from './found-question.ts'

export const PROMPT_SECTION = '\u0000prompt'
/** Text between a question's start and its first label: kept as reference material under this name. */
export const DETAILS_SECTION = 'Details'

interface OpenSection {
  label: string
  start: number
  end: number
  /** Set when the section ends with a code block the document never closed. */
  openFence: string | null
}

/** A question being read: sections are offset ranges into the normalized text until it is finished. */
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
  timeLimitMinutes: number | null
  start: number
  end: number
}

export function openQuestion(init: Pick<OpenQuestion, 'style' | 'anchorDepth' | 'rawTitle' | 'category' | 'topic' | 'scenario' | 'start' | 'end'>): OpenQuestion {
  const prompt: OpenSection = { label: PROMPT_SECTION, start: -1, end: -1, openFence: null }
  const details: OpenSection = { label: DETAILS_SECTION, start: -1, end: -1, openFence: null }
  return { ...init, sections: [prompt, details], target: details, timeLimitMinutes: null }
}

export function startSection(question: OpenQuestion, label: string): void {
  const section = { label, start: -1, end: -1, openFence: null }
  question.sections.push(section)
  question.target = section
}

export function targetPrompt(question: OpenQuestion): void {
  const prompt = question.sections[0]
  if (prompt) question.target = prompt
}

export function hasPrompt(question: OpenQuestion): boolean {
  return (question.sections[0]?.start ?? -1) >= 0
}

export function addContent(question: OpenQuestion, start: number, end: number, openFence: string | null = null): void {
  if (end <= start) return
  const section = question.target
  if (section.start < 0) section.start = start
  section.end = Math.max(section.end, end)
  section.openFence = openFence
  question.end = Math.max(question.end, end)
}

export interface TextIndex {
  text: string
  /** Line (1-based, original document) of an offset in `text`. */
  lineOf(offset: number): number
}

/** Turns the ranges into Markdown and picks a title; null (with why) when the question has neither title nor prompt. */
export function finishQuestion(question: OpenQuestion, index: TextIndex): FoundQuestion | SkippedQuestion {
  const slice = (section: OpenSection) => {
    if (section.start < 0) return ''
    const markdown = index.text.slice(section.start, section.end).trim()
    return section.openFence ? `${markdown}\n${section.openFence}` : markdown
  }
  const [promptSection, ...rest] = question.sections
  const sections = keepGroupLabels(rest.map((section) => ({ label: section.label, markdown: slice(section) })))
  const startLine = index.lineOf(question.start)
  const prompt = promptSection ? slice(promptSection) : ''
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
    startLine,
    endLine: Math.max(startLine, index.lineOf(Math.max(question.start, question.end - 1))),
  }
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
