import type { ListItem, Nodes, Root, RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { toString as textOf } from 'mdast-util-to-string'

/**
 * Parses CommonMark into mdast with positions: fences, indented code and HTML blocks come out as
 * their own nodes, so a `#` or `---` inside them is never read as structure. GFM is left out on
 * the server on purpose: tables, task lists and autolinks change nothing about a file's sections,
 * and without them parsing is ~20% faster (the client renders with GFM).
 */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text)
}

export function plainText(node: Nodes): string {
  return textOf(node).replace(/\s+/g, ' ').trim()
}

export function startOffset(node: Nodes): number {
  return node.position?.start.offset ?? 0
}

export function endOffset(node: Nodes): number {
  return node.position?.end.offset ?? 0
}

export function startLine(node: Nodes): number {
  return node.position?.start.line ?? 1
}

/** The exact source of a run of sibling nodes, from the first one's start to the last one's end. */
export function sourceOfNodes(text: string, nodes: readonly RootContent[]): string {
  const first = nodes[0]
  const last = nodes[nodes.length - 1]
  if (!first || !last) return ''
  return text.slice(startOffset(first), endOffset(last))
}

/**
 * The Markdown of one list item, re-indented as if it stood alone: continuation lines lose the
 * item's content indent, otherwise a nested list would turn into an indented code block.
 */
export function listItemSource(text: string, item: ListItem): string {
  const first = item.children[0]
  if (!first) return ''
  const raw = sourceOfNodes(text, item.children)
  const indent = Math.max(0, (first.position?.start.column ?? 1) - 1)
  return dedentContinuation(raw, indent).trim()
}

export function dedentContinuation(raw: string, indent: number): string {
  const lines = raw.split('\n')
  return lines
    .map((line, index) => {
      if (index === 0) return line
      const leading = /^ */.exec(line)?.[0].length ?? 0
      return line.slice(Math.min(leading, indent))
    })
    .join('\n')
}
