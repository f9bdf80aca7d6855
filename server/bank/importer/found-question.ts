import type { Difficulty } from '../../../shared/bank.ts'

/**
 * How a question was marked in its document. The first four are the seed dialects; the others
 * are the structures of other note tools (Notion, Obsidian, Google Docs, plain lists).
 */
export type QuestionStyle = 'q-heading' | 'question-label' | 'expand' | 'challenge' | 'heading' | 'list-item' | 'toggle' | 'callout'

export interface FoundSection {
  label: string
  markdown: string
}

/** One question as found in one document, before merging. Lines refer to the original document. */
export interface FoundQuestion {
  title: string
  prompt: string
  category: string
  topic: string | null
  style: QuestionStyle
  /** Marked as a scenario by its document (`Scenario:` prefix). */
  scenario: boolean
  sections: FoundSection[]
  timeLimitMinutes: number | null
  difficulty: Difficulty | null
  tags: string[]
  startLine: number
  endLine: number
}

export interface SkippedQuestion {
  line: number
  reason: string
}

/** A block of the document that went into no question, with where it is and why it was left out. */
export interface UnusedBlock {
  line: number
  excerpt: string
  reason: string
}

export interface DocumentScan {
  dialects: string[]
  questions: FoundQuestion[]
  skipped: SkippedQuestion[]
  unused: UnusedBlock[]
}

export const DIALECT_OF_STYLE: Record<QuestionStyle, string> = {
  'q-heading': 'q-headings',
  'question-label': 'topic + **Question**',
  expand: 'expand blocks',
  challenge: 'challenges',
  heading: 'question headings',
  'list-item': 'question lists',
  toggle: 'toggles',
  callout: 'callouts',
}
