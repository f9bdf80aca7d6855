import type { Html } from 'mdast'
import { endOffset, startOffset } from '../format/markdown.ts'
import { addMarkdown, startSection, targetDetails, targetPrompt } from './open-question.ts'
import { LABEL_OF_ROLE, labelRole, questionCue } from './question-cues.ts'
import { expandTitle, summaryText } from './toggle-tags.ts'
import type { Walker } from './walker.ts'

/**
 * `<expand title="…">…</expand>` wraps one question. `<details>` is decided by its `<summary>`:
 * inside a question, a summary naming a part (`Hints`, `Answer`, `Follow-ups`) holds that part, a
 * summary that asks something holds a follow-up and its answer, any other names a section; outside
 * a question the toggle is a question, its summary the title. Returns false for other HTML.
 */
export function visitToggleTag(walker: Walker, node: Html): boolean {
  const value = node.value.trim()
  const title = expandTitle(value)
  if (title !== null) {
    walker.open(node, 'expand', title, walker.headingDepth()).scenario = /^\s*scenario\s*:/i.test(title)
    return true
  }
  if (/^<\/expand\s*>$/i.test(value)) {
    if (walker.current?.style !== 'expand') return true
    walker.current.end = endOffset(node)
    walker.finish()
    return true
  }
  if (/^<details\b[^>]*>$/i.test(value)) {
    walker.toggles.push({ role: 'pending', question: walker.current, line: walker.index.lineOf(startOffset(node)) })
    return true
  }
  if (/^<\/details\s*>$/i.test(value)) {
    closeToggle(walker, node)
    return true
  }
  const summary = summaryText(value)
  if (summary === null) return false
  const toggle = walker.toggles.at(-1)
  if (toggle?.role !== 'pending') walker.reportUnused(node, 'a <summary> outside a <details> toggle')
  else openToggle(walker, node, summary, toggle)
  return true
}

function openToggle(walker: Walker, node: Html, summary: string, toggle: Walker['toggles'][number]): void {
  const question = walker.current
  const role = labelRole(summary.replace(/[:.]\s*$/, ''))
  toggle.question = question
  toggle.role = 'section'
  if (question && (role === 'hint' || role === 'answer' || role === 'followUp')) startSection(question, LABEL_OF_ROLE[role])
  else if (question && role === 'prompt') targetPrompt(question)
  else if (question && questionCue(summary)) {
    startSection(question, LABEL_OF_ROLE.followUp, true)
    addMarkdown(question, summary, endOffset(node))
  } else if (question) startSection(question, summary || 'Details')
  else if (summary === '' || role !== null) {
    toggle.role = 'unused'
    walker.reportUnused(node, summary === '' ? 'a toggle with an empty summary' : `a "${summary}" toggle outside any question`)
  } else {
    toggle.role = 'question'
    toggle.question = walker.open(node, 'toggle', summary, walker.headingDepth())
  }
}

function closeToggle(walker: Walker, node: Html): void {
  const toggle = walker.toggles.pop()
  const question = walker.current
  if (!toggle || !question || toggle.question !== question) return
  question.end = Math.max(question.end, endOffset(node))
  if (toggle.role === 'question') walker.finish()
  else if (toggle.role === 'section') targetDetails(question)
}
