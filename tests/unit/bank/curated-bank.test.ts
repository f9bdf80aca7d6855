import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../server/db/connection.ts'
import { getQuestionForRole, loadQuestionBank, type LoadBankResult } from '../../../server/bank/index.ts'
import { decodeDocument } from '../../../server/bank/importer/decode-document.ts'
import { scanDocument } from '../../../server/bank/importer/extract-questions.ts'
import { checkBank } from '../../../server/bank/check-bank.ts'
import { createLogger } from '../../../server/log.ts'
import { REPO_BANK_DIR, SEED_NAMES, SEEDS_SKIP_NOTE, seedPath, seedsPresent } from './seeds.ts'

/** Issue 5's checks of the curated bank in question-bank/ (never the git-ignored imports). */

const WORD_RUN = 8
/** Parsing the whole bank (~100 files) takes ~2 s of CPU; on a busy CI machine that can be many times longer. */
const BANK_LOAD_TIMEOUT_MS = 120_000

function curatedFiles(): string[] {
  return ['questions', 'rubrics', 'phase-plans'].flatMap((folder) =>
    fs
      .readdirSync(path.join(REPO_BANK_DIR, folder), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.md'))
      .map((name) => path.join(REPO_BANK_DIR, folder, name)),
  )
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
}

function runsOf(text: string): Set<string> {
  const list = words(text)
  const runs = new Set<string>()
  for (let i = 0; i + WORD_RUN <= list.length; i++) runs.add(list.slice(i, i + WORD_RUN).join(' '))
  return runs
}

function readSeed(name: string): string {
  const decoded = decodeDocument(fs.readFileSync(seedPath(name)))
  if (!decoded.ok) throw new Error(`seed ${name} did not decode: ${decoded.reason}`)
  return decoded.text
}

describe('the curated question bank', () => {
  let db: Db
  let dir: string
  let result: LoadBankResult

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockboard-bank-'))
    db = openDatabase(path.join(dir, 'bank.db'))
    // Only the curated folders: a developer's local imports must not make this pass or fail.
    const curated = path.join(dir, 'bank')
    for (const folder of ['questions', 'rubrics', 'phase-plans']) fs.cpSync(path.join(REPO_BANK_DIR, folder), path.join(curated, folder), { recursive: true })
    result = loadQuestionBank({ db, log: createLogger('silent'), dirs: [curated] })
  }, BANK_LOAD_TIMEOUT_MS)

  afterAll(() => {
    db.$client.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('every curated question is in the second edition: hint ladders and leveled expectations, and bank:check finds nothing', () => {
    // The loader still accepts first-edition ready files (a team's own older questions keep loading);
    // the curated bank is held to the second edition here, so a regression fails npm test.
    const result = checkBank({ dirs: [REPO_BANK_DIR], cacheFile: null })
    expect(result.problems).toEqual([])
    expect(result.firstEdition).toEqual([])
  }, 120_000)

  it('every file loads and validates: no errors, every question ready with its sections filled', () => {
    expect(result.errors).toEqual([])
    const questionFiles = curatedFiles().filter((file) => file.includes(`${path.sep}questions${path.sep}`))
    expect(result.loaded).toBe(questionFiles.length)
    for (const file of questionFiles) {
      const id = path.basename(file, '.md')
      const question = getQuestionForRole(db, id, 'interviewer')
      if (question?.view !== 'full') throw new Error(`${id} did not load`)
      expect(question.status, id).toBe('ready')
      const rungs = question.hints.flatMap((topic) => topic.rungs)
      const laddered = !(question.hints.length === 1 && question.hints[0]?.id === 'hints')
      if (laddered) expect(question.hints.length, `${id} hint topics`).toBeGreaterThanOrEqual(3)
      else expect(rungs.length, `${id} hints`).toBeGreaterThanOrEqual(3)
      expect(question.followUps.length, `${id} follow-ups`).toBeGreaterThanOrEqual(3)
      expect(question.pitfalls.length, `${id} pitfalls`).toBeGreaterThanOrEqual(2)
      expect(question.referenceOutline.length, `${id} outline`).toBeGreaterThan(300)
      expect(
        question.rubric.criteria.reduce((sum, criterion) => sum + criterion.weight, 0),
        `${id} rubric weights`,
      ).toBe(100)
      expect(question.rubric.questionCriterionIds.length, `${id} carries criteria specific to it`).toBeGreaterThanOrEqual(2)
      if (laddered) {
        for (const criterion of question.rubric.criteria) expect(criterion.expectations, `${id}: ${criterion.name} expectations`).not.toBeNull()
      }
      if (question.kind === 'design') expect(question.clarifyingFacts.length, `${id} facts`).toBeGreaterThanOrEqual(3)
    }
  })

  it.skipIf(!seedsPresent)(
    `every question found in the seeds maps to a bank entry by its sources${SEEDS_SKIP_NOTE}`,
    () => {
      const entries = curatedFiles()
        .filter((file) => file.includes(`${path.sep}questions${path.sep}`))
        .map((file) => ({ id: path.basename(file, '.md'), text: fs.readFileSync(file, 'utf8') }))
      const sourcesOf = (text: string) =>
        [...text.matchAll(/document:\s*(\S+)\s*\n\s*lines:\s*(\d+)-(\d+)/g)].map((match) => ({
          document: match[1],
          start: Number(match[2]),
          end: Number(match[3]),
        }))
      const uncovered: string[] = []
      for (const name of Object.values(SEED_NAMES)) {
        for (const found of scanDocument(readSeed(name)).questions) {
          const covered = entries.some((entry) =>
            sourcesOf(entry.text).some((source) => source.document === name && source.start <= found.endLine && found.startLine <= source.end),
          )
          if (!covered) uncovered.push(`${name}:${found.startLine}-${found.endLine} ${found.title}`)
        }
      }
      expect(uncovered).toEqual([])
    },
    BANK_LOAD_TIMEOUT_MS,
  )

  it.skipIf(!seedsPresent)(
    `no bank file shares a run of ${WORD_RUN} or more words with a seed document${SEEDS_SKIP_NOTE}`,
    () => {
      const seedRuns = new Set<string>()
      for (const name of Object.values(SEED_NAMES)) for (const run of runsOf(readSeed(name))) seedRuns.add(run)
      const copied: string[] = []
      for (const file of [...curatedFiles(), path.join(REPO_BANK_DIR, 'README.md')]) {
        // Front matter holds ids, titles and source references, which name the seed questions on purpose.
        const body = fs.readFileSync(file, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '')
        for (const run of runsOf(body)) if (seedRuns.has(run)) copied.push(`${path.relative(REPO_BANK_DIR, file)}: "${run}"`)
      }
      expect(copied).toEqual([])
    },
    BANK_LOAD_TIMEOUT_MS,
  )
})
