import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../server/db/connection.ts'
import { loadQuestionBank } from '../../../server/bank/index.ts'
import { decodeDocument } from '../../../server/bank/importer/decode-document.ts'
import { scanDocument } from '../../../server/bank/importer/extract-questions.ts'
import type { DocumentScan } from '../../../server/bank/importer/found-question.ts'
import { readCuratedQuestions, titleKey } from '../../../server/bank/importer/curated-bank.ts'
import { runImport, type ImportReport } from '../../../server/bank/importer/import-run.ts'
import { REPO_BANK_DIR, SEED_NAMES, SEEDS_SKIP_NOTE, seedPath, seedPaths, seedsPresent } from './seeds.ts'

const EXPECTED_COUNTS: Record<string, number> = {
  [SEED_NAMES.headings]: 8,
  [SEED_NAMES.flattened]: 8,
  [SEED_NAMES.topics]: 28,
  [SEED_NAMES.expand]: 33,
  [SEED_NAMES.challenges]: 7,
}

function scanSeed(name: string): DocumentScan {
  const decoded = decodeDocument(fs.readFileSync(seedPath(name)))
  if (!decoded.ok) throw new Error(decoded.reason)
  return scanDocument(decoded.text)
}

const tempDirs: string[] = []
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-import-'))
  tempDirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** Each test imports all five seeds once or twice: a few seconds alone, several times that when the machine is busy. */
const SEED_IMPORT_TIMEOUT_MS = 90_000

