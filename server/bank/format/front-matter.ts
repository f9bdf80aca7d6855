import { parse as parseYaml } from 'yaml'
import { FormatError } from './format-error.ts'

export interface FrontMatterFile {
  data: unknown
  /**
   * The Markdown after the front matter, preceded by one empty line per front matter line, so that
   * every position the Markdown parser reports is the line a person sees in the file.
   */
  body: string
  /** The file line of a top-level front matter field (1 when it is not there: the field is missing). */
  fieldLine(name: PropertyKey | undefined): number
}

/** Splits `---` YAML front matter from the Markdown body. Every bank file starts with one. */
export function splitFrontMatter(source: string): FrontMatterFile {
  const text = normalizeNewlines(source)
  if (!text.startsWith('---\n')) throw new FormatError('the file must start with YAML front matter between two --- lines', 1)
  const close = /^---[ \t]*$/m
  const rest = text.slice(4)
  const match = close.exec(rest)
  if (!match) throw new FormatError('the front matter has no closing --- line', 1)
  const yamlText = rest.slice(0, match.index)
  let data: unknown
  try {
    data = parseYaml(yamlText, { prettyErrors: true, uniqueKeys: true })
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    const line = error instanceof Error && 'linePos' in error ? yamlErrorLine(error.linePos) : 1
    throw new FormatError(`the front matter is not valid YAML: ${message}`, line)
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new FormatError('the front matter must be a YAML mapping of fields', 1)
  }
  const bodyStart = 4 + match.index + match[0].length
  const frontLines = text.slice(0, bodyStart).split('\n').length - 1
  const body = '\n'.repeat(frontLines) + text.slice(bodyStart)
  const yamlLines = yamlText.split('\n')
  const fieldLine = (name: PropertyKey | undefined) => {
    const at = typeof name === 'string' ? yamlLines.findIndex((line) => line.startsWith(`${name}:`)) : -1
    return at === -1 ? 1 : at + 2
  }
  return { data, body, fieldLine }
}

function yamlErrorLine(linePos: unknown): number {
  const first = Array.isArray(linePos) ? (linePos[0] as { line?: unknown } | undefined) : undefined
  return typeof first?.line === 'number' ? first.line + 1 : 1
}

/** Bank files are reviewed on every OS: a BOM or CRLF line ends must not change what they mean. */
export function normalizeNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}
