import type { Blockquote } from 'mdast'
import { endOffset, startOffset } from '../format/markdown.ts'
import { labelRole, type LabelRole } from './question-cues.ts'

/** An Obsidian (or GitHub) callout: `> [!tip]- Hint` then its body on `>` lines. */
export interface Callout {
  type: string
  title: string
  /** What the callout holds: its title's label when it has one, else what its type means. */
  role: LabelRole | 'question' | 'pitfall' | null
  /** The body as Markdown of its own, `>` markers removed. */
  body: string
}

const CALLOUT_HEAD = /^\[!([\w-]+)\][+-]?[ \t]*(.*)$/
const ROLE_OF_TYPE: [RegExp, Callout['role']][] = [
  [/^(?:question|faq|help|ask)$/, 'question'],
  [/^(?:tip|hint|hints|important)$/, 'hint'],
  [/^(?:answer|solution|success|check|done)$/, 'answer'],
  [/^(?:follow-?ups?)$/, 'followUp'],
  [/^(?:warning|caution|attention|danger|error|failure|fail|missing|bug|pitfall)$/, 'pitfall'],
]

export function readCallout(text: string, node: Blockquote): Callout | null {
  const lines = text
    .slice(startOffset(node), endOffset(node))
    .split('\n')
    .map((line) => line.replace(/^\s{0,3}> ?/, ''))
  const head = CALLOUT_HEAD.exec(lines[0]?.trim() ?? '')
  if (!head?.[1]) return null
  const type = head[1].toLowerCase()
  const title = (head[2] ?? '').trim()
  const titleRole = title === '' ? null : labelRole(title.replace(/[:.]$/, ''))
  const typeRole = ROLE_OF_TYPE.find(([pattern]) => pattern.test(type))?.[1] ?? null
  return { type, title, role: titleRole ?? typeRole, body: lines.slice(1).join('\n').trim() }
}

/** The label a callout's content is kept under when it is no hint, answer or follow-up: its title, or its type. */
export function calloutLabel(callout: Callout): string {
  if (callout.title !== '') return callout.title
  return callout.type.charAt(0).toUpperCase() + callout.type.slice(1)
}
