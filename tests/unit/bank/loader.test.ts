import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/connection.ts'
import { openDatabase } from '../../../server/db/connection.ts'
import { getQuestionForRole, loadQuestionBank, phasePlanExists, questionExists, searchQuestions } from '../../../server/bank/index.ts'
import { makeTempBank, questionFile } from './bank-fixtures.ts'
import { REPO_BANK_DIR } from './seeds.ts'

const log = pino({ level: 'silent' })
let bank: ReturnType<typeof makeTempBank>
let db: Db
let clock = 1_000

beforeEach(() => {
  bank = makeTempBank()
  db = openDatabase(':memory:')
})
afterEach(() => {
  db.$client.close()
  bank.cleanup()
})

const lineOf = (text: string, fragment: string) => text.slice(0, text.indexOf(fragment)).split('\n').length

const load = () => loadQuestionBank({ db, log, dirs: [bank.dir], now: () => (clock += 1) })
const search = (query: Partial<Parameters<typeof searchQuestions>[1]>) => searchQuestions(db, { limit: 50, offset: 0, ...query })

describe('loading the bank', () => {
  it('reports a malformed file with its path and reason, and loads the others', () => {
    bank.write('good.md', questionFile({ id: 'good' }))
    const brokenText = questionFile({ id: 'broken' }).replace('## Pitfalls', '## Pitfals')
    const broken = bank.write('broken.md', brokenText)
    const mismatched = bank.write('other-name.md', questionFile({ id: 'named-differently' }))
    const result = load()
    expect(result.loaded).toBe(1)
    expect(result.errors).toEqual([
      { path: broken, reason: expect.stringContaining('unknown section "## Pitfals"'), line: lineOf(brokenText, '## Pitfals') },
      { path: mismatched, reason: 'the id "named-differently" must match the file name (other-name.md)', line: 1 },
    ])
    expect(questionExists(db, 'good')).toBe(true)
    expect(phasePlanExists(db, 'standard-45')).toBe(true)
  })

  it('upserts by content hash: unchanged files are left alone, edited ones updated', () => {
    bank.write('a.md', questionFile({ id: 'a' }))
    bank.write('b.md', questionFile({ id: 'b' }))
    expect(load()).toMatchObject({ loaded: 2, updated: 2, unchanged: 0 })
    expect(load()).toMatchObject({ loaded: 2, updated: 0, unchanged: 2 })
    bank.write('b.md', questionFile({ id: 'b', title: 'Renamed question' }))
    expect(load()).toMatchObject({ loaded: 2, updated: 1, unchanged: 1 })
    expect(getQuestionForRole(db, 'b', 'member')?.title).toBe('Renamed question')
  })

  it('archives the question of a removed file instead of deleting it, and revives it when the file returns', () => {
    bank.write('keep.md', questionFile({ id: 'keep' }))
    bank.write('gone.md', questionFile({ id: 'gone' }))
    load()
    bank.remove('gone.md')
    expect(load()).toMatchObject({ loaded: 1, archived: 1 })
    expect(questionExists(db, 'gone')).toBe(false)
    expect(getQuestionForRole(db, 'gone', 'interviewer')).toMatchObject({ id: 'gone', archived: true })
    expect(search({}).items.map((item) => item.id)).toEqual(['keep'])
    bank.write('gone.md', questionFile({ id: 'gone' }))
    expect(load()).toMatchObject({ loaded: 2, updated: 1 })
    expect(questionExists(db, 'gone')).toBe(true)
  })

  it('keeps the last good version of a file that becomes malformed', () => {
    bank.write('q.md', questionFile({ id: 'q', title: 'Good version' }))
    load()
    bank.write('q.md', 'not a bank file')
    expect(load()).toMatchObject({ loaded: 0, archived: 0, errors: [expect.objectContaining({ reason: expect.stringContaining('front matter') })] })
    expect(getQuestionForRole(db, 'q', 'member')).toMatchObject({ title: 'Good version', archived: false })
  })

  it('loads the repository bank with no errors and measures the time it took', () => {
    const result = loadQuestionBank({ db, log, dirs: [REPO_BANK_DIR] })
    expect(result.errors).toEqual([])
    expect(result.loaded).toBeGreaterThanOrEqual(3)
    expect(result.phasePlans).toBeGreaterThanOrEqual(2)
    expect(result.durationMs).toBeGreaterThan(0)
    // The whole bank is parsed here (~2 s of CPU), which a busy machine can stretch well past the default limit.
  }, 120_000)
})

describe('searching the bank', () => {
  beforeEach(() => {
    bank.write('title-hit.md', questionFile({ id: 'title-hit', title: 'Design a rate limiter', tags: ['throttling'] }))
    bank.write(
      'outline-hit.md',
      questionFile({ id: 'outline-hit', title: 'Design an API gateway', outline: 'Put a rate limiter in front of each service.', kind: 'design' }),
    )
    bank.write(
      'unrelated.md',
      questionFile({ id: 'unrelated', title: 'Explain consistent hashing', prompt: 'Why do caches use a hash ring?', tags: ['hashing'] }),
    )
    load()
  })

  it('ranks a title match above a match deep in the reference outline', () => {
    expect(search({ q: 'rate limiter' }).items.map((item) => item.id)).toEqual(['title-hit', 'outline-hit'])
  })

  it('ranks a curated question above a terse imported draft on the same topic', () => {
    const draft = questionFile({ id: 'draft-limiter', title: 'Rate limiter', extraFrontMatter: 'status: draft\n' })
    bank.write('draft-limiter.md', draft.replace(/## Hints[\s\S]*$/, ''))
    bank.write(
      'title-hit.md',
      questionFile({
        id: 'title-hit',
        title: 'Design a rate limiter',
        tags: ['throttling'],
        outline: 'Token buckets, sliding windows, where counters live, what happens at the edges of a window, and how limits are shared across servers.',
      }),
    )
    load()
    expect(
      search({ q: 'rate limiter' })
        .items.map((item) => item.id)
        .slice(0, 2),
    ).toEqual(['title-hit', 'draft-limiter'])
  })

  it('matches word prefixes and word forms, so results appear while typing', () => {
    expect(search({ q: 'limi' }).items.map((item) => item.id)).toEqual(['title-hit', 'outline-hit'])
    expect(search({ q: 'caching' }).items.map((item) => item.id)).toEqual(['unrelated'])
  })

  it('searches tags and combines text with filters', () => {
    expect(search({ q: 'throttling' }).items.map((item) => item.id)).toEqual(['title-hit'])
    expect(search({ q: 'rate', kind: 'design' }).items.map((item) => item.id)).toEqual(['outline-hit'])
    expect(search({ tag: 'hashing' }).items.map((item) => item.id)).toEqual(['unrelated'])
    expect(search({ category: 'testing' }).total).toBe(3)
  })

  it('treats search syntax in the input as plain words', () => {
    expect(() => search({ q: '"unbalanced* NEAR( -rate' })).not.toThrow()
    expect(search({ q: '***' }).total).toBe(3)
  })

  it('lists the categories and tags of the active bank for the filters', () => {
    expect(search({}).facets).toEqual({ categories: ['Testing'], tags: ['hashing', 'throttling'] })
  })
})
