import type { Db } from '../db/connection.ts'
import type { QuestionFacets, QuestionList, QuestionListItem, QuestionQuery } from '../../shared/bank.ts'

/**
 * bm25 weights per FTS column (title, prompt, tags, outline): a word in the title says far more
 * about what a question is than the same word deep in the reference outline.
 */
const BM25_WEIGHTS = '10.0, 4.0, 3.0, 1.0'
/**
 * bm25 favours short rows, so a terse imported draft would outrank the curated question on the
 * same topic; curated (ready) questions get their score scaled up by this factor.
 */
const READY_BOOST = 1.25
const MAX_SEARCH_TERMS = 12

interface ListRow {
  id: string
  title: string
  kind: QuestionListItem['kind']
  category: string
  difficulty: QuestionListItem['difficulty']
  status: QuestionListItem['status']
  tags: string
  phase_plan_id: string
  summary: string
  document: string
}

/**
 * Turns what a person types into an FTS5 query: every word becomes a quoted prefix term (so
 * "shor" finds "shortener" while typing), and all must match. Quoting makes FTS5 syntax
 * characters in the input (", *, NEAR, -) plain text. Returns null when nothing searchable is left.
 */
export function toFtsQuery(input: string): string | null {
  const words = input.match(/[\p{L}\p{N}]+/gu)?.slice(0, MAX_SEARCH_TERMS) ?? []
  return words.length === 0 ? null : words.map((word) => `"${word}"*`).join(' ')
}

export function searchQuestions(db: Db, query: QuestionQuery): QuestionList {
  const match = query.q ? toFtsQuery(query.q) : null
  const where = ['q.archived_at IS NULL']
  const params: unknown[] = []
  if (match) {
    where.push('bank_questions_fts MATCH ?')
    params.push(match)
  }
  if (query.category) addFilter(where, params, 'q.category = ? COLLATE NOCASE', query.category)
  if (query.kind) addFilter(where, params, 'q.kind = ?', query.kind)
  if (query.difficulty) addFilter(where, params, 'q.difficulty = ?', query.difficulty)
  if (query.tag) addFilter(where, params, 'EXISTS (SELECT 1 FROM json_each(q.tags) WHERE json_each.value = ? COLLATE NOCASE)', query.tag)
  const from = match ? 'bank_questions_fts JOIN bank_questions q ON q.row_id = bank_questions_fts.rowid' : 'bank_questions q'
  // Without a search, curated questions come before imported drafts, then by category and title.
  const order = match
    ? `bm25(bank_questions_fts, ${BM25_WEIGHTS}) * (CASE q.status WHEN 'ready' THEN ${READY_BOOST} ELSE 1.0 END), q.title`
    : `q.status = 'draft', q.category, q.title`
  const condition = where.join(' AND ')
  const sqlite = db.$client
  const rows = sqlite
    .prepare(
      `SELECT q.id, q.title, q.kind, q.category, q.difficulty, q.status, q.tags, q.phase_plan_id, q.summary, q.document FROM ${from} WHERE ${condition} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(...params, query.limit, query.offset) as ListRow[]
  const total = (sqlite.prepare(`SELECT count(*) AS total FROM ${from} WHERE ${condition}`).get(...params) as { total: number }).total
  return { items: rows.map(toListItem), total, facets: bankFacets(db) }
}

function addFilter(where: string[], params: unknown[], clause: string, value: string): void {
  where.push(clause)
  params.push(value)
}

function toListItem(row: ListRow): QuestionListItem {
  const { timeLimitMinutes } = JSON.parse(row.document) as { timeLimitMinutes: number | null }
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    category: row.category,
    difficulty: row.difficulty,
    status: row.status,
    tags: JSON.parse(row.tags) as string[],
    phasePlanId: row.phase_plan_id,
    timeLimitMinutes,
    summary: row.summary,
  }
}

export function bankFacets(db: Db): QuestionFacets {
  const sqlite = db.$client
  const categories = sqlite
    .prepare('SELECT DISTINCT category FROM bank_questions WHERE archived_at IS NULL ORDER BY category COLLATE NOCASE')
    .pluck()
    .all() as string[]
  const tags = sqlite
    .prepare('SELECT DISTINCT json_each.value FROM bank_questions, json_each(bank_questions.tags) WHERE archived_at IS NULL ORDER BY 1')
    .pluck()
    .all() as string[]
  return { categories, tags }
}
