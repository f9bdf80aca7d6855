import type { Blockquote, Heading, Html, Paragraph, RootContent } from 'mdast'
import { endOffset, plainText, startOffset } from '../format/markdown.ts'
import { readCallout } from './callout.ts'
import { cleanHeading } from './clean-title.ts'
import { missingClosingFence } from './fences.ts'
import { DIALECT_OF_STYLE, type DocumentScan, type FoundQuestion, type SkippedQuestion, type UnusedBlock } from './found-question.ts'
import { frontMatterDefaults } from './front-matter-defaults.ts'
import { normalizeSource, type NormalizedSource } from './normalize-source.ts'
import {
  addContent,
  finishQuestion,
  hasContent,
  hasPrompt,
  isAnsweringSubQuestion,
  openQuestion,
  startSection,
  targetPrompt,
  type OpenQuestion,
  type TextIndex,
} from './open-question.ts'
import { paragraphLines } from './paragraph-lines.ts'
import { applyProperties, readPropertyBlock } from './properties.ts'
import { LABEL_OF_ROLE, labelRole, parseDifficulty, parseMinutes, parseTags, questionCue } from './question-cues.ts'
import { visitQuestionList } from './question-list.ts'
import { visitCallout } from './visit-callout.ts'
import { visitToggleTag } from './visit-toggle.ts'
import { excerptOf, textIndex, type OpenToggle, type Walker } from './walker.ts'

const CHALLENGE_HEADING = /^Challenge\s*#?\s*\d+\s*[:.\-–—]\s*(.*)$/i
/** `## A:`, `## A1.`, `## Answer` at the depth of the question it answers. */
const ANSWER_HEADING = /^(?:A|Ans|Answer)\s*#?\d*\s*(?:[:.)\-–—]\s*|$)/i
const FALLBACK_CATEGORY = 'Uncategorized'

/**
 * Finds the questions of one prep document by its structure. The document is parsed with a
 * CommonMark parser, so code blocks (fenced or indented) and HTML blocks are single nodes and a
 * `#` or `---` inside them never reads as structure. A walk over the top-level blocks then finds
 * questions wherever notes put them: question-like headings at any depth, items of question
 * lists, toggles and callouts, bold `**Question**:` labels; headings above them give categories,
 * labels, toggles and callouts inside them give sections, and `---` ends a question. Every block
 * that ends up in no question is listed with why.
 */
export function scanDocument(source: string): DocumentScan {
  const normalized = normalizeSource(source)
  const walker = new DocumentWalker(normalized)
  walker.visitAll(normalized.tree.children)
  walker.finishAll()
  const defaults = frontMatterDefaults(normalized.frontMatter)
  const questions = walker.questions.map((question) => ({
    ...question,
    difficulty: question.difficulty ?? defaults.difficulty,
    timeLimitMinutes: question.timeLimitMinutes ?? defaults.timeLimitMinutes,
    tags: [...new Set([...question.tags, ...defaults.tags])],
  }))
  return {
    dialects: dialectsOf(normalized, questions),
    questions,
    skipped: walker.skipped,
    unused: [...defaults.unused, ...walker.unused].sort((a, b) => a.line - b.line),
  }
}

function dialectsOf(normalized: NormalizedSource, questions: readonly FoundQuestion[]): string[] {
  const styles = [...new Set(questions.map((question) => DIALECT_OF_STYLE[question.style]))]
  const dialects = normalized.flattened ? styles.map((name) => (name === 'q-headings' ? 'flattened plain text' : name)) : styles
  if (normalized.frontMatter) dialects.push('front matter')
  if (normalized.googleDocs) dialects.push('Google Docs export')
  if (normalized.boldHeadings) dialects.push('bold headings')
  return dialects
}

interface CategoryHeading {
  depth: number
  text: string
  line: number
  /** A question was found under it; a heading that ends with none is reported. */
  used: boolean
}

class DocumentWalker implements Walker {
  readonly questions: FoundQuestion[] = []
  readonly skipped: SkippedQuestion[] = []
  readonly unused: UnusedBlock[] = []
  readonly index: TextIndex
  current: OpenQuestion | null = null
  /** Open `<details>` toggles, innermost last; see visit-toggle.ts. */
  readonly toggles: OpenToggle[] = []
  private readonly headings: CategoryHeading[] = []

  constructor(normalized: NormalizedSource) {
    this.index = textIndex(normalized.text, normalized.lineMap)
  }

  visitAll(nodes: readonly RootContent[]): void {
    for (const [at, node] of nodes.entries()) this.visit(node, nodes[at + 1], nodes[at - 1])
  }

  private visit(node: RootContent, next: RootContent | undefined, previous: RootContent | undefined): void {
    if (node.type === 'heading') this.visitHeading(node, next)
    else if (node.type === 'thematicBreak') {
      if (this.current && !this.insideToggle()) this.finish()
    } else if (node.type === 'html') this.visitHtml(node)
    else if (node.type === 'paragraph') this.visitParagraph(node)
    else if (node.type === 'blockquote') this.visitBlockquote(node)
    else if (node.type === 'list' && !this.current) visitQuestionList(this, node, null, this.listContext(previous))
    else if (node.type === 'definition') return
    else this.addBlock(node)
  }

