import type { FormatProblem } from './format-error.ts'

export const MIN_KEYWORDS_PER_LEVELED_CRITERION = 3
export const MAX_KEYWORDS_PER_LEVELED_CRITERION = 10

/**
 * Words that show up in almost any interview conversation, so seeing one proves nothing about the
 * criterion (the issue found "trade-off" matching every session). Compared after lowercasing and
 * folding hyphens and spaces, so "Trade off" and "trade-offs" are caught too.
 */
export const GENERIC_KEYWORDS: readonly string[] = [
  'trade-off',
  'trade-offs',
  'tradeoff',
  'tradeoffs',
  'because',
  'scalable',
  'scalability',
  'scale',
  'scaling',
  'design',
  'system',
  'systems',
  'performance',
  'good',
  'better',
  'best',
  'fast',
  'efficient',
  'reliable',
  'reliability',
  'robust',
  'cache',
  'database',
  'server',
  'architecture',
  'example',
  'clear',
  'simple',
  'approach',
  'solution',
]

const GENERIC = new Set(GENERIC_KEYWORDS.map(foldKeyword))

function foldKeyword(keyword: string): string {
  return keyword.toLowerCase().replace(/[\s_‐–-]+/g, '')
}

export function isGenericKeyword(keyword: string): boolean {
  return GENERIC.has(foldKeyword(keyword))
}

/** The keyword rules of the second edition, for a criterion that carries leveled expectations. */
export function keywordProblems(keywords: readonly string[], at: string, line: number): FormatProblem[] {
  const problems: FormatProblem[] = []
  const count = keywords.length
  if (count < MIN_KEYWORDS_PER_LEVELED_CRITERION || count > MAX_KEYWORDS_PER_LEVELED_CRITERION) {
    problems.push({
      line,
      message: `${at}: has ${count} keywords; give ${MIN_KEYWORDS_PER_LEVELED_CRITERION}–${MAX_KEYWORDS_PER_LEVELED_CRITERION} concrete ones`,
    })
  }
  for (const keyword of keywords) {
    if (isGenericKeyword(keyword)) {
      problems.push({ line, message: `${at}: keyword "${keyword}" matches any conversation; name the concrete technique or term instead` })
    }
  }
  // Keywords are split at commas, so "11,600 clicks" arrives as "11" and "600 clicks": each part would match any figure.
  keywords.forEach((keyword, index) => {
    const next = keywords[index + 1]
    if (next !== undefined && /\d$/.test(keyword) && /^\d{3}(\s|$)/.test(next)) {
      problems.push({
        line,
        message: `${at}: keywords "${keyword}" and "${next}" look like one figure split at its thousands separator; write it without the comma`,
      })
    }
  })
  const seen = new Set<string>()
  for (const keyword of keywords) {
    const folded = foldKeyword(keyword)
    if (seen.has(folded)) problems.push({ line, message: `${at}: keyword "${keyword}" is listed twice` })
    seen.add(folded)
  }
  return problems
}
