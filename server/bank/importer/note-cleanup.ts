import { parse as parseYaml } from 'yaml'

/**
 * Line-level clean-ups for the note tools teams export from. Each works on one line that the
 * CommonMark parser did not put in a code or HTML block, and keeps it one line, so line numbers
 * in the report still point at the original document.
 */

const WIKI_LINK = /(!?)\[\[([^\]|\n]*?)(?:\|([^\]\n]*))?\]\]/g
const NBSP_ENTITY = /&(?:nbsp|#160|#xa0);/gi
const HAS_NBSP_ENTITY = /&(?:nbsp|#160|#xa0);/i
/** Google Docs escapes characters it fears Markdown would read: `\-`, `1\.`, `\*`, `\#`, `\(`. */
const DOCS_ESCAPE = /\\[-*+.#_()[\]!>`~|]/g
const ESCAPED_LIST_MARKER = /^(\s*)(?:\\([-*+])|(\d{1,3})\\([.)]))(\s)/

/** `[[Consistent hashing]]` → `Consistent hashing`, `[[caching#TTL|time to live]]` → `time to live`. */
export function replaceWikiLinks(line: string): string {
  return line.replace(WIKI_LINK, (_link, _embed: string, target: string, alias: string | undefined) => {
    if (alias?.trim()) return alias.trim()
    const [page = '', anchor = ''] = target.split('#')
    const name = page.replace(/\.md$/i, '').trim()
    const section = anchor.replace(/^\^/, '').trim()
    if (name && section) return `${name} – ${section}`
    return name || section
  })
}

export function replaceNbsp(line: string): string {
  return line.replace(NBSP_ENTITY, ' ').replace(/\u00A0/g, ' ')
}

/** Whether the document reads like a Google Docs download: escaped punctuation or `&nbsp;` entities on free lines. */
export function looksLikeGoogleDocs(lines: readonly string[]): boolean {
  let escapes = 0
  for (const line of lines) {
    if (HAS_NBSP_ENTITY.test(line)) return true
    escapes += line.match(DOCS_ESCAPE)?.length ?? 0
    if (escapes >= 3) return true
  }
  return false
}

/**
 * Google Docs' needless escapes undone: `\- item` and `1\. item` at the start (a list it escaped
 * into plain text) become a list again, `e\-mail` and `rate\-limit` inside a line plain text.
 * Escapes that matter in Markdown (`\*`, `\_`, `\[`) stay.
 */
export function unescapeGoogleDocs(line: string): string {
  const start = /^\s*\S/.exec(line)?.[0].length ?? line.length
  const unescaped = line.slice(0, start) + line.slice(start).replace(/\\([-.()!+~#>])/g, '$1')
  return unescapeListMarker(unescaped)
}

function unescapeListMarker(line: string): string {
  return line.replace(
    ESCAPED_LIST_MARKER,
    (_match, indent: string, bullet: string | undefined, number: string | undefined, delimiter: string | undefined, space: string) =>
      bullet ? `${indent}-${space}` : `${indent}${number}${delimiter}${space}`,
  )
}

export interface FrontMatter {
  /** Last line (1-based) of the closing `---`. */
  endLine: number
  data: Record<string, unknown> | null
  /** Why the block could not be read as YAML; the lines are still document metadata, never content. */
  error: string | null
}

const FIELD_LINE = /^[\w-]+\s*:/
const MAX_FRONT_MATTER_LINES = 200

/** YAML between a `---` first line and the next `---` (or `...`), when the lines in between look like fields. */
export function readFrontMatter(lines: readonly string[]): FrontMatter | null {
  if (lines[0]?.trim() !== '---') return null
  const close = lines.findIndex((line, index) => index > 0 && index < MAX_FRONT_MATTER_LINES && /^(?:---|\.\.\.)\s*$/.test(line))
  if (close === -1) return null
  const body = lines.slice(1, close)
  if (!body.some((line) => FIELD_LINE.test(line))) return null
  try {
    const data: unknown = parseYaml(body.join('\n'))
    const isMapping = data !== null && typeof data === 'object' && !Array.isArray(data)
    return {
      endLine: close + 1,
      data: isMapping ? (data as Record<string, unknown>) : null,
      error: isMapping ? null : 'front matter is not a mapping of fields',
    }
  } catch (error) {
    return {
      endLine: close + 1,
      data: null,
      error: `front matter is not valid YAML (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)})`,
    }
  }
}
