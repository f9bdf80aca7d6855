/** How a question was marked in its document; each style is one of the seed dialects. */
export type QuestionStyle = 'q-heading' | 'question-label' | 'expand' | 'challenge'

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
  startLine: number
  endLine: number
}

export interface SkippedQuestion {
  line: number
  reason: string
}

export interface DocumentScan {
  dialects: string[]
  questions: FoundQuestion[]
  skipped: SkippedQuestion[]
}

export const DIALECT_OF_STYLE: Record<QuestionStyle, string> = {
  'q-heading': 'q-headings',
  'question-label': 'topic + **Question**',
  expand: 'expand blocks',
  challenge: 'challenges',
}
