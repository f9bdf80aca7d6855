import type { FoundQuestion, FoundSection } from './found-question.ts'

export interface Occurrence {
  document: string
  question: FoundQuestion
}

export interface MergedQuestion {
  /** The richest occurrence: its title, prompt and category are used. */
  primary: FoundQuestion
  /** Every place the question was found, in input order. */
  occurrences: Occurrence[]
  /** The primary's sections, then sections only other occurrences had. */
  sections: FoundSection[]
}

export interface NearDuplicate {
  a: string
  b: string
  /** Dice similarity of the titles' content words, 0–1. */
  score: number
}

/** Two questions are the same when their titles match after folding case, accents and punctuation. */
export function mergeKey(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim()
}

export function mergeQuestions(occurrences: readonly Occurrence[]): MergedQuestion[] {
  const groups = new Map<string, Occurrence[]>()
  for (const occurrence of occurrences) {
    const key = mergeKey(occurrence.question.title)
    groups.set(key, [...(groups.get(key) ?? []), occurrence])
  }
  return [...groups.values()].map((group) => {
    const primary = [...group].sort((x, y) => richness(y.question) - richness(x.question))[0]?.question ?? group[0]!.question
    const labels = new Set(primary.sections.map((section) => sectionKey(section)))
    const extra = group
      .filter((occurrence) => occurrence.question !== primary)
      .flatMap((occurrence) => occurrence.question.sections)
      .filter((section) => section.markdown !== '' && !labels.has(sectionKey(section)) && labels.add(sectionKey(section)))
    return { primary, occurrences: group, sections: [...primary.sections, ...extra] }
  })
}

function richness(question: FoundQuestion): number {
  return question.sections.reduce((sum, section) => sum + section.markdown.length, 0)
}

function sectionKey(section: FoundSection): string {
  return mergeKey(section.label)
}

const STOP_WORDS = new Set(
  'a an and are as at be by can design do does for from how i in is it its of on or should that the this to use what when which why will with would you your system systems like handle key'.split(
    ' ',
  ),
)

/** Titles sharing most of their content words: reported for a person to judge, never merged silently. */
export function findNearDuplicates(merged: readonly MergedQuestion[], threshold = 0.6): NearDuplicate[] {
  const words = merged.map((entry) => contentWords(entry.primary.title))
  const pairs: NearDuplicate[] = []
  for (let i = 0; i < merged.length; i += 1) {
    for (let j = i + 1; j < merged.length; j += 1) {
      const score = dice(words[i]!, words[j]!)
      if (score >= threshold) pairs.push({ a: merged[i]!.primary.title, b: merged[j]!.primary.title, score: Math.round(score * 100) / 100 })
    }
  }
  return pairs.sort((x, y) => y.score - x.score)
}

function contentWords(title: string): Set<string> {
  return new Set(
    mergeKey(title)
      .split(' ')
      .filter((word) => word.length > 1 && !STOP_WORDS.has(word))
      .map(stem),
  )
}

/** Just enough stemming for titles: "shortener", "shortening" and "short" meet at "short". */
function stem(word: string): string {
  return word.replace(/(?:ening|ener|ing|ers|er|es|s)$/, '') || word
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0
  let shared = 0
  for (const word of a) if (b.has(word)) shared += 1
  return (2 * shared) / (a.size + b.size)
}