  /** A block with no structure of its own: part of the open question, or reported. */
  addBlock(node: RootContent): void {
    if (!this.current) {
      this.reportUnused(node, 'outside any question')
      return
    }
    const fence = node.type === 'code' ? missingClosingFence(this.index.text.slice(startOffset(node), endOffset(node))) : null
    addContent(this.current, startOffset(node), endOffset(node), fence)
  }

  reportUnused(node: RootContent, reason: string): void {
    this.unused.push({ line: this.index.lineOf(startOffset(node)), excerpt: excerptOf(this.index.text.slice(startOffset(node), endOffset(node))), reason })
  }

  finish(): void {
    if (!this.current) return
    const result = finishQuestion(this.current, this.index)
    if ('title' in result) this.questions.push(result)
    else this.skipped.push(result)
    for (const toggle of this.toggles) if (toggle.question === this.current) toggle.question = null
    this.current = null
  }

  finishAll(): void {
    this.finish()
    while (this.headings.length > 0) this.popHeading()
  }

  category(anchorDepth: number, style: OpenQuestion['style']): { category: string; topic: string | null } {
    const topicHeading = style === 'question-label' ? this.headings.at(-1) : undefined
    const byDepth = style === 'q-heading' || style === 'heading' || style === 'challenge'
    const parents = topicHeading ? this.headings.slice(0, -1) : this.headings.filter((heading) => !byDepth || heading.depth < anchorDepth)
    for (const heading of [...parents, ...(topicHeading ? [topicHeading] : [])]) heading.used = true
    const category = [...parents].reverse().find((heading) => heading.depth > 1)?.text || parents.at(-1)?.text || topicHeading?.text
    return { category: category || FALLBACK_CATEGORY, topic: topicHeading?.text || null }
  }

  open(node: RootContent, style: OpenQuestion['style'], rawTitle: string, anchorDepth: number): OpenQuestion {
    this.finish()
    const { category, topic } = this.category(anchorDepth, style)
    this.current = openQuestion({ style, anchorDepth, rawTitle, category, topic, scenario: false, start: startOffset(node), end: endOffset(node) })
    return this.current
  }

  /** What introduces a list: the heading it is under and the paragraph right before it. */
  private listContext(previous: RootContent | undefined): string {
    return `${this.headings.at(-1)?.text ?? ''}\n${previous?.type === 'paragraph' ? plainText(previous) : ''}`
  }

  headingDepth(): number {
    return this.headings.at(-1)?.depth ?? 0
  }

  insideToggle(): boolean {
    return this.current?.style === 'expand' || this.toggles.some((toggle) => toggle.question === this.current && toggle.role !== 'unused')
  }

  private visitHeading(node: Heading, next: RootContent | undefined): void {
    const text = plainText(node)
    if (this.current && node.depth === this.current.anchorDepth && ANSWER_HEADING.test(text) && this.current.style !== 'question-label') {
      this.startAnswerHeading(node, text)
      return
    }
    if (this.current && node.depth <= this.current.anchorDepth) this.finish()
    const challenge = CHALLENGE_HEADING.exec(text)?.[1] ?? null
    const cue = challenge === null ? questionCue(text) : null
    // A callout or a bold label opens a question without a heading of its own: a question heading after it starts the next one.
    const headless = this.current?.style === 'callout' || this.current?.style === 'question-label'
    const startsQuestion = challenge !== null || cue === 'numbered' || ((!this.current || headless) && (cue === 'phrased' || this.hasPropertiesNext(next)))
    if (startsQuestion) {
      this.pushHeadingsAbove(node.depth)
      this.open(node, challenge !== null ? 'challenge' : cue === 'numbered' ? 'q-heading' : 'heading', challenge ?? text, node.depth)
    } else if (this.current) {
      startSection(this.current, sectionLabel(text))
    } else {
      while ((this.headings.at(-1)?.depth ?? 0) >= node.depth) this.popHeading()
      this.headings.push({ depth: node.depth, text: cleanHeading(text), line: this.index.lineOf(startOffset(node)), used: false })
    }
  }

  /** `## Q: …` then `## A: …` at the same depth: the second heading opens the answer instead of ending the question. */
  private startAnswerHeading(node: Heading, text: string): void {
    const question = this.current!
    startSection(question, LABEL_OF_ROLE.answer)
    const source = this.index.text.slice(startOffset(node), endOffset(node))
    const rest = /^#{1,6}\s*(?:A|Ans|Answer)\s*#?\d*\s*[:.)\-–—]?\s*/i.exec(source)
    if (rest && text.replace(ANSWER_HEADING, '').trim() !== '') addContent(question, startOffset(node) + rest[0].length, endOffset(node))
    else question.end = Math.max(question.end, endOffset(node))
  }

