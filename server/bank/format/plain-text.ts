import type { Nodes, RootContent } from 'mdast'
import { toString as textOf } from 'mdast-util-to-string'
import { parseMarkdown } from './markdown.ts'

const LEAF_BLOCKS = new Set(['paragraph', 'heading', 'tableCell', 'code', 'html'])

/**
 * Markdown as plain text for the search index and result summaries. Blocks are joined with a
 * space: mdast-util-to-string alone glues "alpha" and "beta" of two list items into "alphabeta".
 */
export function markdownToPlainText(markdown: string): string {
  if (markdown.trim() === '') return ''
  return blockText(parseMarkdown(markdown)).replace(/\s+/g, ' ').trim()
}

/** The same for nodes already parsed (the loader has every section's nodes at hand). */
export function nodesToPlainText(nodes: readonly RootContent[]): string {
  return nodes
    .map((node) => blockText(node))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function blockText(node: Nodes): string {
  if (LEAF_BLOCKS.has(node.type)) return textOf(node)
  if ('children' in node) return node.children.map((child) => blockText(child)).join(' ')
  return 'value' in node && typeof node.value === 'string' ? node.value : ''
}

/** The first sentences of a text, cut at a word boundary near `maxLength`. */
export function summarize(text: string, maxLength = 220): string {
  if (text.length <= maxLength) return text
  const cut = text.slice(0, maxLength)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.-]+$/, '')}…`
}
