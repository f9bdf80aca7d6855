import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { FormatError } from './format/format-error.ts'

/** Bumped whenever the parsed shape changes, so an upgrade re-parses files whose bytes did not change. */
export const BANK_FORMAT_VERSION = 1
/** A question file is a few kilobytes; anything this big is a mistake, not a question. */
export const MAX_BANK_FILE_BYTES = 512 * 1024

export interface LoadError {
  path: string
  reason: string
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
export function parseFiles<T>(files: readonly string[], parse: (text: string) => { id: string; value: T }, errors: LoadError[]): ParsedFile<T>[] {
  const byId = new Map<string, ParsedFile<T>>()
  for (const file of files) {
    try {
      const parsed = parseFile(file, parse)
      const taken = byId.get(parsed.id)
      if (taken) throw new FormatError(`id "${parsed.id}" is already used by ${taken.path}`)
      byId.set(parsed.id, parsed)
    } catch (error) {
      errors.push({ path: file, reason: reasonOf(error) })
    }
  }
  return [...byId.values()]
}

function parseFile<T>(file: string, parse: (text: string) => { id: string; value: T }): ParsedFile<T> {
  const bytes = fs.readFileSync(file)
  if (bytes.length > MAX_BANK_FILE_BYTES) throw new FormatError(`the file is larger than ${MAX_BANK_FILE_BYTES / 1024} KiB`)
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  const { id, value } = parse(text)
  const expected = path.basename(file, '.md')
  if (id !== expected) throw new FormatError(`the id "${id}" must match the file name (${expected}.md)`)
  const hash = createHash('sha256').update(`v${BANK_FORMAT_VERSION}\n`).update(bytes).digest('hex')
  return { id, path: file, hash, value }
}

function reasonOf(error: unknown): string {
  if (error instanceof FormatError) return error.message
  if (error instanceof TypeError && /encoded data/i.test(error.message)) return 'the file is not valid UTF-8'
  return error instanceof Error ? error.message : String(error)
}
