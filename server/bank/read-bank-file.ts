import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { FormatError } from './format/format-error.ts'

/** Bumped whenever the parsed shape changes, so an upgrade re-parses files whose bytes did not change. */
export const BANK_FORMAT_VERSION = 2
/** A question file is a few kilobytes; anything this big is a mistake, not a question. */
export const MAX_BANK_FILE_BYTES = 512 * 1024

export interface LoadError {
  path: string
  reason: string
  /** Where in the file, when the parser knows. */
  line?: number
}

export interface ParsedFile<T> {
  id: string
  path: string
  hash: string
  value: T
}

/**
 * Reads and parses every file, collecting what fails instead of stopping: one broken file must
 * not keep the rest of the bank from loading. Ids must be unique and match the file name.
 */
type Parse<T> = (text: string) => { id: string; value: T }
/** Returns the stored result for a file whose bytes were already loaded, so an unchanged bank is not parsed again. */
export type Reuse<T> = (file: string, hash: string) => { id: string; value: T } | null

export function parseFiles<T>(files: readonly string[], parse: Parse<T>, errors: LoadError[], reuse: Reuse<T> = () => null): ParsedFile<T>[] {
  const byId = new Map<string, ParsedFile<T>>()
  for (const file of files) {
    try {
      const parsed = parseFile(file, parse, reuse)
      const taken = byId.get(parsed.id)
      if (taken) throw new FormatError(`id "${parsed.id}" is already used by ${taken.path}`, 1)
      byId.set(parsed.id, parsed)
    } catch (error) {
      const line = error instanceof FormatError ? error.line : undefined
      errors.push(line === undefined ? { path: file, reason: reasonOf(error) } : { path: file, reason: reasonOf(error), line })
    }
  }
  return [...byId.values()]
}

function parseFile<T>(file: string, parse: Parse<T>, reuse: Reuse<T>): ParsedFile<T> {
  const bytes = fs.readFileSync(file)
  if (bytes.length > MAX_BANK_FILE_BYTES) throw new FormatError(`the file is larger than ${MAX_BANK_FILE_BYTES / 1024} KiB`)
  const hash = createHash('sha256').update(`v${BANK_FORMAT_VERSION}\n`).update(bytes).digest('hex')
  const { id, value } = reuse(file, hash) ?? parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  const expected = path.basename(file, '.md')
  if (id !== expected) throw new FormatError(`the id "${id}" must match the file name (${expected}.md)`, 1)
  return { id, path: file, hash, value }
}

function reasonOf(error: unknown): string {
  if (error instanceof FormatError) return error.message
  if (error instanceof TypeError && /encoded data/i.test(error.message)) return 'the file is not valid UTF-8'
  return error instanceof Error ? error.message : String(error)
}
