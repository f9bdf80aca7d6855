import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { cleanTitle } from '../../../server/bank/importer/clean-title.ts'
import { decodeDocument, MAX_DOCUMENT_BYTES } from '../../../server/bank/importer/decode-document.ts'
import { scanDocument } from '../../../server/bank/importer/extract-questions.ts'
import { runImport } from '../../../server/bank/importer/import-run.ts'
import { repairMojibake } from '../../../server/bank/importer/mojibake.ts'

const dirs: string[] = []
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-dialects-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

function writeDoc(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, content)
  return file
}

describe('mojibake repair (UTF-8 read as Mac Roman)', () => {
  it('restores arrows, emoji and dashes and leaves real accents alone', () => {
    expect(repairMojibake('cache ‚Üí miss')).toBe('cache → miss')
    expect(repairMojibake('## \uF8FFüéØ Overview')).toBe('## 🎯 Overview')
    expect(repairMojibake('caf\u00e9 na\u00efve r\u00e9sum\u00e9')).toBe('café naïve résumé')
  })

  it('agrees with the platform Mac Roman decoder on every byte', () => {
    const macRoman = new TextDecoder('macintosh')
    const sample = '→ — é ✓ 🎯 日本'
    expect(repairMojibake(macRoman.decode(new TextEncoder().encode(sample)))).toBe(sample)
  })
})

describe('title cleaning', () => {
  it('strips Markdown, prefixes, emoji and glued labels', () => {
    expect(cleanTitle('**Q:** Design a *cache*')).toBe('Design a cache')
    expect(cleanTitle('Scenario: Design a URL shortener')).toBe('Design a URL shortener')
    expect(cleanTitle('🎯 Design a CDN 🚀')).toBe('Design a CDN')
    expect(cleanTitle('Design a feed for global scaleFunctional Requirements:')).toBe('Design a feed for global scale')
    expect(cleanTitle('What are the functional requirements')).toBe('What are the functional requirements')
    expect(cleanTitle('** ** 🎯')).toBe('')
  })
})

describe('dialects', () => {
  it('reads `### Q:` questions under category headings, ending at ---', () => {
    const scan = scanDocument('# Guide\n\n## Storage\n\n### Q: Design a blob store\n\n**Functional Requirements:**\n- upload\n\n---\n\nClosing words.\n')
    expect(scan.questions).toMatchObject([{ title: 'Design a blob store', category: 'Storage', startLine: 5, endLine: 8 }])
    expect(scan.questions[0]?.sections).toEqual([{ label: 'Functional Requirements', markdown: '- upload' }])
  })

  it('restores the flattened plain-text dialect, splitting glued sections', () => {
    const scan = scanDocument(
      'Guide\n\nStorage\n\nQ: Design a blob store**Functional Requirements:**\n\n- upload\n\nHigh-Level Architecture:**Detailed Design:****1. API:**\n\n- PUT /blobs\n',
    )
    expect(scan.dialects).toEqual(['flattened plain text'])
    expect(scan.questions[0]).toMatchObject({ title: 'Design a blob store', category: 'Storage', startLine: 5 })
    // The empty "High-Level Architecture" is kept as a group label: a filled section follows it.
    expect(scan.questions[0]?.sections.map((section) => section.label)).toEqual(['Functional Requirements', 'High-Level Architecture', 'Detailed Design'])
  })

  it('reads `#### Topic` + **Question**: + **Explanation**: with the category above the topic', () => {
    const scan = scanDocument('## 1. Caching\n\n#### Cache-aside\n**Question**: When is cache-aside right?\n**Explanation**:\n- lazy loading\n')
    expect(scan.questions).toMatchObject([{ title: 'When is cache-aside right?', category: 'Caching', topic: 'Cache-aside' }])
    expect(scan.questions[0]?.sections).toEqual([{ label: 'Explanation', markdown: '- lazy loading' }])
  })

  it('reads <expand> blocks, taking the title from the question and marking scenarios', () => {
    const scan = scanDocument(
      '## Scenarios\n\n<expand title="Scenario: Design a rate limiter">\n**Question:** Design a rate limiter?\n\n**Answer:**\n**Token bucket:**\n- refill\n</expand>\n',
    )
    expect(scan.questions).toMatchObject([{ title: 'Design a rate limiter?', scenario: true, category: 'Scenarios', endLine: 9 }])
    expect(scan.questions[0]?.sections).toEqual([{ label: 'Token bucket', markdown: '- refill' }])
  })

  it('reads challenges with scenario, time limit and code containing # and ---', () => {
    const doc =
      '## Distributed\n\n### Challenge 1: Global Queue\n\n**Scenario**: Design a queue\n\n**Time Limit**: 45 minutes\n\n**Solution**:\n\n    # indented code, not a heading\n    ---\n\n```yaml\n# comment\n---\nkind: x\n```\n'
    const [question] = scanDocument(doc).questions
    expect(question).toMatchObject({ title: 'Global Queue', prompt: 'Design a queue', timeLimitMinutes: 45, category: 'Distributed' })
    expect(question?.sections.at(-1)?.markdown).toContain('# comment\n---')
  })

  it('closes a code fence a truncated document left open', () => {
    const [question] = scanDocument('### Q: Design a log store\n\n**Storage:**\n\n```sql\nCREATE TABLE logs (').questions
    expect(question?.sections[0]?.markdown).toBe('```sql\nCREATE TABLE logs (\n```')
  })
})

