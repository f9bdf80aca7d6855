import { KIND_LABELS, QUESTION_KINDS, type QuestionKind } from '../../shared/bank.ts'

export const CATALOG_START = '<!-- catalog:start (written by npm run bank:check -- --write-catalog) -->'
export const CATALOG_END = '<!-- catalog:end -->'

export interface CatalogEntry {
  kind: QuestionKind
  category: string
}

/** The bank's categories as a Markdown table: how many questions of each kind each one holds. */
export function catalogMarkdown(entries: readonly CatalogEntry[]): string {
  const counts = new Map<string, Record<QuestionKind, number>>()
  for (const entry of entries) {
    const row = counts.get(entry.category) ?? { design: 0, concept: 0, scenario: 0 }
    row[entry.kind] += 1
    counts.set(entry.category, row)
  }
  const header = `| category | ${QUESTION_KINDS.map((kind) => KIND_LABELS[kind].toLowerCase()).join(' | ')} |`
  const rule = `| --- | ${QUESTION_KINDS.map(() => '---:').join(' | ')} |`
  const rows = [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, row]) => `| ${category} | ${QUESTION_KINDS.map((kind) => row[kind]).join(' | ')} |`)
  const totals = `| **all** | ${QUESTION_KINDS.map((kind) => entries.filter((entry) => entry.kind === kind).length).join(' | ')} |`
  return [header, rule, ...rows, totals].join('\n')
}

/** The README with its catalog block replaced, or null when the README has no block. */
export function withCatalog(readme: string, catalog: string): string | null {
  const start = readme.indexOf(CATALOG_START)
  const end = readme.indexOf(CATALOG_END)
  if (start === -1 || end < start) return null
  return `${readme.slice(0, start + CATALOG_START.length)}\n${catalog}\n${readme.slice(end)}`
}
