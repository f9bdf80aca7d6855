import { createHash } from 'node:crypto'
import type { KnownIds, ParsedQuestion } from './format/question-format.ts'
import type { ParsedFile, Reuse } from './read-bank-file.ts'

/**
 * Parsed questions kept for the life of the process, by file hash and the shared files they were
 * checked against. Parsing is a pure function of those, so a second load in the same process (a
 * test server started per test, a reload) reuses the result instead of running the Markdown
 * parser over the whole bank again: ~50 ms a file on a busy machine, seconds for the bank.
 */
const MAX_ENTRIES = 2_000
const memo = new Map<string, { id: string; value: ParsedQuestion }>()

export function knownKey(known: KnownIds): string {
  const hash = createHash('sha256')
  hash.update(JSON.stringify([...known.phasePlanIds].sort()))
  for (const id of [...known.rubricIds].sort()) hash.update(`\0${id}\0${JSON.stringify(known.rubrics?.get(id) ?? null)}`)
  return hash.digest('hex')
}

/** Tries `first` (the database's copy), then the process memo. */
export function reuseParsed(first: Reuse<ParsedQuestion>, key: string): Reuse<ParsedQuestion> {
  return (file, hash) => first(file, hash) ?? memo.get(`${key}:${hash}`) ?? null
}

export function rememberParsed(files: readonly ParsedFile<ParsedQuestion>[], key: string): void {
  for (const file of files) {
    if (memo.size >= MAX_ENTRIES) memo.delete(memo.keys().next().value as string)
    memo.set(`${key}:${file.hash}`, { id: file.id, value: file.value })
  }
}