describe('an import run', () => {
  it('merges a question asked twice in one document and lists both places', () => {
    const dir = tempDir()
    const doc = writeDoc(dir, 'twice.md', '## A\n\n### Q: Design a cache\n\n**Notes:**\n- one\n\n---\n\n## B\n\n### Q: design a CACHE!\n\n**Extra:**\n- two\n')
    const report = runImport({ files: [doc], outDir: path.join(dir, 'out'), dryRun: false })
    expect(report).toMatchObject({ found: 2, questions: 1, mergedGroups: [{ title: 'Design a cache', sources: ['twice.md:3-6', 'twice.md:12-15'] }] })
    const file = fs.readFileSync(path.join(dir, 'out', 'design-a-cache.md'), 'utf8')
    expect(file).toContain('### Notes')
    expect(file).toContain('### Extra')
  })

  it('sets aside a question whose title the curated bank already has, after folding framing words, and writes the rest', () => {
    const dir = tempDir()
    const doc = writeDoc(dir, 'notes.md', '### Q: How would you design a URL shortener?\n\n---\n\n### Q: Design a URL shortener with click analytics\n')
    const curated = [{ id: 'url-shortener', title: 'Design a URL shortener', sources: [] }]
    const report = runImport({ files: [doc], outDir: path.join(dir, 'out'), dryRun: false, curated })
    expect(report.curatedDuplicates).toEqual([
      { title: 'How would you design a URL shortener?', curatedId: 'url-shortener', by: 'title', sources: ['notes.md:1-1'], staleDraft: null },
    ])
    expect(report.written).toEqual(['design-a-url-shortener-with-click-analytics.md'])
  })

  it('reports empty, binary, huge and missing files and still imports the rest', () => {
    const dir = tempDir()
    const files = [
      writeDoc(dir, 'empty.md', ''),
      writeDoc(dir, 'binary.png', Buffer.from(Array.from({ length: 2000 }, (_, index) => (index * 37) % 256))),
      writeDoc(dir, 'huge.md', Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 'a')),
      path.join(dir, 'missing.md'),
      dir,
      writeDoc(dir, 'good.md', '### Q: Design a counter\n\n**Answer:** use a sharded counter\n'),
      writeDoc(dir, 'prose.md', 'Just some notes without questions.\n'),
    ]
    const report = runImport({ files, outDir: path.join(dir, 'out'), dryRun: false })
    const byName = Object.fromEntries(report.documents.map((document) => [path.basename(document.path), document]))
    expect(byName['empty.md']?.error).toBe('empty document')
    expect(byName['binary.png']?.error).toMatch(/binary/)
    expect(byName['huge.md']?.error).toMatch(/too large/)
    expect(byName['missing.md']?.error).toMatch(/could not be read/)
    expect(byName['prose.md']?.skipped).toEqual([{ line: 1, reason: 'no questions found (no question headings, lists, toggles, callouts or labels)' }])
    expect(report.written).toEqual(['design-a-counter.md'])
  })

  it('decodes damaged UTF-8 without failing', () => {
    const decoded = decodeDocument(Buffer.concat([Buffer.from('### Q: Design a '), Buffer.from([0xff, 0xfe]), Buffer.from('queue\n')]))
    expect(decoded).toEqual({ ok: true, text: '### Q: Design a queue\n' })
  })
})
