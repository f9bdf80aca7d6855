import { AccountNav } from '../accounts/index.ts'
import { useEffect, useState } from 'react'
import { Link, useSearchParams } from 'wouter'
import { DIFFICULTIES, KIND_LABELS, QUESTION_KINDS, type QuestionFacets, type QuestionListItem } from '../../../shared/bank.ts'
import { useDebounced, useQuestionList } from './use-bank-data.ts'
import './bank.css'

const FILTERS = ['category', 'kind', 'difficulty', 'tag'] as const
type FilterName = (typeof FILTERS)[number]
const SEARCH_DELAY_MS = 200

/** The "Question bank" page: search as you type and filter; the query lives in the URL so results can be shared. */
export function BankPage() {
  const [params, setParams] = useSearchParams()
  const [text, setText] = useState(params.get('q') ?? '')
  const typed = useDebounced(text, SEARCH_DELAY_MS)
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Record<FilterName, string>

  useEffect(() => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        if (typed.trim()) next.set('q', typed.trim())
        else next.delete('q')
        return next
      },
      { replace: true },
    )
  }, [typed, setParams])

  // The whole bank fits one page (the API's maximum is 200); browsing should never hide questions.
  const list = useQuestionList({ q: params.get('q') ?? '', ...filters, limit: 200 })
  const setFilter = (name: FilterName, value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current)
      if (value) next.set(name, value)
      else next.delete(name)
      return next
    })

  return (
    <main className="page bank-page">
      <AccountNav />
      <h1>Question bank</h1>
      <div className="bank-search">
        <label className="bank-field bank-search-field">
          <span>Search questions</span>
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} placeholder="URL shortener, caching, consistency…" autoFocus />
        </label>
        <Filters facets={list.data?.facets} values={filters} onChange={setFilter} />
      </div>
      {list.state === 'error' && (
        <p role="alert" className="error">
          {list.message}
        </p>
      )}
      <p className="muted" role="status" aria-live="polite">
        {list.state === 'loading' && !list.data ? 'Loading…' : resultCount(list.data?.total ?? 0)}
      </p>
      <ul className="bank-results" aria-label="Questions" aria-busy={list.state === 'loading'}>
        {list.data?.items.map((item) => (
          <ResultItem key={item.id} item={item} />
        ))}
      </ul>
    </main>
  )
}

function resultCount(total: number): string {
  return total === 1 ? '1 question' : `${total} questions`
}

interface FiltersProps {
  facets: QuestionFacets | undefined
  values: Record<FilterName, string>
  onChange: (name: FilterName, value: string) => void
}

function Filters({ facets, values, onChange }: FiltersProps) {
  const options: Record<FilterName, { value: string; label: string }[]> = {
    category: (facets?.categories ?? []).map((value) => ({ value, label: value })),
    kind: QUESTION_KINDS.map((value) => ({ value, label: KIND_LABELS[value] })),
    difficulty: DIFFICULTIES.map((value) => ({ value, label: capitalize(value) })),
    tag: (facets?.tags ?? []).map((value) => ({ value, label: value })),
  }
  return (
    <div className="bank-filters">
      {FILTERS.map((name) => (
        <label key={name} className="bank-field">
          <span>{capitalize(name)}</span>
          <select value={values[name]} onChange={(event) => onChange(name, event.target.value)}>
            <option value="">Any</option>
            {withCurrent(options[name], values[name]).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  )
}

/** A filter from a shared URL stays selectable even before (or without) the facets that list it. */
function withCurrent(options: { value: string; label: string }[], current: string) {
  return current && !options.some((option) => option.value === current) ? [...options, { value: current, label: current }] : options
}

function ResultItem({ item }: { item: QuestionListItem }) {
  return (
    <li className="bank-result">
      <Link to={`/bank/${item.id}`} className="bank-result-title">
        {item.title}
      </Link>
      <QuestionMeta item={item} />
      {item.summary && <p className="bank-result-summary">{item.summary}</p>}
    </li>
  )
}

export function QuestionMeta({ item }: { item: Pick<QuestionListItem, 'kind' | 'category' | 'difficulty' | 'tags'> & { status?: string } }) {
  return (
    <p className="bank-meta">
      <span className={`bank-badge bank-kind-${item.kind}`}>{KIND_LABELS[item.kind]}</span>
      <span className={`bank-badge bank-difficulty-${item.difficulty}`}>{capitalize(item.difficulty)}</span>
      {item.status === 'draft' && <span className="bank-badge bank-draft">Draft</span>}
      <span className="bank-category">{item.category}</span>
      {item.tags.map((tag) => (
        <span key={tag} className="bank-tag">
          #{tag}
        </span>
      ))}
    </p>
  )
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
