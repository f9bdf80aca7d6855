import type { Nodes, Root } from 'mdast'
import { parseMarkdown } from '../format/markdown.ts'

export interface NormalizedSource {
  text: string
  /** For each line of `text` (0-based), the line of the original document (1-based) it came from. */
  lineMap: number[]
  /** The document had plain `Q:` lines: the flattened dialect, restored to Markdown here. */
  flattened: boolean
  /** The parse of `text`: reused from the first pass when no line needed repair. */
  tree: Root
}

const FLAT_QUESTION = /^\s*Q\s*:\s*(\S.*)$/
const EXPAND_OPEN = /^\s*(<expand\b[^>]*>)(.*)$/i
const EXPAND_CLOSE = '</expand>'
const LIST_OR_HEADING = /^\s*(?:[-*+]\s|\d+[.)]\s|#)/
const LABEL_LINE = /^([A-Z][^*`:]{0,70}):$/
const HEADING_LIKE = /^[A-Z0-9][^:.!?*`]{0,80}$/
const MAX_LABEL_WORDS = 8

/**
 * Line-level repairs before the real parse, applied only to lines the CommonMark parser did not
 * put in a code block or an HTML block (so a `#` or `Q:` inside a fence, even an indented one,
 * is never touched):
 * - `<expand …>` and `</expand>` get lines of their own, so they parse as HTML blocks instead of
 *   swallowing the `**Question:**` line that follows them;
 * - in the flattened dialect, where markup was lost, `Q:` lines become `### Q:` headings,
 *   `Label:` lines become bold labels, a category line before a question becomes `##`, and
 *   sections glued together by leftover `**` are split apart;
 * - lines of only (non-breaking) spaces become empty.
 */
export function normalizeSource(text: string): NormalizedSource {
  const lines = text.split('\n')
  const firstTree = parseMarkdown(text)
  const frozen = frozenLines(firstTree)
  const isFree = (index: number) => !frozen.has(index + 1)
  const flattened = lines.some((line, index) => isFree(index) && FLAT_QUESTION.test(line))
  const questionFollows = flattened ? questionFollowsEachLine(lines) : []
  const out: string[] = []
  const lineMap: number[] = []
  lines.forEach((line, index) => {
    const context = { flattened, previous: out[out.length - 1], nextQuestion: questionFollows[index] === true }
    const pieces = isFree(index) ? rewriteLine(line, context) : [line]
    for (const piece of pieces) {
      out.push(piece)
      lineMap.push(index + 1)
    }
  })
  const normalized = out.join('\n')
  const tree = normalized === text ? firstTree : parseMarkdown(normalized)
  return { text: normalized, lineMap, flattened, tree }
}

interface LineContext {
  flattened: boolean
  previous: string | undefined
  nextQuestion: boolean
}

function rewriteLine(line: string, context: LineContext): string[] {
  if (/^\s*$/u.test(line)) return ['']
  const open = EXPAND_OPEN.exec(line)
  if (open?.[1]) return [open[1], '', ...(open[2]?.trim() ? rewriteLine(open[2].trim(), context) : [])]
  const close = line.indexOf(EXPAND_CLOSE)
  if (close !== -1) {
    const before = line.slice(0, close)
    const after = line.slice(close + EXPAND_CLOSE.length)
    // The blank line before matters most: without it the tag is a lazy continuation of the paragraph or list above.
    return [...(before.trim() ? [before] : []), '', EXPAND_CLOSE, '', ...(after.trim() ? rewriteLine(after, context) : [])]
  }
  return context.flattened ? restoreFlattened(line, context) : [line]
}

function restoreFlattened(line: string, context: LineContext): string[] {
  const question = FLAT_QUESTION.exec(line)
  if (question?.[1]) {
    const [title = '', ...rest] = splitGlued(question[1])
    return [`### Q: ${title}`, ...rest.flatMap((piece) => ['', asLabel(piece)])]
  }
  const trimmed = line.trim()
  const startsFresh = context.previous === undefined || context.previous.trim() === ''
  if (!LIST_OR_HEADING.test(line) && /:\*\*/.test(trimmed)) {
    return splitGlued(trimmed).flatMap((piece, index) => (index === 0 ? [asLabel(piece)] : ['', asLabel(piece)]))
  }
  if (startsFresh && isLabelLine(trimmed)) return [`**${trimmed}**`]
  if (startsFresh && context.nextQuestion && HEADING_LIKE.test(trimmed) && wordCount(trimmed) <= MAX_LABEL_WORDS) return [`## ${trimmed}`]
  return [line]
}

/** `scale**Functional Requirements:**` → [`scale`, `Functional Requirements:`]. */
function splitGlued(text: string): string[] {
  return text
    .split('**')
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '')
}

function asLabel(piece: string): string {
  if (/^\d+[.)]\s/.test(piece)) return piece
  return isLabelLine(piece) ? `**${piece}**` : piece
}

function isLabelLine(text: string): boolean {
  return LABEL_LINE.test(text) && !LIST_OR_HEADING.test(text) && wordCount(text) <= MAX_LABEL_WORDS
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length
}

/** For each line, whether the next non-blank line is a `Q:` line; one backward pass, so huge inputs stay linear. */
function questionFollowsEachLine(lines: readonly string[]): boolean[] {
  const follows = new Array<boolean>(lines.length).fill(false)
  let nextIsQuestion = false
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    follows[index] = nextIsQuestion
    const line = lines[index] ?? ''
    if (line.trim() !== '') nextIsQuestion = FLAT_QUESTION.test(line)
  }
  return follows
}

/** Lines inside code blocks and HTML blocks (other than the expand tags themselves). */
function frozenLines(tree: Nodes): Set<number> {
  const frozen = new Set<number>()
  const visit = (node: Nodes) => {
    const isExpandTag = node.type === 'html' && /^\s*<\/?expand\b/i.test(node.value)
    if ((node.type === 'code' || node.type === 'html') && !isExpandTag && node.position) {
      for (let line = node.position.start.line; line <= node.position.end.line; line += 1) frozen.add(line)
    }
    if ('children' in node) for (const child of node.children) visit(child)
  }
  visit(tree)
  return frozen
}
