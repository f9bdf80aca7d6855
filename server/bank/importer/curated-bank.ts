import fs from 'node:fs'
import path from 'node:path'
import { listBankFiles } from '../bank-files.ts'
import { splitFrontMatter } from '../format/front-matter.ts'
import { mergeKey, type MergedQuestion } from './merge.ts'

/** What the importer needs to know of a curated question: enough to tell whether a draft repeats it. */
export interface CuratedQuestion {
  id: string
  title: string
  sources: { document: string; startLine: number; endLine: number }[]
}

export interface CuratedMatch {
  id: string
  /** `source`: a curated file cites where this question was found; `title`: the titles are the same after normalisation. */
  by: 'source' | 'title'
}

/**
 * Id, title and sources of every question file in a bank folder, from the front matter alone:
 * the importer must not depend on the rest of a curated file being valid (the loader reports that).
 */
export function readCuratedQuestions(bankDir: string): CuratedQuestion[] {
  const questions: CuratedQuestion[] = []
  for (const file of listBankFiles([bankDir]).questions) {
    try {
      const { data } = splitFrontMatter(fs.readFileSync(file, 'utf8'))
      const meta = data as { id?: unknown; title?: unknown; sources?: unknown }
      questions.push({
        id: typeof meta.id === 'string' ? meta.id : path.basename(file, '.md'),
        title: typeof meta.title === 'string' ? meta.title : '',
        sources: sourcesOf(meta.sources),
      })
    } catch {
      questions.push({ id: path.basename(file, '.md'), title: '', sources: [] })
    }
  }
  return questions
}

function sourcesOf(value: unknown): CuratedQuestion['sources'] {
  if (!Array.isArray(value)) return []
  return value.flatMap((entry: { document?: unknown; lines?: unknown }) => {
    const lines = typeof entry?.lines === 'string' ? /^(\d+)-(\d+)$/.exec(entry.lines.trim()) : null
    if (typeof entry?.document !== 'string' || !lines) return []
    return [{ document: path.basename(entry.document.trim()), startLine: Number(lines[1]), endLine: Number(lines[2]) }]
  })
}

/**
 * The curated question a merged draft repeats, if any. A cited source matches when it names the
 * same document and covers at least half of the question's lines (a curated file may cite a
 * slightly different range); a title matches when both read the same once case, punctuation,
 * articles and the framing words (`Design a`, `How would you`) are set aside.
 */
export function findCuratedMatch(entry: MergedQuestion, curated: readonly CuratedQuestion[]): CuratedMatch | null {
  for (const { document, question } of entry.occurrences) {
    const span = question.endLine - question.startLine + 1
    const cited = curated.find((candidate) => candidate.sources.some((source) => source.document === document && overlap(source, question) * 2 >= span))
    if (cited) return { id: cited.id, by: 'source' }
  }
  const key = titleKey(entry.primary.title)
  const same = key === '' ? undefined : curated.find((candidate) => titleKey(candidate.title) === key)
  return same ? { id: same.id, by: 'title' } : null
}

function overlap(source: CuratedQuestion['sources'][number], question: { startLine: number; endLine: number }): number {
  return Math.max(0, Math.min(source.endLine, question.endLine) - Math.max(source.startLine, question.startLine) + 1)
}

const FRAMING_WORDS = new Set('a an the how would you do we design build implement what is are explain describe'.split(' '))

export function titleKey(title: string): string {
  return mergeKey(title)
    .split(' ')
    .filter((word) => word !== '' && !FRAMING_WORDS.has(word))
    .join(' ')
}
