import type { Nodes, Root } from 'mdast'
import { parseMarkdown } from '../format/markdown.ts'
import { looksLikeGoogleDocs, readFrontMatter, replaceNbsp, replaceWikiLinks, unescapeGoogleDocs, type FrontMatter } from './note-cleanup.ts'
import { labelRole, questionCue } from './question-cues.ts'
import { splitToggleTags, TOGGLE_LINE } from './toggle-tags.ts'

export interface NormalizedSource {
  text: string
  /** For each line of `text` (0-based), the line of the original document (1-based) it came from. */
  lineMap: number[]
  /** The document had plain `Q:` lines: the flattened dialect, restored to Markdown here. */
  flattened: boolean
  /** Escaped punctuation or `&nbsp;`: a Google Docs download. */
  googleDocs: boolean
  /** No `#` headings, only bold lines: those were read as headings. */
  boldHeadings: boolean
  /** YAML front matter: document metadata, blanked out of the text so it never reads as structure. */
  frontMatter: FrontMatter | null
  /** The parse of `text`: reused from the first pass when no line needed repair. */
  tree: Root
}

const FLAT_QUESTION = /^\s*Q\s*:\s*(\S.*)$/
const LIST_OR_HEADING = /^\s*(?:[-*+]\s|\d+[.)]\s|#)/
const LABEL_LINE = /^([A-Z][^*`:]{0,70}):$/
const HEADING_LIKE = /^[A-Z0-9][^:.!?*`]{0,80}$/
const BOLD_LINE = /^\s*(?:\*\*([^*]+?)\*\*|__([^_]+?)__)\s*(:?)\s*$/
const MAX_LABEL_WORDS = 8

/**
 * Line-level repairs before the real parse, applied only to lines the CommonMark parser did not
 * put in a code block or an HTML block (so a `#` or `Q:` inside a fence, even an indented one,
 * is never touched):
 * - YAML front matter becomes blank lines (it is metadata, and `---` would read as a heading rule);
 * - `[[wiki-links]]` become their text, `&nbsp;` a space, Google Docs' `\-` / `1\.` lists lists again;
 * - `<expand>`, `<details>`, `<summary>` and their closing tags get lines of their own, so they
 *   parse as HTML blocks instead of swallowing the Markdown that follows them;
 * - in the flattened dialect, where markup was lost, `Q:` lines become `### Q:` headings,
 *   `Label:` lines become bold labels, a category line before a question becomes `##`, and
 *   sections glued together by leftover `**` are split apart;
 * - in a document without headings, bold lines that read as questions become headings;
 * - lines of only (non-breaking) spaces become empty.
 */
export function normalizeSource(text: string): NormalizedSource {
  const original = text.split('\n')
  const frontMatter = readFrontMatter(original)
  const lines = frontMatter ? original.map((line, index) => (index < frontMatter.endLine ? '' : line)) : original
  const firstText = lines.join('\n')
  const firstTree = parseMarkdown(firstText)
  const frozen = frozenLines(firstTree)
  const isFree = (index: number) => !frozen.has(index + 1)
  const googleDocs = looksLikeGoogleDocs(lines.filter((_line, index) => isFree(index)))
  const cleaned = lines.map((line, index) => (isFree(index) ? cleanLine(line, googleDocs) : line))
  const flattened = cleaned.some((line, index) => isFree(index) && FLAT_QUESTION.test(line))
  const boldHeadings = !flattened && !hasHeadings(firstTree) && cleaned.some((line, index) => isFree(index) && isBoldQuestion(line))
  const questionFollows = flattened
    ? nextLineMatches(cleaned, (line) => FLAT_QUESTION.test(line))
    : boldHeadings
      ? nextLineMatches(cleaned, isBoldQuestion)
      : []
  const out: string[] = []
  const lineMap: number[] = []
  let first = true
  cleaned.forEach((line, index) => {
    const context = { flattened, boldHeadings, first, previous: out[out.length - 1], nextQuestion: questionFollows[index] === true }
    if (line.trim() !== '') first = false
    const pieces = isFree(index) ? rewriteLine(line, context) : [line]
    for (const piece of pieces) {
      out.push(piece)
      lineMap.push(index + 1)
    }
  })
  const normalized = out.join('\n')
  const tree = normalized === firstText ? firstTree : parseMarkdown(normalized)
  return { text: normalized, lineMap, flattened, googleDocs, boldHeadings, frontMatter, tree }
}

function cleanLine(line: string, googleDocs: boolean): string {
  const plain = replaceWikiLinks(replaceNbsp(line))
  return googleDocs ? unescapeGoogleDocs(plain) : plain
}

interface LineContext {
  flattened: boolean
  boldHeadings: boolean
  /** No text before this line: a bold first line is the document's title. */
  first: boolean
  previous: string | undefined
  nextQuestion: boolean
}

function rewriteLine(line: string, context: LineContext): string[] {
  if (/^\s*$/u.test(line)) return ['']
  const toggles = splitToggleTags(line)
  if (toggles) return toggles.flatMap((piece) => (piece.tag ? ['', piece.text, ''] : rewriteLine(piece.text, context)))
  if (context.flattened) return restoreFlattened(line, context)
  if (context.boldHeadings) return [restoreBoldHeading(line, context)]
  return [line]
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

/**
 * Google Docs (copied or downloaded) often marks headings by bold alone: a bold line naming a
 * part (`**Hints**`) becomes a label, one that reads as a question a `###` question, the first
 * line the `#` title, a bold line right before a question its `##` category, any other a `####`
 * heading (a section inside a question).
 */
function restoreBoldHeading(line: string, context: LineContext): string {
  const bold = BOLD_LINE.exec(line)
  const inner = (bold?.[1] ?? bold?.[2] ?? '').trim().replace(/:$/, '')
  if (!bold || inner === '') return line
  if (labelRole(inner)) return `**${inner}:**`
  if (questionCue(inner)) return `### ${inner}`
  if (context.first) return `# ${inner}`
  if (context.nextQuestion && bold[3] === '') return `## ${inner}`
  // Deeper than the questions: a section label inside one, a heading of its own outside.
  return `#### ${inner}`
}

function isBoldQuestion(line: string): boolean {
  const bold = BOLD_LINE.exec(line)
  const inner = (bold?.[1] ?? bold?.[2] ?? '').trim()
  return inner !== '' && questionCue(inner) !== null && !labelRole(inner.replace(/:$/, ''))
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

/** For each line, whether the next non-blank line matches; one backward pass, so huge inputs stay linear. */
function nextLineMatches(lines: readonly string[], matches: (line: string) => boolean): boolean[] {
  const follows = new Array<boolean>(lines.length).fill(false)
  let next = false
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    follows[index] = next
    const line = lines[index] ?? ''
    if (line.trim() !== '') next = matches(line)
  }
  return follows
}

function hasHeadings(tree: Root): boolean {
  return tree.children.some((node) => node.type === 'heading')
}

/** Lines inside code blocks and HTML blocks (other than blocks that open with a toggle tag). */
function frozenLines(tree: Nodes): Set<number> {
  const frozen = new Set<number>()
  const visit = (node: Nodes) => {
    const isToggle = node.type === 'html' && TOGGLE_LINE.test(node.value)
    if ((node.type === 'code' || node.type === 'html') && !isToggle && node.position) {
      for (let line = node.position.start.line; line <= node.position.end.line; line += 1) frozen.add(line)
    }
    if ('children' in node) for (const child of node.children) visit(child)
  }
  visit(tree)
  return frozen
}
