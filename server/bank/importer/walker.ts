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

/** Offsets of the normalized text back to lines of the original document (normalizing may split a line). */
export function textIndex(text: string, lineMap: readonly number[]): TextIndex {
  const lineStarts = [0]
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1)
  return {
    text,
    lineOf(offset) {
      let low = 0
      let high = lineStarts.length - 1
      while (low < high) {
        const middle = Math.ceil((low + high) / 2)
        if ((lineStarts[middle] ?? 0) <= offset) low = middle
        else high = middle - 1
      }
      return lineMap[low] ?? low + 1
    },
  }
}
