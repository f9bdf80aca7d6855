import fs from 'node:fs'
import path from 'node:path'
import { slugify } from '../format/slug.ts'
import { decodeDocument } from './decode-document.ts'
import { scanDocument } from './extract-questions.ts'
import { findCuratedMatch, type CuratedQuestion } from './curated-bank.ts'
import type { SkippedQuestion, UnusedBlock } from './found-question.ts'
import { findNearDuplicates, mergeQuestions, type MergedQuestion, type NearDuplicate, type Occurrence } from './merge.ts'
import { renderQuestionFile } from './render-question.ts'

export interface ImportOptions {
  files: readonly string[]
  outDir: string
  dryRun: boolean
  /** Ids already taken by the curated bank: a draft never reuses one (the loader would refuse it). */
  reservedIds?: ReadonlySet<string>
  /** The curated bank's questions: one a draft would repeat is reported instead of written. */
  curated?: readonly CuratedQuestion[]
}

export interface DocumentReport {
  path: string
  dialects: string[]
  found: number
  /** Questions of this document that also appear elsewhere (or twice here) and were merged. */
  merged: number
  skipped: SkippedQuestion[]
  /** Blocks that went into no question, in document order, each with why. */
  unused: UnusedBlock[]
  /** Why the whole document was skipped (empty, binary, too large, unreadable). */
  error: string | null
}

export interface ImportReport {
  outDir: string
  dryRun: boolean
  documents: DocumentReport[]
  /** Questions found in all documents together, before merging. */
  found: number
  /** Distinct questions after merging. */
  questions: number
  mergedGroups: { title: string; sources: string[] }[]
  nearDuplicates: NearDuplicate[]
  /** Questions the curated bank already has: not written. */
  curatedDuplicates: CuratedDuplicate[]
  /** Questions that could not become a valid bank file, with why. */
  rejected: { title: string; reason: string }[]
  written: string[]
  unchanged: string[]
}

export interface CuratedDuplicate {
  title: string
  curatedId: string
  by: 'source' | 'title'
  sources: string[]
  /** A draft of it an earlier run wrote, still in the output folder (the loader would list both). */
  staleDraft: string | null
}

/**
 * Reads every document, merges the same question across (and within) documents and writes one
 * draft bank file per question. Never throws for a bad document: it is reported and the run
 * goes on. Output is deterministic and files are only written when their content changes, so
 * running twice is a no-op.
 */
export function runImport(options: ImportOptions): ImportReport {
  const documents: DocumentReport[] = []
  const occurrences: Occurrence[] = []
  for (const file of [...new Set(options.files)]) {
    const { report, found } = readDocument(file)
    documents.push(report)
    occurrences.push(...found)
  }
  const merged = mergeQuestions(occurrences)
  countMerged(documents, merged)
  const curated = options.curated ?? []
  const reservedIds = new Set([...(options.reservedIds ?? []), ...curated.map((question) => question.id)])
  const { fresh, duplicates } = setAsideCurated(merged, curated, options.outDir)
  const { files, rejected } = renderAll(fresh, reservedIds)
  const { written, unchanged } = writeFiles(options, files)
  return {
    outDir: options.outDir,
    dryRun: options.dryRun,
    documents,
    found: occurrences.length,
    questions: files.size,
    mergedGroups: merged
      .filter((entry) => entry.occurrences.length > 1)
      .map((entry) => ({ title: entry.primary.title, sources: entry.occurrences.map(sourceLabel) })),
    nearDuplicates: findNearDuplicates(merged),
    curatedDuplicates: duplicates,
    rejected,
    written,
    unchanged,
  }
}

function readDocument(file: string): { report: DocumentReport; found: Occurrence[] } {
  const report: DocumentReport = { path: file, dialects: [], found: 0, merged: 0, skipped: [], unused: [], error: null }
  try {
    const decoded = decodeDocument(fs.readFileSync(file))
    if (!decoded.ok) {
      report.error = decoded.reason
      return { report, found: [] }
    }
    const scan = scanDocument(decoded.text)
    Object.assign(report, { dialects: scan.dialects, found: scan.questions.length, skipped: scan.skipped, unused: scan.unused })
    if (scan.questions.length === 0 && scan.skipped.length === 0)
      report.skipped.push({ line: 1, reason: 'no questions found (no question headings, lists, toggles, callouts or labels)' })
    return { report, found: scan.questions.map((question) => ({ document: path.basename(file), question })) }
  } catch (error) {
    report.error = `could not be read: ${error instanceof Error ? error.message : String(error)}`
    return { report, found: [] }
  }
}

function countMerged(documents: DocumentReport[], merged: readonly MergedQuestion[]): void {
  for (const entry of merged) {
    if (entry.occurrences.length < 2) continue
    for (const occurrence of entry.occurrences) {
      const report = documents.find((document) => path.basename(document.path) === occurrence.document)
      if (report) report.merged += 1
    }
  }
}

function setAsideCurated(
  merged: readonly MergedQuestion[],
  curated: readonly CuratedQuestion[],
  outDir: string,
): { fresh: MergedQuestion[]; duplicates: CuratedDuplicate[] } {
  const fresh: MergedQuestion[] = []
  const duplicates: CuratedDuplicate[] = []
  for (const entry of merged) {
    const match = curated.length > 0 ? findCuratedMatch(entry, curated) : null
    if (!match) {
      fresh.push(entry)
      continue
    }
    const slug = slugify(entry.primary.title) || 'question'
    const stale = [`${slug}.md`, `${slug}-imported.md`].find((name) => fs.existsSync(path.join(outDir, name))) ?? null
    duplicates.push({ title: entry.primary.title, curatedId: match.id, by: match.by, sources: entry.occurrences.map(sourceLabel), staleDraft: stale })
  }
  return { fresh, duplicates }
}

/**
 * File name → content. Ids come from titles; a title whose id the curated bank already uses gets
 * `-imported`, and a clash between different titles gets -2, -3… in input order.
 */
function renderAll(merged: readonly MergedQuestion[], reservedIds: ReadonlySet<string>): { files: Map<string, string>; rejected: ImportReport['rejected'] } {
  const files = new Map<string, string>()
  const rejected: ImportReport['rejected'] = []
  for (const entry of merged) {
    const slug = slugify(entry.primary.title) || 'question'
    const base = reservedIds.has(slug) ? `${slug}-imported` : slug
    let id = base
    for (let suffix = 2; files.has(`${id}.md`) || reservedIds.has(id); suffix += 1) id = `${base}-${suffix}`
    try {
      files.set(`${id}.md`, renderQuestionFile(entry, id))
    } catch (error) {
      rejected.push({ title: entry.primary.title, reason: error instanceof Error ? error.message : String(error) })
    }
  }
  return { files, rejected }
}

function writeFiles(options: ImportOptions, files: Map<string, string>): { written: string[]; unchanged: string[] } {
  const written: string[] = []
  const unchanged: string[] = []
  for (const [name, content] of files) {
    const target = path.join(options.outDir, name)
    if (readIfExists(target) === content) {
      unchanged.push(name)
      continue
    }
    written.push(name)
    if (options.dryRun) continue
    fs.mkdirSync(options.outDir, { recursive: true })
    fs.writeFileSync(target, content)
  }
  return { written, unchanged }
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

function sourceLabel(occurrence: Occurrence): string {
  return `${occurrence.document}:${occurrence.question.startLine}-${occurrence.question.endLine}`
}
