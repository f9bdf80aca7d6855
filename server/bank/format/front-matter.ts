import { parse as parseYaml } from 'yaml'
import { FormatError } from './format-error.ts'

export interface FrontMatterFile {
  data: unknown
  body: string
  /** Lines before the body, so positions inside the body can be reported as file lines. */
  bodyLineOffset: number
}

/** Splits `---` YAML front matter from the Markdown body. Every bank file starts with one. */
export function splitFrontMatter(source: string): FrontMatterFile {
  const text = normalizeNewlines(source)
  if (!text.startsWith('---\n')) throw new FormatError('the file must start with YAML front matter between two --- lines')
  const close = /^---[ \t]*$/m
  const rest = text.slice(4)
  const match = close.exec(rest)
  if (!match) throw new FormatError('the front matter has no closing --- line')
  const yamlText = rest.slice(0, match.index)
  let data: unknown
  try {
    data = parseYaml(yamlText, { prettyErrors: true, uniqueKeys: true })
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new FormatError(`the front matter is not valid YAML: ${message}`)
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new FormatError('the front matter must be a YAML mapping of fields')
  }
  const bodyStart = 4 + match.index + match[0].length
  const body = text.slice(bodyStart).replace(/^\n/, '')
  const bodyLineOffset = text.slice(0, text.length - body.length).split('\n').length - 1
  return { data, body, bodyLineOffset }
}

/** Bank files are reviewed on every OS: a BOM or CRLF line ends must not change what they mean. */
export function normalizeNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}
