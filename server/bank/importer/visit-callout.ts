import type { Blockquote } from 'mdast'
import { endOffset, parseMarkdown, startOffset } from '../format/markdown.ts'
import { calloutLabel, readCallout, type Callout } from './callout.ts'
import { addMarkdown, startSection, targetDetails, targetPrompt, type OpenQuestion } from './open-question.ts'
import { LABEL_OF_ROLE, questionCue } from './question-cues.ts'
import type { Walker } from './walker.ts'

/**
 * An Obsidian callout. Outside a question, a `[!question]` callout (or one whose title asks
 * something) opens a question: its title is the question, its body the prompt, and the callouts
 * after it (`> [!tip]- Hint`, `> [!note]- Answer`) are its parts. Inside a question a callout is
 * the part its title or type names; a `[!question]` inside one is a follow-up with its answer.
 */
export function visitCallout(walker: Walker, node: Blockquote, callout: Callout): void {
  const asks = callout.role === 'question' || callout.role === 'prompt' || (callout.role === null && questionCue(callout.title) !== null)
  const end = endOffset(node)
  if (!walker.current) {
    if (!asks) {
      walker.reportUnused(node, `a [!${callout.type}] callout outside any question`)
      return
    }
    const question = walker.open(node, 'callout', callout.title, walker.headingDepth())
    targetPrompt(question)
    addBody(question, callout.body, end)
    targetDetails(question)
    return
  }
  addCalloutPart(walker.current, callout, asks, end)
}

function addCalloutPart(question: OpenQuestion, callout: Callout, asks: boolean, end: number): void {
  if (asks && callout.title !== '') {
    startSection(question, LABEL_OF_ROLE.followUp, true)
    addMarkdown(question, callout.title, end)
  } else if (callout.role === 'hint' || callout.role === 'answer' || callout.role === 'followUp') startSection(question, LABEL_OF_ROLE[callout.role])
  else if (callout.role === 'pitfall') startSection(question, 'Pitfalls')
  else startSection(question, calloutLabel(callout))
  addBody(question, callout.body, end)
  targetDetails(question)
}

/** A callout's body, with callouts nested in it (`> > [!tip]`) read as parts of the same question. */
function addBody(question: OpenQuestion, body: string, end: number): void {
  const target = question.target
  for (const node of parseMarkdown(body).children) {
    const nested = node.type === 'blockquote' ? readCallout(body, node) : null
    if (nested) {
      addCalloutPart(question, nested, nested.role === 'question', end)
      question.target = target
    } else addMarkdown(question, body.slice(startOffset(node), endOffset(node)), end)
  }
}
