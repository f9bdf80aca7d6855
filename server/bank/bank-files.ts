import fs from 'node:fs'
import path from 'node:path'

export interface BankFiles {
  rubrics: string[]
  phasePlans: string[]
  questions: string[]
}

/**
 * Where bank files live in each folder: `rubrics/*.md`, `phase-plans/*.md`, `questions/**.md`,
 * and loose `*.md` files at the top (the importer's output folder has only those). README.md is
 * documentation. Folders are not searched recursively at the top, because the imported folder
 * sits inside the curated one and is listed on its own.
 */
export function listBankFiles(dirs: readonly string[]): BankFiles {
  const files: BankFiles = { rubrics: [], phasePlans: [], questions: [] }
  for (const dir of dirs) {
    if (!isDirectory(dir)) continue
    files.rubrics.push(...markdownIn(path.join(dir, 'rubrics'), false))
    files.phasePlans.push(...markdownIn(path.join(dir, 'phase-plans'), false))
    files.questions.push(...markdownIn(path.join(dir, 'questions'), true))
    files.questions.push(...markdownIn(dir, false).filter((file) => path.basename(file).toLowerCase() !== 'readme.md'))
  }
  return files
}

function markdownIn(dir: string, recursive: boolean): string[] {
  if (!isDirectory(dir)) return []
  return fs
    .readdirSync(dir, { recursive, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md') && !name.split(path.sep).some((part) => part.startsWith('.')))
    .map((name) => path.join(dir, name))
    .filter((file) => fs.statSync(file).isFile())
    .sort()
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory()
  } catch {
    return false
  }
}
