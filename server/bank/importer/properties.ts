import type { Difficulty } from '../../../shared/bank.ts'
import type { OpenQuestion } from './open-question.ts'
import { labelRole, parseDifficulty, parseMinutes, parseTags } from './question-cues.ts'

/** What a property table or front matter says about a question. */
export interface QuestionProperties {
  difficulty: Difficulty | null
  timeLimitMinutes: number | null
  tags: string[]
  category: string | null
  /** Properties the bank has no place for (`Status`, `Created`), reported as not carried over. */
  ignored: string[]
}

const CATEGORY_KEYS = /^(?:category|area|section|domain)$/i
const TABLE_ROW = /^\s*\|(.*)\|\s*$/
const DELIMITER_ROW = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/
const PROPERTY_LINE = /^\s*([A-Za-z][\w -]{0,30}?)\s*:\s*(\S.*)$/

export function emptyProperties(): QuestionProperties {
  return { difficulty: null, timeLimitMinutes: null, tags: [], category: null, ignored: [] }
}

/**
 * A two-column table (`| Difficulty | Hard |`, Notion puts one under a page's title) or a run of
 * `Key: value` lines, read as properties when at least one key is one the bank knows. The server
 * parses without GFM, so a table arrives as a paragraph of `|` lines; it is read here by line.
 */
export function readPropertyBlock(source: string): QuestionProperties | null {
  const lines = source.split('\n').filter((line) => line.trim() !== '')
  const isTable = lines.length >= 2 && lines.every((line) => TABLE_ROW.test(line) || DELIMITER_ROW.test(line))
  const pairs = isTable ? tablePairs(lines) : linePairs(lines)
  if (!pairs?.some(([key]) => isKnownKey(key))) return null
  const properties = emptyProperties()
  for (const [key, value] of pairs) applyProperty(properties, key, value)
  return properties
}

/** One property onto the record; unknown keys (and header rows like `Property | Value`) are listed as ignored. */
export function applyProperty(properties: QuestionProperties, key: string, value: string): void {
  const role = labelRole(key)
  if (role === 'difficulty' && parseDifficulty(value)) properties.difficulty = parseDifficulty(value)
  else if (role === 'time' && parseMinutes(value) !== null) properties.timeLimitMinutes = parseMinutes(value)
  else if (role === 'tags') properties.tags.push(...parseTags(value))
  else if (CATEGORY_KEYS.test(key.trim()) && value.trim() !== '') properties.category = value.trim().slice(0, 100)
  else if (!/^(?:property|properties|field|name|key)$/i.test(key.trim())) properties.ignored.push(key.trim())
}

function isKnownKey(key: string): boolean {
  const role = labelRole(key)
  return role === 'difficulty' || role === 'time' || role === 'tags' || CATEGORY_KEYS.test(key.trim())
}

function tablePairs(lines: readonly string[]): [string, string][] | null {
  const rows = lines.filter((line) => !DELIMITER_ROW.test(line)).map((line) => cells(line))
  if (!rows.every((row) => row.length === 2)) return null
  return rows.map(([key = '', value = '']) => [key, value])
}

function linePairs(lines: readonly string[]): [string, string][] | null {
  const pairs = lines.map((line) => PROPERTY_LINE.exec(line))
  if (pairs.length === 0 || pairs.some((match) => !match)) return null
  return pairs.map((match) => [match?.[1] ?? '', plainValue(match?.[2] ?? '')])
}

function cells(line: string): string[] {
  return (TABLE_ROW.exec(line)?.[1] ?? '').split(/(?<!\\)\|/).map((cell) => plainValue(cell))
}

function plainValue(text: string): string {
  return text
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** A property table under a question's title, onto the question. */
export function applyProperties(question: OpenQuestion, properties: QuestionProperties): void {
  question.difficulty = properties.difficulty ?? question.difficulty
  question.timeLimitMinutes = properties.timeLimitMinutes ?? question.timeLimitMinutes
  question.tags.push(...properties.tags)
  if (properties.category) question.category = properties.category
}