  private pushHeadingsAbove(depth: number): void {
    while ((this.headings.at(-1)?.depth ?? 0) >= depth) this.popHeading()
  }

  private popHeading(): void {
    const heading = this.headings.pop()
    if (heading && !heading.used) this.unused.push({ line: heading.line, excerpt: excerptOf(heading.text), reason: 'heading with no question under it' })
  }

  /** A Notion page: its title, then a property table or (as Notion writes them) two or more `Key: value` lines. */
  private hasPropertiesNext(next: RootContent | undefined): boolean {
    if (next?.type !== 'paragraph') return false
    const source = this.sourceOf(next)
    const isTable = /^\s*\|/.test(source)
    return (isTable || source.trim().split('\n').length >= 2) && readPropertyBlock(source) !== null
  }

  sourceOf(node: RootContent): string {
    return this.index.text.slice(startOffset(node), endOffset(node))
  }

  private visitHtml(node: Html): void {
    if (visitToggleTag(this, node)) return
    if (/^\s*<!--[\s\S]*-->\s*$/.test(node.value)) return
    this.addBlock(node)
  }

  private visitBlockquote(node: Blockquote): void {
    const callout = readCallout(this.index.text, node)
    if (callout) visitCallout(this, node, callout)
    else this.addBlock(node)
  }

  private visitParagraph(node: Paragraph): void {
    const properties = readPropertyBlock(this.sourceOf(node))
    if (properties && this.current && !hasContent(this.current)) {
      applyProperties(this.current, properties)
      for (const key of properties.ignored)
        this.unused.push({ line: this.index.lineOf(startOffset(node)), excerpt: key, reason: 'property the bank has no field for' })
      return
    }
    const text = this.index.text
    for (const line of paragraphLines(text, node)) {
      const restStart = line.restStart + (/^\s*/.exec(text.slice(line.restStart, line.end))?.[0].length ?? 0)
      const role = line.label === null ? null : labelRole(line.label)
      if (line.label === null) {
        if (this.current) addContent(this.current, line.start, line.end)
        else this.unused.push({ line: this.index.lineOf(line.start), excerpt: excerptOf(text.slice(line.start, line.end)), reason: 'outside any question' })
      } else if (role === 'prompt') {
        this.visitPromptLabel(node, line.label, text.slice(restStart, line.end), restStart, line.end)
      } else if (this.current) {
        this.visitLabel(this.current, line.label, role, restStart, line.end)
      } else {
        this.unused.push({ line: this.index.lineOf(line.start), excerpt: excerptOf(text.slice(line.start, line.end)), reason: 'label outside any question' })
      }
    }
  }

  private visitLabel(question: OpenQuestion, label: string, role: ReturnType<typeof labelRole>, start: number, end: number): void {
    const rest = this.index.text.slice(start, end)
    if (role === 'difficulty' && parseDifficulty(rest)) question.difficulty = parseDifficulty(rest)
    else if (role === 'tags') question.tags.push(...parseTags(rest))
    else {
      if (role === 'time') question.timeLimitMinutes = parseMinutes(rest) ?? question.timeLimitMinutes
      // A sub-question's answer stays with it: `**Q:** … **A:** …` under a heading is one follow-up.
      if (!(role === 'answer' && isAnsweringSubQuestion(question)))
        startSection(question, role === 'hint' || role === 'answer' || role === 'followUp' ? LABEL_OF_ROLE[role] : label)
      addContent(question, start, end)
      return
    }
    question.end = Math.max(question.end, end)
  }

  /**
   * `**Question**:` fills the prompt of a question opened by a heading, toggle or `<expand>` that has
   * no text yet (it restates it); after that text it asks a sub-question, kept as a follow-up, so it
   * never replaces the prompt. With no such question open it starts a new one.
   */
  private visitPromptLabel(node: Paragraph, label: string, rest: string, start: number, end: number): void {
    const open = this.current
    const asks = /^(?:q|question)$/i.test(label.trim())
    const hostsSubQuestions = open !== null && open.style !== 'question-label' && open.style !== 'expand'
    const restates = open !== null && open.style !== 'question-label' && !hasPrompt(open) && (open.style === 'expand' || !hasContent(open) || !asks)
    if (open && restates) {
      if (open.style === 'expand' && rest.trim() !== '') open.rawTitle = rest
      targetPrompt(open)
    } else if (open && hostsSubQuestions && asks) {
      startSection(open, LABEL_OF_ROLE.followUp, true)
    } else {
      const question = this.open(node, 'question-label', rest, this.headingDepth())
      question.scenario = label.toLowerCase() === 'scenario'
      targetPrompt(question)
    }
    addContent(this.current!, start, end)
  }
}

/** Inside a question, a heading is a section label: `### Hints`, `### Follow-up questions`. */
function sectionLabel(text: string): string {
  const label = cleanHeading(text)
  const role = labelRole(label)
  return role === 'hint' || role === 'answer' || role === 'followUp' ? LABEL_OF_ROLE[role] : label
}
