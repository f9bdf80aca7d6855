import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../../server/bank/format/format-error.ts'
import { decodeDocument } from '../../../server/bank/importer/decode-document.ts'
import { scanDocument } from '../../../server/bank/importer/extract-questions.ts'
import { mergeQuestions } from '../../../server/bank/importer/merge.ts'
import { renderQuestionFile } from '../../../server/bank/importer/render-question.ts'
import { SEEDS_SKIP_NOTE, seedPaths, seedsPresent } from './seeds.ts'

const NOTES_DIR = fileURLToPath(new URL('./fixtures/notes/', import.meta.url))
/** The Notion, Obsidian, Google Docs, list and Q/A-heading notes of importer-notes.test.ts. */
const NOTES = fs.readdirSync(NOTES_DIR).map((name) => fs.readFileSync(path.join(NOTES_DIR, name)))
/** A property run takes seconds alone and several times that on a loaded machine; the default 20 s is not enough. */
const PROPERTY_TIMEOUT_MS = 120_000

/** Small documents in every dialect, so the property also runs where the seeds are absent. */
const SYNTHETIC = [
  '# Prep\n\n## Storage\n\n### Q: Design a blob store\n\n**Functional Requirements:**\n- upload\n- download\n\n```yaml\n# not a heading\n---\n```\n\n---\n',
  'Prep\n\nStorage\n\nQ: Design a blob store**Functional Requirements:**\n\n- upload\n\nHigh-Level Architecture:**Detailed Design:****1. API:**\n',
  '## Caching\n\n#### Cache-aside\n**Question**: When is cache-aside right?\n**Explanation**:\n- lazy loading\n',
  '<expand title="Scenario: Design a rate limiter">\n**Question:** Design a rate limiter\n\n**Answer:**\n**Token bucket:**\n- refill\n</expand>\n',
  '## Distributed\n\n### Challenge 1: Global Queue\n\n**Scenario**: Design a queue\n\n**Time Limit**: 45 minutes\n\n    # indented code\n    ---\n',
  '<details><summary>Why shard?</summary>One line answer</details>\n\n- Q1: What is a quorum?\n  - Hint: count replicas\n  - Answer: a majority\n',
  '---\ntags: [a]\n---\n> [!question] Design a feed\n> > [!tip] Hint\n> > nested hint\n\n## Q2. Explain [[Raft|consensus]]\n\n## A2. Leaders and terms\n',
]

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'shuffle'; seed: number }
  | { kind: 'bytes'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('shuffle' as const), seed: fc.nat() }),
  fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 24 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 400 }) }),
)

function mutate(input: Buffer, step: Mutation): Buffer {
  const at = input.length === 0 ? 0 : 'at' in step ? step.at % input.length : 0
  switch (step.kind) {
    case 'truncate':
      return input.subarray(0, at)
    case 'delete':
      return Buffer.concat([input.subarray(0, at), input.subarray(at + step.length)])
    case 'bytes':
      return Buffer.concat([input.subarray(0, at), Buffer.from(step.bytes), input.subarray(at)])
    case 'shuffle': {
      const lines = input.toString('latin1').split('\n')
      let state = step.seed || 1
      for (let index = lines.length - 1; index > 0; index -= 1) {
        state = (state * 1_103_515_245 + 12_345) % 2 ** 31
        const other = state % (index + 1)
        ;[lines[index], lines[other]] = [lines[other]!, lines[index]!]
      }
      return Buffer.from(lines.join('\n'), 'latin1')
    }
  }
}

/** The importer's whole path for one document: decode, scan, merge, render (render validates with the bank's parser). */
function importOnce(bytes: Buffer): string[] {
  const decoded = decodeDocument(bytes)
  if (!decoded.ok) return []
  const scan = scanDocument(decoded.text)
  const merged = mergeQuestions(scan.questions.map((question) => ({ document: 'fuzz.md', question })))
  for (const [index, entry] of merged.entries()) {
    try {
      renderQuestionFile(entry, `fuzz-${index}`)
    } catch (error) {
      // A question that cannot become a valid file is reported by the run, never thrown out of it.
      if (!(error instanceof FormatError)) throw error
    }
  }
  return scan.questions.map((question) => question.title)
}

function expectReadableTitles(titles: string[]): void {
  for (const title of titles) expect(title).toMatch(/[\p{L}\p{N}]/u)
}

const seeds = seedsPresent ? seedPaths().map((file) => fs.readFileSync(file)) : []
const documents = [...seeds, ...NOTES, ...SYNTHETIC.map((text) => Buffer.from(text))]

describe('the importer on random mutations', () => {
  it(
    'never throws and never produces an empty title on mutated excerpts',
    () => {
      // Excerpts of up to 60 lines keep each run to a few milliseconds, so thousands fit in seconds.
      const excerpt = fc.record({ doc: fc.nat(), line: fc.nat(), length: fc.integer({ min: 1, max: 60 }) })
      fc.assert(
        fc.property(excerpt, fc.array(mutation, { maxLength: 4 }), ({ doc, line, length }, steps) => {
          const lines = documents[doc % documents.length]!.toString('latin1').split('\n')
          const start = line % lines.length
          let bytes: Buffer = Buffer.from(lines.slice(start, start + length).join('\n'), 'latin1')
          for (const step of steps) bytes = mutate(bytes, step)
          expectReadableTitles(importOnce(bytes))
        }),
        { numRuns: 2500 },
      )
    },
    PROPERTY_TIMEOUT_MS,
  )

  it(
    'never throws on whole mutated notes of every other tool',
    () => {
      fc.assert(
        fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (doc, steps) => {
          let bytes: Buffer = NOTES[doc % NOTES.length]!
          for (const step of steps) bytes = mutate(bytes, step)
          expectReadableTitles(importOnce(bytes))
        }),
        { numRuns: 800 },
      )
    },
    PROPERTY_TIMEOUT_MS,
  )

  it.skipIf(!seedsPresent)(
    `never throws on whole mutated seed documents${SEEDS_SKIP_NOTE}`,
    () => {
      fc.assert(
        fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (doc, steps) => {
          let bytes: Buffer = seeds[doc % seeds.length]!
          for (const step of steps) bytes = mutate(bytes, step)
          expectReadableTitles(importOnce(bytes))
        }),
        { numRuns: 40 },
      )
    },
    PROPERTY_TIMEOUT_MS,
  )
})
