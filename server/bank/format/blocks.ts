import type { Heading, List, Paragraph, RootContent } from 'mdast'
import { FormatError } from './format-error.ts'
import { listItemSource, plainText, sourceOfNodes, startLine } from './markdown.ts'

export interface Block {
  /** The heading that opens the block, or null for the nodes before the first heading. */
  heading: Heading | null
  title: string
  nodes: RootContent[]
}

/** Cuts a run of nodes at every heading of `depth`; deeper headings stay inside their block. */
export function splitByHeading(nodes: readonly RootContent[], depth: number): Block[] {
  const blocks: Block[] = [{ heading: null, title: '', nodes: [] }]
  for (const node of nodes) {
    if (node.type === 'heading' && node.depth < depth) {
      throw new FormatError(`a level-${node.depth} heading is not allowed here ("${plainText(node)}")`, startLine(node))
    }
    if (node.type === 'heading' && node.depth === depth) {
      blocks.push({ heading: node, title: plainText(node), nodes: [] })
    } else {
      blocks[blocks.length - 1]?.nodes.push(node)
    }
  }
  return blocks
}

/** The one list a list section must consist of, each item as stand-alone Markdown. */
export function listItemsOf(text: string, nodes: readonly RootContent[], section: string, ordered?: boolean): string[] {
  return itemsOf(text, singleListOf(nodes, section, ordered), section)
}

/** The list node a list section consists of; `line` is where the section starts, for the error. */
export function singleListOf(nodes: readonly RootContent[], section: string, ordered?: boolean, line?: number): List {
  const meaningful = meaningfulNodes(nodes)
  const list = meaningful[0]
  if (meaningful.length !== 1 || !list || list.type !== 'list') {
    const stray = meaningful.find((node) => node.type !== 'list') ?? meaningful[1]
    throw new FormatError(`section "${section}" must be a single Markdown list and nothing else`, stray ? startLine(stray) : line)
  }
  if (ordered === true && !list.ordered) throw new FormatError(`section "${section}" must be a numbered list (1. 2. 3.)`, startLine(list))
  return list
}

export function itemsOf(text: string, list: List, section: string): string[] {
  return list.children.map((item, index) => {
    const source = listItemSource(text, item)
    if (source === '') throw new FormatError(`section "${section}": item ${index + 1} is empty`, startLine(item))
    return source
  })
}

/** Nodes other than HTML comments: comments are notes to authors and never count as content. */
export function meaningfulNodes(nodes: readonly RootContent[]): RootContent[] {
  return nodes.filter((node) => node.type !== 'html' || !isComment(node.value))
}

export function isComment(html: string): boolean {
  return /^<!--[\s\S]*-->$/.test(html.trim())
}

/** Prose of a block, comments left out, trimmed; empty when the block has only comments. */
export function proseOf(text: string, nodes: readonly RootContent[]): string {
  const kept = nodes.filter((node) => node.type !== 'html' || !isComment(node.value))
  return sourceOfNodes(text, kept).trim()
}

export function isParagraph(node: RootContent | undefined): node is Paragraph {
  return node?.type === 'paragraph'
}