describe.skipIf(!seedsPresent)(`importing the seed documents${SEEDS_SKIP_NOTE}`, { timeout: SEED_IMPORT_TIMEOUT_MS }, () => {
  let report: ImportReport
  let outDir: string
  beforeAll(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-import-seeds-'))
    report = runImport({ files: seedPaths(), outDir, dryRun: false, reservedIds: curatedQuestionIds() })
    return () => fs.rmSync(outDir, { recursive: true, force: true })
  }, SEED_IMPORT_TIMEOUT_MS)

  it('imports every document without error and finds every question in each', () => {
    const counts = Object.fromEntries(report.documents.map((document) => [path.basename(document.path), document.found]))
    expect(counts).toEqual(EXPECTED_COUNTS)
    expect(report.documents.every((document) => document.error === null && document.skipped.length === 0)).toBe(true)
    expect(report.rejected).toEqual([])
  })

  it('names the dialect of each document', () => {
    const dialects = Object.fromEntries(report.documents.map((document) => [path.basename(document.path), document.dialects]))
    expect(dialects).toEqual({
      [SEED_NAMES.headings]: ['q-headings'],
      [SEED_NAMES.flattened]: ['flattened plain text'],
      [SEED_NAMES.topics]: ['topic + **Question**'],
      [SEED_NAMES.expand]: ['expand blocks'],
      [SEED_NAMES.challenges]: ['challenges'],
    })
  })

  it('merges the degraded copy and the question two documents share, listing every source', () => {
    expect(report.found).toBe(84)
    expect(report.questions).toBe(75)
    expect(report.mergedGroups).toHaveLength(9)
    const scaling = report.mergedGroups.find((group) => group.title === 'When would you choose horizontal scaling over vertical scaling?')
    expect(scaling?.sources).toEqual([`${SEED_NAMES.topics}:37-54`, `${SEED_NAMES.expand}:5-44`])
    const file = fs.readFileSync(path.join(outDir, 'design-a-social-media-platform-like-facebook-that-can-handle.md'), 'utf8')
    expect(file).toContain(`document: ${SEED_NAMES.headings}\n    lines: 6-83`)
    expect(file).toContain(`document: ${SEED_NAMES.flattened}\n    lines: 7-96`)
  })

  it('reports near-duplicates instead of merging them', () => {
    const pair = report.nearDuplicates.find((entry) => entry.a.includes('URL shortening') || entry.b.includes('URL shortening'))
    expect(pair?.score).toBeGreaterThanOrEqual(0.6)
    expect(report.mergedGroups.some((group) => group.title.includes('bit.ly'))).toBe(false)
  })

  it('cleans every title: no Markdown, prefixes, mojibake, emoji or glued sections', () => {
    const titles = Object.values(SEED_NAMES).flatMap((name) => scanSeed(name).questions.map((question) => question.title))
    expect(titles).toHaveLength(84)
    for (const title of titles) {
      expect(title).not.toMatch(/\*|`|#|^\s|\s$|\n/)
      expect(title).not.toMatch(/^(Q|Question|Scenario|Challenge \d+)\s*:/i)
      expect(title).not.toMatch(/‚Üí|üé|√|Ô∏|\uF8FF|\uFFFD/)
      expect(title).not.toMatch(/\p{Extended_Pictographic}/u)
      expect(title).not.toMatch(/(Requirements|Explanation|Answer|Considerations|Design):$/)
    }
    expect(titles).toContain('Design a video streaming service like Netflix for global scale')
    expect(titles).toContain('Design a URL shortener like bit.ly. How would you architect it?')
    expect(titles).toContain('Global Content Delivery Network')
  })

  it('repairs mojibake in headings and text', () => {
    const scan = scanSeed(SEED_NAMES.topics)
    const categories = new Set(scan.questions.map((question) => question.category))
    expect([...categories]).toContain('Real-World System Designs')
    const caching = scan.questions.find((question) => question.topic === 'Caching Strategies')
    expect(caching?.sections[0]?.markdown).toContain('Check cache → miss → fetch from DB')
  })

  it('yields the same questions from the degraded copy as from its original', () => {
    const summary = (scan: DocumentScan) => scan.questions.map((question) => [question.title, question.category, question.prompt])
    const original = scanSeed(SEED_NAMES.headings)
    const degraded = scanSeed(SEED_NAMES.flattened)
    expect(summary(degraded)).toEqual(summary(original))
    degraded.questions.forEach((question, index) => {
      const originalLabels = original.questions[index]?.sections.map((section) => section.label) ?? []
      expect(question.sections.map((section) => section.label).every((label) => originalLabels.includes(label))).toBe(true)
    })
  })

  it('is fence-aware: # comments and --- inside code blocks are not structure', () => {
    const challenges = scanSeed(SEED_NAMES.challenges).questions
    const chat = challenges.find((question) => question.title === 'Real-Time Chat System')
    // The Kubernetes YAML of this challenge has two `---` separators and `# comments`; the question runs past them.
    expect(chat?.sections.map((section) => section.label)).toEqual(['Requirements', 'Time Limit', 'Architecture Design', 'Scaling Strategy'])
    expect(chat?.sections.at(-1)?.markdown).toContain('# Horizontal Pod Autoscaler')
    const serverless = scanSeed(SEED_NAMES.expand).questions.find((question) => question.title.includes('serverless'))
    expect(serverless?.sections.some((section) => section.label.includes('AWS Lambda'))).toBe(false)
    expect(serverless?.endLine).toBe(1619)
  })

  it('carries time limits and maps requirements onto the format', () => {
    const cdn = fs.readFileSync(path.join(outDir, 'global-content-delivery-network.md'), 'utf8')
    expect(cdn).toContain('timeLimitMinutes: 45')
    expect(cdn).toMatch(/## Functional requirements\n\n- Global edge locations \(100\+ POPs\)/)
    expect(cdn).toContain('### Solution Approach')
  })

  it('writes files the loader accepts beside the curated bank, never reusing a curated id', () => {
    const drafts = fs.readdirSync(outDir).map((name) => path.basename(name, '.md'))
    for (const id of curatedQuestionIds()) expect(drafts).not.toContain(id)
    const db = openDatabase(':memory:')
    const result = loadQuestionBank({ db, log: pino({ level: 'silent' }), dirs: [REPO_BANK_DIR, outDir] })
    expect(result.errors).toEqual([])
    expect(result.loaded).toBeGreaterThanOrEqual(75)
    db.$client.close()
  })

  it('writes no duplicate of a curated question when run against the real question bank, and names the stale draft of one', () => {
    const dir = tempDir()
    const curated = readCuratedQuestions(REPO_BANK_DIR)
    fs.writeFileSync(path.join(dir, 'design-a-url-shortening-service-like-bit-ly.md'), 'a draft from an earlier run\n')
    const rerun = runImport({ files: seedPaths(), outDir: dir, dryRun: false, curated })
    expect(rerun.found).toBe(84)
    expect(rerun.questions + rerun.curatedDuplicates.length).toBe(75)
    // Every curated question that cites a seed is recognised by that citation.
    const citing = curated.filter((question) => question.sources.some((source) => Object.values<string>(SEED_NAMES).includes(source.document)))
    expect(new Set(rerun.curatedDuplicates.filter((entry) => entry.by === 'source').map((entry) => entry.curatedId))).toEqual(
      new Set(citing.map((question) => question.id)),
    )
    const curatedKeys = new Set(curated.map((question) => titleKey(question.title)))
    for (const name of rerun.written) {
      const title = /^title: (.*)$/m.exec(fs.readFileSync(path.join(dir, name), 'utf8'))?.[1] ?? ''
      expect(curatedKeys.has(titleKey(title))).toBe(false)
    }
    const shortener = rerun.curatedDuplicates.find((entry) => entry.title === 'Design a URL shortening service like bit.ly')
    expect(shortener).toMatchObject({
      curatedId: 'url-shortener',
      by: 'source',
      sources: [`${SEED_NAMES.topics}:359-366`],
      staleDraft: 'design-a-url-shortening-service-like-bit-ly.md',
    })
  })

  it('changes nothing when run a second time', () => {
    const dir = tempDir()
    const first = runImport({ files: seedPaths(), outDir: dir, dryRun: false })
    const before = Object.fromEntries(fs.readdirSync(dir).map((name) => [name, fs.statSync(path.join(dir, name)).mtimeMs]))
    const second = runImport({ files: seedPaths(), outDir: dir, dryRun: false })
    expect(first.written).toHaveLength(75)
    expect(second.written).toEqual([])
    expect(second.unchanged).toHaveLength(75)
    expect(Object.fromEntries(fs.readdirSync(dir).map((name) => [name, fs.statSync(path.join(dir, name)).mtimeMs]))).toEqual(before)
  })

  it('writes nothing on a dry run', () => {
    const dir = path.join(tempDir(), 'out')
    const dry = runImport({ files: seedPaths(), outDir: dir, dryRun: true })
    expect(dry.written).toHaveLength(75)
    expect(fs.existsSync(dir)).toBe(false)
  })
})

function curatedQuestionIds(): Set<string> {
  return new Set(fs.readdirSync(path.join(REPO_BANK_DIR, 'questions')).map((name) => path.basename(name, '.md')))
}
