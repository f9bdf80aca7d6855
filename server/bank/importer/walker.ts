import type { RootContent } from 'mdast'
import type { UnusedBlock } from './found-question.ts'
import type { OpenQuestion, TextIndex } from './open-question.ts'

/** A `<details>` toggle being read: what its summary made it, and the question it belongs to. */
export interface OpenToggle {
  role: 'pending' | 'question' | 'section' | 'unused'
  question: OpenQuestion | null
  line: number
}

/** What the structure readers (lists, toggles, callouts) need from the document walk. */
export interface Walker {
  readonly index: TextIndex
  readonly unused: UnusedBlock[]
  readonly toggles: OpenToggle[]
  current: OpenQuestion | null
  /** Finishes the open question (if any) and opens a new one. */
  open(node: RootContent, style: OpenQuestion['style'], rawTitle: string, anchorDepth: number): OpenQuestion
  finish(): void
  addBlock(node: RootContent): void
  reportUnused(node: RootContent, reason: string): void
  headingDepth(): number
  sourceOf(node: RootContent): string
}

const MAX_EXCERPT_CHARS = 60

/** The start of a block as one short line, for the report. */
export function excerptOf(source: string): string {
  const line = source.replace(/\s+/g, ' ').trim()
  return line.length <= MAX_EXCERPT_CHARS ? line : `${line.slice(0, MAX_EXCERPT_CHARS - 1).trimEnd()}…`
}
