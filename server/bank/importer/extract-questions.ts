import type { Heading, Html, Paragraph, RootContent } from 'mdast'
import { endOffset, plainText, startOffset } from '../format/markdown.ts'
import { cleanHeading } from './clean-title.ts'
import { missingClosingFence } from './fences.ts'
import { DIALECT_OF_STYLE, type DocumentScan, type FoundQuestion, type SkippedQuestion } from './found-question.ts'
import { normalizeSource } from './normalize-source.ts'
import { addContent, finishQuestion, hasPrompt, openQuestion, startSection, targetPrompt, type OpenQuestion, type TextIndex } from './open-question.ts'
import { paragraphLines } from './paragraph-lines.ts'

const Q_HEADING = /^Q\s*[:.]\s*(.*)$/i
const CHALLENGE_HEADING = /^Challenge\s*#?\s*\d+\s*[:.\-–—]\s*(.*)$/i
const EXPAND_OPEN = /^<expand\b/i
const EXPAND_CLOSE = /^<\/expand\s*>/i
const PROMPT_LABELS = new Set(['question', 'q', 'scenario', 'problem', 'prompt'])
const TIME_LIMIT_LABEL = /^time\s*limit$/i
const FALLBACK_CATEGORY = 'Uncategorized'

/**
 * Finds the questions of one prep document, whatever its dialect. The document is parsed with a
 * CommonMark parser, so code blocks (fenced or indented) and HTML blocks are single nodes and a
 * `#` or `---` inside them never reads as structure; a small state machine then walks the
 * top-level blocks: headings give categories and `Q:`/`Challenge N:` questions, bold labels start
 * sections, `<expand>` blocks wrap one question each, and `---` ends a question.
 */
export function scanDocument(source: string): DocumentScan {
  const normalized = normalizeSource(source)
  const walker = new DocumentWalker(normalized.text, normalized.lineMap)
  for (const node of normalized.tree.children) walker.visit(node)
  walker.finish()
  const dialects = [...new Set(walker.questions.map((question) => DIALECT_OF_STYLE[question.style]))]
  if (normalized.flattened) dialects.splice(0, dialects.length, ...dialects.map((name) => (name === 'q-headings' ? 'flattened plain text' : name)))
  return { dialects, questions: walker.questions, skipped: walker.skipped }
}

class DocumentWalker {
  readonly questions: FoundQuestion[] = []
  readonly skipped: SkippedQuestion[] = []
  private readonly headings: { depth: number; text: string }[] = []
  private current: OpenQuestion | null = null
  private readonly index: TextIndex

  constructor(text: string, lineMap: readonly number[]) {
    this.index = textIndex(text, lineMap)
  }

  visit(node: RootContent): void {
    if (node.type === 'heading') this.visitHeading(node)
    else if (node.type === 'thematicBreak') {
      if (this.current?.style !== 'expand') this.finish()
    } else if (node.type === 'html') this.visitHtml(node)
    else if (node.type === 'paragraph') this.visitParagraph(node)
    else if (this.current) {
      const fence = node.type === 'code' ? missingClosingFence(this.index.text.slice(startOffset(node), endOffset(node))) : null
      addContent(this.current, startOffset(node), endOffset(node), fence)
    }
  }

  finish(): void {
    if (!this.current) return
    const result = finishQuestion(this.current, this.index)
    if ('title' in result) this.questions.push(result)
    else this.skipped.push(result)
    this.current = null
  }

  private visitHeading(node: Heading): void {
    const text = plainText(node)
    if (this.current && node.depth <= this.current.anchorDepth) this.finish()
    const question = Q_HEADING.exec(text)?.[1] ?? null
    const challenge = question === null ? (CHALLENGE_HEADING.exec(text)?.[1] ?? null) : null
    if (question !== null || challenge !== null) {
      this.finish()
      this.open(node, question !== null ? 'q-heading' : 'challenge', question ?? challenge ?? '', node.depth)
    } else if (this.current) {
      startSection(this.current, cleanHeading(text))
    } else {
      while ((this.headings.at(-1)?.depth ?? 0) >= node.depth) this.headings.pop()
      this.headings.push({ depth: node.depth, text: cleanHeading(text) })
    }
  }

  private visitHtml(node: Html): void {
    const value = node.value.trim()
    if (EXPAND_OPEN.test(value)) {
      this.finish()
      const title = decodeEntities(/\btitle\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(value)?.slice(1).find((group) => group !== undefined) ?? '')
      this.open(node, 'expand', title, this.headings.at(-1)?.depth ?? 0)
      this.current!.scenario = /^\s*scenario\s*:/i.test(title)
    } else if (EXPAND_CLOSE.test(value)) {
      if (this.current?.style !== 'expand') return
      this.current.end = endOffset(node)
      this.finish()
    } else if (this.current) {
      addContent(this.current, startOffset(node), endOffset(node))
    }
  }

  private visitParagraph(node: Paragraph): void {
    const text = this.index.text
    for (const line of paragraphLines(text, node)) {
      const restStart = line.restStart + (/^\s*/.exec(text.slice(line.restStart, line.end))?.[0].length ?? 0)
      if (line.label === null) {
        if (this.current) addContent(this.current, line.start, line.end)
      } else if (PROMPT_LABELS.has(line.label.toLowerCase())) {
        this.visitPromptLabel(node, line.label, text.slice(restStart, line.end), restStart, line.end)
      } else if (this.current) {
        if (TIME_LIMIT_LABEL.test(line.label)) this.current.timeLimitMinutes = minutesIn(text.slice(restStart, line.end))
        startSection(this.current, line.label)
        addContent(this.current, restStart, line.end)
      }
    }
  }

  /** `**Question**:` either fills the prompt of the question already open or starts a new one. */
  private visitPromptLabel(node: Paragraph, label: string, rest: string, start: number, end: number): void {
    const open = this.current
    if (open && !hasPrompt(open) && open.style !== 'question-label') {
      if (open.style === 'expand' && rest.trim() !== '') open.rawTitle = rest
    } else {
      this.finish()
      this.open(node, 'question-label', rest, this.headings.at(-1)?.depth ?? 0)
      this.current!.scenario = label.toLowerCase() === 'scenario'
    }
    targetPrompt(this.current!)
    addContent(this.current!, start, end)
  }

  private open(node: RootContent, style: OpenQuestion['style'], rawTitle: string, anchorDepth: number): void {
    const topicHeading = style === 'question-label' ? this.headings.at(-1) : undefined
    const parents = topicHeading ? this.headings.slice(0, -1) : this.headings.filter((heading) => heading.depth < anchorDepth || style !== 'q-heading')
    const category = [...parents].reverse().find((heading) => heading.depth > 1)?.text || parents.at(-1)?.text || topicHeading?.text
    this.current = openQuestion({
      style,
      anchorDepth,
      rawTitle,
      category: category || FALLBACK_CATEGORY,
      topic: topicHeading?.text || null,
      scenario: false,
      start: startOffset(node),
      end: endOffset(node),
    })
  }
}

function textIndex(text: string, lineMap: readonly number[]): TextIndex {
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

function minutesIn(text: string): number | null {
  const match = /(\d{1,3})\s*(?:min|minutes|m\b)?/i.exec(text)
  return match?.[1] ? Number(match[1]) : null
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }
  return text.replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return safeCodePoint(parseInt(body.slice(2), 16)) ?? entity
    if (body.startsWith('#')) return safeCodePoint(Number(body.slice(1))) ?? entity
    return named[body.toLowerCase()] ?? entity
  })
}

function safeCodePoint(code: number): string | undefined {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined
}
