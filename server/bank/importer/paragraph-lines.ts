import type { Paragraph } from 'mdast'
import { endOffset, plainText, startOffset } from '../format/markdown.ts'

export interface ParagraphLine {
  start: number
  end: number
  /** The bold lead of the line when it reads as a section label (`**Requirements**:` or `**Answer:**`). */
  label: string | null
  /** Where the text after the label starts (the line's start when there is no label). */
  restStart: number
}

const MAX_LABEL_CHARS = 60
const MAX_LABEL_WORDS = 8

/**
 * Splits a paragraph into its source lines. Prep documents often write a label and its text on
 * consecutive lines without a blank line (`**Question**: …⏎**Explanation**:`), which CommonMark
 * joins into one paragraph; each line is judged on its own, using the parser's inline nodes to
 * see where a bold lead starts and ends.
 */
export function paragraphLines(text: string, paragraph: Paragraph): ParagraphLine[] {
  const lines: ParagraphLine[] = []
  let cursor = startOffset(paragraph)
  const end = endOffset(paragraph)
  while (cursor < end) {
    const newline = text.indexOf('\n', cursor)
    const lineEnd = newline === -1 || newline > end ? end : newline
    const firstChar = cursor + (/^\s*/.exec(text.slice(cursor, lineEnd))?.[0].length ?? 0)
    lines.push({ start: cursor, end: lineEnd, ...labelAt(text, paragraph, firstChar, lineEnd) })
    cursor = lineEnd + 1
  }
  return lines
}

function labelAt(text: string, paragraph: Paragraph, at: number, lineEnd: number): { label: string | null; restStart: number } {
  const lead = paragraph.children.find((child) => startOffset(child) === at)
  if (lead?.type !== 'strong') return { label: null, restStart: at }
  const strongText = plainText(lead)
  const after = endOffset(lead)
  const colonAfter = /^\s*:/.exec(text.slice(after, lineEnd))
  let label: string | null = null
  let restStart = after
  if (strongText.endsWith(':')) label = strongText.slice(0, -1).trim()
  else if (colonAfter) {
    label = strongText
    restStart = after + colonAfter[0].length
  }
  if (!label || label.length > MAX_LABEL_CHARS || label.split(/\s+/).length > MAX_LABEL_WORDS) return { label: null, restStart: at }
  return { label, restStart }
}
