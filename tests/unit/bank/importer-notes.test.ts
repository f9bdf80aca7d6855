import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { afterEach, describe, expect, it } from 'vitest'
import { scanDocument } from '../../../server/bank/importer/extract-questions.ts'
import { formatImportReport } from '../../../server/bank/importer/format-report.ts'
import { runImport, type ImportReport } from '../../../server/bank/importer/import-run.ts'

/** Prep notes in the shapes other tools export, written for these tests (tests/unit/bank/fixtures/notes/). */
const NOTES_DIR = fileURLToPath(new URL('./fixtures/notes/', import.meta.url))

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

interface Draft {
  meta: Record<string, unknown>
  sections: Map<string, string>
}

/** Imports one note into a fresh folder and reads back every draft, by file name. */
function importNote(name: string): { report: ImportReport; drafts: Map<string, Draft> } {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-notes-'))
  dirs.push(outDir)
  const report = runImport({ files: [path.join(NOTES_DIR, name)], outDir, dryRun: false })
  const drafts = new Map(fs.readdirSync(outDir).map((file) => [file, readDraft(fs.readFileSync(path.join(outDir, file), 'utf8'))]))
  return { report, drafts }
}

function readDraft(text: string): Draft {
  const [, yaml = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? []
  const sections = new Map<string, string>()
  for (const block of body.split(/^## /m).slice(1)) {
    const [title = '', ...rest] = block.split('\n')
    sections.set(title.trim(), rest.join('\n').trim())
  }
  return { meta: parseYaml(yaml) as Record<string, unknown>, sections }
}

/** Top-level items of a rendered list section, continuation lines un-indented. */
function items(markdown: string | undefined): string[] {
  if (!markdown) return []
  return markdown
    .split(/^(?:\d+\.|-) /m)
    .slice(1)
    .map((item) => item.replace(/\n {2,3}/g, '\n').trim())
}

function draft(drafts: Map<string, Draft>, file: string): Draft {
  const found = drafts.get(file)
  if (!found) throw new Error(`no draft ${file}; got ${[...drafts.keys()].join(', ')}`)
  return found
}

describe('a Notion page export', () => {
  it('reads a page title followed by property lines as a question with that metadata', () => {
    const [question] = scanDocument(
      '# Leaderboard\n\nDifficulty: Easy\nTime: 30 min\nTags: Redis, sorted sets\n\nShow the top 100 players of a game with 5 million players.\n',
    ).questions
    expect(question).toMatchObject({ title: 'Leaderboard', difficulty: 'easy', timeLimitMinutes: 30, tags: ['redis', 'sorted-sets'] })
    expect(question?.prompt).toBe('Show the top 100 players of a game with 5 million players.')
  })

  it('reads the page title as the question, the property table as its metadata and each toggle as its part', () => {
    const { report, drafts } = importNote('notion-ride-dispatch.md')
    expect([...drafts.keys()]).toEqual(['ride-hailing-dispatch.md'])
    const { meta, sections } = draft(drafts, 'ride-hailing-dispatch.md')
    expect(meta).toMatchObject({
      title: 'Ride-hailing dispatch',
      difficulty: 'hard',
      tags: ['geo', 'matching'],
      timeLimitMinutes: 60,
      phasePlan: 'extended-60',
    })
    expect(meta.sources).toEqual([{ document: 'notion-ride-dispatch.md', lines: '1-33' }])
    expect(sections.get('Prompt')).toBe(
      'Riders open the app and ask for a car; the system must offer the trip to a nearby driver within a couple of seconds, in a city with 30,000 drivers online at peak.',
    )
    expect(items(sections.get('Hints'))).toEqual([
      "Where does a driver's position live, and how often does it change?",
      'Split the map into cells so a lookup reads only the cells around the rider.',
      'Offer the trip to one driver at a time with a short timeout, then move to the next closest.',
    ])
    expect(items(sections.get('Follow-ups'))).toEqual([
      "What happens when a driver's phone loses signal in the middle of an offer?\n\nThe offer expires after its timeout and the dispatcher moves on; a stale position ages out of the index after three missed updates.",
    ])
    expect(sections.get('Reference outline')).toMatch(/^Drivers send their position every 4 seconds .* offers the trip to the best one\.$/)
    expect(sections.has('Reference material')).toBe(false)
    expect(report.documents[0]?.unused).toEqual([{ line: 3, excerpt: 'Status', reason: 'property the bank has no field for' }])
  })

  it('reads a toggle list as one question per toggle, the body as the answer and a nested toggle as a follow-up', () => {
    const { report, drafts } = importNote('notion-caching-flashcards.md')
    expect([...drafts.keys()].sort()).toEqual(['when-does-a-write-behind-cache-lose-data.md', 'why-put-a-jitter-on-cache-expiry-times.md'])
    const writeBehind = draft(drafts, 'when-does-a-write-behind-cache-lose-data.md')
    expect(writeBehind.meta).toMatchObject({ title: 'When does a write-behind cache lose data?', category: 'Caching flashcards' })
    expect(writeBehind.sections.get('Reference outline')).toBe('When the cache node dies before it flushes its queue of pending writes to the database.')
    const jitter = draft(drafts, 'why-put-a-jitter-on-cache-expiry-times.md')
    expect(jitter.sections.get('Reference outline')).toBe(
      'So that keys written together do not all expire in the same second and send a burst of misses to the database.',
    )
    expect(items(jitter.sections.get('Follow-ups'))).toEqual(['How would you warm a cold cache after a deploy?'])
    expect(report.documents[0]?.unused).toEqual([{ line: 3, excerpt: "Short drills from the team's reading group.", reason: 'outside any question' }])
  })
})

describe('an Obsidian note', () => {
  it('takes callouts as question, hints in order, answer and pitfall; wiki-links become their text', () => {
    const { drafts } = importNote('obsidian-photo-storage.md')
    const { meta, sections } = draft(drafts, 'design-a-photo-storage-service-for-a-family-sharing-app.md')
    expect(meta).toMatchObject({ kind: 'design', category: 'Object storage', difficulty: 'medium', timeLimitMinutes: 45, phasePlan: 'standard-45' })
    expect(meta.tags).toEqual(['storage', 'durability'])
    expect(sections.get('Prompt')).toBe('Families upload about 2 million photos a day; each photo is read a few times in its first week and rarely after.')
    expect(items(sections.get('Hints'))).toEqual([
      'Which part of a photo is read most, and which part is only kept?',
      'Think about spreading chunks across disks instead of full copies.',
    ])
    expect(sections.get('Reference outline')).toBe(
      'Keep metadata in a sharded database and the bytes in a blob store; see Blob stores and Tiering – Cold tier.\nMove photos older than 30 days to a cheaper cold tier.',
    )
    expect(items(sections.get('Pitfalls'))).toEqual(['Storing the image bytes in the metadata database.'])
  })

  it('applies front matter to every question as metadata and never as a category', () => {
    const { report, drafts } = importNote('obsidian-photo-storage.md')
    const expiry = draft(drafts, 'how-would-you-expire-shared-links-after-a-week.md')
    expect(expiry.meta).toMatchObject({ category: 'Object storage', tags: ['storage', 'durability'], timeLimitMinutes: 45 })
    expect(items(expiry.sections.get('Hints'))).toEqual(['Where would you keep the expiry time so a check costs nothing extra?'])
    expect(expiry.sections.get('Reference outline')).toBe('Put the expiry in the signed link itself and check the signature at the edge.')
    for (const { meta } of drafts.values()) expect(meta.category).not.toMatch(/Vault|tags|difficulty/)
    expect(report.documents[0]?.dialects).toEqual(['callouts', 'question headings', 'front matter'])
    expect(report.documents[0]?.unused).toEqual([{ line: 1, excerpt: 'category', reason: 'front matter fields the bank has no place for (document metadata)' }])
  })
})

describe('a Google Docs download', () => {
  it('reads bold lines as title, category and question, undoes escapes and &nbsp;, and keeps the numbered hints in order', () => {
    const { report, drafts } = importNote('google-docs-notifications.md')
    expect([...drafts.keys()]).toEqual(['design-a-notification-service.md'])
    const { meta, sections } = draft(drafts, 'design-a-notification-service.md')
    expect(meta).toMatchObject({ title: 'Design a notification service', kind: 'design', category: 'Messaging', phasePlan: 'standard-45' })
    expect(sections.get('Prompt')).toBe(
      'A product sends push, e-mail and SMS messages to 50 million users; marketing bursts reach 1 million messages in a minute.',
    )
    expect(items(sections.get('Hints'))).toEqual([
      'Which channels can fail or slow down on their own?',
      'Put a queue per channel between the API and the senders.',
    ])
    expect(sections.get('Reference outline')).toBe('Accept requests into a durable queue, fan out per channel, and keep per-user preferences in a cache.')
    expect(items(sections.get('Follow-ups'))).toEqual(['How do you stop a user getting the same message twice?', 'How would you rate-limit marketing bursts?'])
    expect(report.documents[0]?.dialects).toEqual(['q-headings', 'Google Docs export', 'bold headings'])
    expect(report.documents[0]?.unused).toEqual([{ line: 3, excerpt: 'Notes copied from the shared doc before the onsite.', reason: 'outside any question' }])
  })
})

describe('a plain numbered list', () => {
  it('makes each question item a question with its hint, answer, follow-up, time and difficulty sub-items', () => {
    const { report, drafts } = importNote('plain-numbered-list.md')
    expect([...drafts.keys()].sort()).toEqual(['how-would-you-pick-a-partition-key-for-an-orders-table.md', 'what-is-a-covering-index.md'])
    const partition = draft(drafts, 'how-would-you-pick-a-partition-key-for-an-orders-table.md')
    expect(partition.meta).toMatchObject({ category: 'Databases', difficulty: 'easy', timeLimitMinutes: 25, phasePlan: 'standard-45' })
    expect(partition.meta.sources).toEqual([{ document: 'plain-numbered-list.md', lines: '5-11' }])
    expect(partition.sections.get('Prompt')).toBe('How would you pick a partition key for an orders table?')
    expect(items(partition.sections.get('Hints'))).toEqual(['Which queries run most often?', 'Look for a key that spreads writes evenly.'])
    expect(partition.sections.get('Reference outline')).toBe(
      "Partition by customer id so one customer's orders sit together, and add a date bucket for very large customers.",
    )
    expect(items(partition.sections.get('Follow-ups'))).toEqual(['What changes when one customer places half of all orders?'])
    const covering = draft(drafts, 'what-is-a-covering-index.md')
    expect(covering.sections.get('Reference outline')).toBe('An index that holds every column a query needs, so the table itself is never read.')
    expect(report.documents[0]?.unused).toEqual([
      { line: 12, excerpt: '2. Keep answers under two minutes.', reason: 'a list item that does not read as a question' },
    ])
  })

  it('does not take a list of clarifying questions for the candidate as interview questions', () => {
    const scan = scanDocument('## Clarifying questions to ask\n\n- How many users are there?\n- What is the read to write ratio?\n')
    expect(scan.questions).toEqual([])
    expect(scan.unused).toEqual([
      { line: 1, excerpt: 'Clarifying questions to ask', reason: 'heading with no question under it' },
      {
        line: 3,
        excerpt: '- How many users are there? - What is the read to write rat…',
        reason: 'questions for the candidate to ask, not interview questions',
      },
    ])
  })
})

describe('Q/A heading pairs', () => {
  it('reads an `## A…` heading at the question depth as the answer instead of a new question', () => {
    const { drafts } = importNote('qa-heading-pairs.md')
    expect([...drafts.keys()].sort()).toEqual(['how-do-you-make-a-consumer-idempotent.md', 'why-would-a-consumer-process-the-same-message-twice.md'])
    const twice = draft(drafts, 'why-would-a-consumer-process-the-same-message-twice.md')
    expect(twice.meta.sources).toEqual([{ document: 'qa-heading-pairs.md', lines: '3-7' }])
    expect(twice.sections.get('Reference outline')).toBe(
      'The broker redelivers it\n\nThe consumer crashed after doing the work but before acknowledging, so the broker handed the message to another consumer.',
    )
    const idempotent = draft(drafts, 'how-do-you-make-a-consumer-idempotent.md')
    expect(idempotent.sections.get('Reference outline')).toBe(
      'Record what was done\n\nStore the message id with the result in the same transaction and skip ids already stored.',
    )
  })
})

describe('question headings by structure', () => {
  it('recognises numbered and phrased question headings at any depth and leaves other headings as categories', () => {
    const doc = [
      '# Prep',
      '## Design Patterns',
      '#### Problem 3 — Design a ticket booking system',
      'Seats for a concert sell out in 90 seconds.',
      '# How would you build a leaderboard?',
      '###### Question 2: Explain consistent hashing',
      '## Interview tips',
      'Talk through trade-offs.',
    ].join('\n\n')
    const scan = scanDocument(doc)
    expect(scan.questions.map((question) => [question.title, question.category, question.prompt])).toEqual([
      ['Design a ticket booking system', 'Design Patterns', 'Seats for a concert sell out in 90 seconds.'],
      ['How would you build a leaderboard?', 'Uncategorized', 'How would you build a leaderboard?'],
      ['Explain consistent hashing', 'Uncategorized', 'Explain consistent hashing'],
    ])
    expect(scan.unused.map((block) => [block.line, block.reason])).toEqual([
      [13, 'heading with no question under it'],
      [15, 'outside any question'],
    ])
  })
})

describe('a `**Q:**` line under a `### Q:` question (regression)', () => {
  it('keeps the heading question and its prompt, and reads each **Q:**/**A:** pair as a follow-up with its answer', () => {
    const scan = scanDocument(
      '## Limits\n\n### Q: Design a rate limiter\n\nA public API takes 10,000 requests per second from 50,000 keys.\n\n' +
        '**Q:** What happens when the counter store is down?\n**A:** Fail open for a minute and log every request let through.\n\n' +
        '**Q:** How do you share limits across regions?\n**A:** Keep a local budget per region and rebalance every few seconds.\n',
    )
    expect(scan.questions).toHaveLength(1)
    expect(scan.questions[0]).toMatchObject({ title: 'Design a rate limiter', prompt: 'A public API takes 10,000 requests per second from 50,000 keys.' })
    expect(scan.questions[0]?.sections).toEqual([
      { label: 'Follow-ups', markdown: 'What happens when the counter store is down?\n**A:** Fail open for a minute and log every request let through.' },
      { label: 'Follow-ups', markdown: 'How do you share limits across regions?\n**A:** Keep a local budget per region and rebalance every few seconds.' },
    ])
  })

  it('reads a **Q:** right under the heading as the fuller prompt, never as the title', () => {
    const [question] = scanDocument(
      '### Q: Design a rate limiter\n\n**Q:** Design a rate limiter for a public API with 10,000 requests per second.\n',
    ).questions
    expect(question).toMatchObject({ title: 'Design a rate limiter', prompt: 'Design a rate limiter for a public API with 10,000 requests per second.' })
  })
})

describe('the report', () => {
  it('lists every block that went into no question as file:line, an excerpt and the reason', () => {
    const { report } = importNote('google-docs-notifications.md')
    const lines = formatImportReport(report).split('\n')
    expect(lines).toContain('google-docs-notifications.md: 1 question(s), 0 merged; found by: q-headings, Google Docs export, bold headings')
    expect(lines).toContain('  not used (1 block(s)):')
    expect(lines).toContain('  google-docs-notifications.md:3  "Notes copied from the shared doc before the onsite." — outside any question')
    expect(lines).toContain('Files: 1 written, 0 unchanged.')
  })
})
