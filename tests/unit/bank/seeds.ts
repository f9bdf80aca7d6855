import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The seed documents live outside the repository (../shared/seeds); they are never copied in.
 * A git worktree sits one folder deeper (wt/<name>), so the folder above that is tried too.
 */
const SEED_DIR_CANDIDATES = ['../../../../shared/seeds', '../../../../../shared/seeds'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
export const SEEDS_DIR = SEED_DIR_CANDIDATES.find((dir) => fs.existsSync(dir)) ?? SEED_DIR_CANDIDATES[0]!
export const REPO_BANK_DIR = fileURLToPath(new URL('../../../question-bank', import.meta.url))

export const SEED_NAMES = {
  headings: '000_bb08653a37361f13.txt',
  flattened: '001_eefe9230425b91ba.txt',
  topics: '002_6fad958004b5a40f.txt',
  expand: '003_f2f633c9595a2744.txt',
  challenges: '004_a939ef70bd8bdb67.txt',
} as const

export const seedsPresent = Object.values(SEED_NAMES).every((name) => fs.existsSync(path.join(SEEDS_DIR, name)))
/** Suite titles carry the reason, so a skipped run says why in the report. */
export const SEEDS_SKIP_NOTE = seedsPresent ? '' : ` (skipped: seed documents not found in ${SEEDS_DIR})`

export function seedPath(name: string): string {
  return path.join(SEEDS_DIR, name)
}

export function seedPaths(): string[] {
  return Object.values(SEED_NAMES).map(seedPath)
}
