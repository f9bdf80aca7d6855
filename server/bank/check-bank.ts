import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { QuestionKind, QuestionStatus } from '../../shared/bank.ts'
import type { CatalogEntry } from './bank-catalog.ts'
import { listBankFiles } from './bank-files.ts'
import { REQUIRE_SECOND_EDITION } from './format/edition.ts'
import type { FormatProblem } from './format/format-error.ts'
import { parseQuestionFile, type ParsedQuestion } from './format/question-format.ts'
import { parsePhasePlanFile, parseRubricFile, type RubricFile } from './format/shared-files.ts'
import { BANK_FORMAT_VERSION, parseFiles, type LoadError, type Reuse } from './read-bank-file.ts'

export interface BankProblem {
  path: string
  line: number
  message: string
}

export interface BankCheckResult {
  problems: BankProblem[]
  /** Files looked at (the ones asked for, or the whole bank). */
  checked: number
  /** Ready questions still written the first-edition way, allowed while the switch is off. */
  firstEdition: string[]
  /** Kind and category of every ready question of the bank, for the README's catalog. */
  catalog: CatalogEntry[]
}

export interface BankCheckOptions {
  /** Bank folders, as for the loader. */
  dirs: string[]
  /** Only report on these files (absolute paths); references are still checked against the whole bank. */
  only?: readonly string[]
  /** Where results of unchanged files are kept between runs; null to parse everything. */
  cacheFile?: string | null
}

/** What the check keeps of a question that parsed: enough to report without parsing it again. */
interface QuestionSummary {
  problems: FormatProblem[]
  firstEdition: boolean
  kind: QuestionKind
  category: string
  status: QuestionStatus
}

/** Bumped with the summary's shape; the format version is part of it too. */
const CACHE_VERSION = `${BANK_FORMAT_VERSION}.2`

interface CacheFile {
  version: string
  entries: Record<string, { key: string; id: string; summary: QuestionSummary }>
}

/**
 * Everything the loader would refuse, plus the quality rules that do not stop a file loading
 * (generic keywords, thin rubrics), for every file at once. The whole bank is parsed even when
 * only some files are asked for, so references and duplicate ids are checked against the rest.
 */
export function checkBank({ dirs, only, cacheFile = defaultCacheFile(dirs) }: BankCheckOptions): BankCheckResult {
  const files = listBankFiles(dirs)
  const wanted = only ? new Set(only.map((file) => path.resolve(file))) : null
  const questionFiles = wanted ? [...new Set([...files.questions, ...[...wanted].filter(isQuestionPath)])] : files.questions
  const errors: LoadError[] = []
  const rubrics = parseFiles(files.rubrics, (text) => withProblems(text, parseRubricFile), errors)
  const phasePlans = parseFiles(files.phasePlans, (text) => ({ id: parsePhasePlanFile(text).id, value: null }), errors)
  const known = {
    rubricIds: new Set(rubrics.map((file) => file.id)),
    rubrics: new Map(rubrics.map((file) => [file.id, file.value.file.rubric])),
    phasePlanIds: new Set(phasePlans.map((file) => file.id)),
  }
  // A question's result depends on its bytes and on the shared files it may refer to.
  const sharedKey = hashFiles([...files.rubrics, ...files.phasePlans])
  const cache = readCache(cacheFile)
  const reuse: Reuse<QuestionSummary> = (file, hash) => {
    const entry = cache.entries[file]
    return entry && entry.key === `${sharedKey}:${hash}` ? { id: entry.id, value: entry.summary } : null
  }
  const questions = parseFiles(questionFiles, (text) => summarize(parseQuestionFile(text, known)), errors, reuse)
  writeCache(cacheFile, {
    version: CACHE_VERSION,
    entries: Object.fromEntries(questions.map((file) => [file.path, { key: `${sharedKey}:${file.hash}`, id: file.id, summary: file.value }])),
  })
  const problems = [
    ...errors.map((error) => ({ path: error.path, line: error.line ?? 1, message: error.reason })),
    ...rubrics.flatMap((file) => located(file.path, file.value.problems)),
    ...questions.flatMap((file) => located(file.path, file.value.problems)),
  ]
  const report = (file: string) => wanted === null || wanted.has(path.resolve(file))
  const checkedFiles = [...files.rubrics, ...files.phasePlans, ...questionFiles].filter(report)
  return {
    problems: problems.filter((problem) => report(problem.path)).sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line),
    checked: checkedFiles.length,
    firstEdition: REQUIRE_SECOND_EDITION ? [] : questions.filter((file) => report(file.path) && file.value.firstEdition).map((file) => file.path),
    catalog: questions.filter((file) => file.value.status === 'ready').map((file) => ({ kind: file.value.kind, category: file.value.category })),
  }
}

function withProblems(text: string, parse: (text: string, problems: FormatProblem[]) => RubricFile) {
  const problems: FormatProblem[] = []
  const file = parse(text, problems)
  return { id: file.rubric.id, value: { file, problems } }
}

function summarize(parsed: ParsedQuestion): { id: string; value: QuestionSummary } {
  const { document } = parsed
  const value = { problems: parsed.problems, firstEdition: isFirstEdition(parsed), kind: document.kind, category: document.category, status: document.status }
  return { id: document.id, value }
}

function located(file: string, problems: readonly FormatProblem[]): BankProblem[] {
  return problems.map((problem) => ({ path: file, line: problem.line, message: problem.message }))
}

function isQuestionPath(file: string): boolean {
  return !file.split(path.sep).some((part) => part === 'rubrics' || part === 'phase-plans')
}

function isFirstEdition({ document }: ParsedQuestion): boolean {
  if (document.status !== 'ready') return false
  const flatHints = document.hints.length === 1 && document.hints[0]?.id === 'hints'
  return flatHints || (document.inlineRubric?.criteria.some((criterion) => criterion.expectations === null) ?? false)
}

function hashFiles(files: readonly string[]): string {
  const hash = createHash('sha256').update(`v${BANK_FORMAT_VERSION}\n`)
  for (const file of files) hash.update(file).update('\0').update(fs.readFileSync(file)).update('\0')
  return hash.digest('hex').slice(0, 16)
}

/**
 * Parsing every question with micromark costs about a second of CPU for ~80 files; `npm test`
 * runs the check every time, and most runs change no bank file. The cache lives in the system's
 * temporary folder, one per bank location, and is only ever a shortcut: a missing or unreadable
 * cache means parsing again.
 */
function defaultCacheFile(dirs: readonly string[]): string {
  const id = createHash('sha256').update(dirs.join('\n')).digest('hex').slice(0, 12)
  return path.join(os.tmpdir(), `mockboard-bank-check-${id}.json`)
}

function readCache(file: string | null): CacheFile {
  const empty: CacheFile = { version: CACHE_VERSION, entries: {} }
  if (!file) return empty
  try {
    const cache = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile
    return cache.version === CACHE_VERSION && typeof cache.entries === 'object' ? cache : empty
  } catch {
    return empty
  }
}

function writeCache(file: string | null, cache: CacheFile): void {
  if (!file) return
  try {
    const temp = `${file}.${process.pid}.tmp`
    fs.writeFileSync(temp, JSON.stringify(cache))
    fs.renameSync(temp, file)
  } catch {
    // A read-only temporary folder only makes the next run slower.
  }
}
