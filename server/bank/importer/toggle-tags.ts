/**
 * Collapsible blocks as notes write them: `<expand title="…">` (the seeds), `<details>` with a
 * `<summary>` (Notion and GitHub). In CommonMark an HTML block runs to the next blank line, so a
 * toggle written on one line, or with its Markdown right under the tag, would hide that Markdown
 * inside the block; each tag is given a line of its own before the real parse.
 */

/** An HTML block that starts with a toggle tag: its lines are Markdown to be read, not raw HTML. */
export const TOGGLE_LINE = /^\s*<\/?(?:expand|details|summary)\b/i
const TOGGLE_TAG = /<\/?(?:expand|details)\b[^>]*>|<summary\b[^>]*>[\s\S]*?<\/summary\s*>|<summary\b[^>]*>/gi
const CLOSING_TAG = /<\/(?:expand|details)\s*>/i

export interface TogglePiece {
  text: string
  tag: boolean
}

/**
 * The line cut at its toggle tags, or null when it needs no cut: a line is cut when it starts with
 * a tag or holds a closing tag (`…last words</details>`); a tag in the middle of prose is left alone.
 */
export function splitToggleTags(line: string): TogglePiece[] | null {
  if (!TOGGLE_LINE.test(line) && !CLOSING_TAG.test(line)) return null
  // Pieces keep the line's indent, so a toggle inside a list item stays inside it.
  const indent = /^\s*/.exec(line)?.[0] ?? ''
  const pieces: TogglePiece[] = []
  let cursor = 0
  for (const match of line.matchAll(TOGGLE_TAG)) {
    const before = line.slice(cursor, match.index).trim()
    if (before !== '') pieces.push({ text: indent + before, tag: false })
    pieces.push({ text: indent + match[0], tag: true })
    cursor = match.index + match[0].length
  }
  const after = line.slice(cursor).trim()
  if (after !== '') pieces.push({ text: indent + after, tag: false })
  // `<details` cut off before its `>` is no tag: the line stays as it is.
  return pieces.some((piece) => piece.tag) ? pieces : null
}

/** `<summary>How would you <b>shard</b> it?</summary>` → `How would you shard it?`. */
export function summaryText(html: string): string | null {
  const match = /^\s*<summary\b[^>]*>([\s\S]*?)(?:<\/summary\s*>)?\s*$/i.exec(html)
  if (!match) return null
  return decodeEntities((match[1] ?? '').replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim()
}

export function expandTitle(html: string): string | null {
  if (!/^\s*<expand\b/i.test(html)) return null
  const match = /\btitle\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(html)
  return decodeEntities(match?.[1] ?? match?.[2] ?? '')
}

export function decodeEntities(text: string): string {
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
