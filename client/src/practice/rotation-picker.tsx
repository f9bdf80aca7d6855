import { useId, useState } from 'react'
import { DIFFICULTIES, KIND_LABELS, QUESTION_KINDS } from '../../../shared/bank.ts'
import type { RotationItem } from '../../../shared/practice.ts'
import { formatDay } from './format.ts'
import { fetchRotation, useLoaded, type RotationFilters } from './practice-api.ts'

interface RotationPickerProps {
  legend: string
  /** The candidate whose history marks the list: a member id, or the room they sit in. */
  candidate: { candidateId: string } | { roomId: string } | null
  value: string | null
  onChange: (questionId: string | null) => void
  /** A question another part already asks, left out of this list. */
  exclude?: string | null
}

function optionLabel(item: RotationItem, suggested: boolean): string {
  const had = item.timesHad > 0 ? ` — already had ${item.timesHad}× (last ${formatDay(item.lastHadAt ?? 0)})` : ''
  return `${suggested ? '★ ' : ''}${item.title} · ${KIND_LABELS[item.kind]} · ${item.difficulty}${had}`
}

/**
 * Picks a question for a candidate who is a member: the ones they have had as candidate are
 * marked, a few they have not are suggested (★), and the list narrows by topic, kind and difficulty.
 */
export function RotationPicker({ legend, candidate, value, onChange, exclude = null }: RotationPickerProps) {
  const ids = { category: useId(), kind: useId(), difficulty: useId(), question: useId() }
  const [filters, setFilters] = useState<RotationFilters>({})
  const key = candidate ? JSON.stringify(candidate) : 'none'
  const whole = useLoaded(() => (candidate ? fetchRotation(candidate, {}) : Promise.resolve(null)), key)
  const filtered = useLoaded(() => (candidate ? fetchRotation(candidate, filters) : Promise.resolve(null)), `${key} ${JSON.stringify(filters)}`)
  const categories = whole.state === 'ready' && whole.data ? [...new Set(whole.data.items.map((item) => item.category))].sort() : []
  const rotation = filtered.state === 'ready' ? filtered.data : null
  const items = rotation?.items.filter((item) => item.questionId !== exclude) ?? []
  const suggested = new Set(rotation?.suggestedIds ?? [])
  const set = (patch: RotationFilters) => setFilters((previous) => ({ ...previous, ...patch }))

  return (
    <fieldset className="rotation">
      <legend>{legend}</legend>
      {!candidate && <p className="muted">Choose the partner first: the list marks what the candidate has already had.</p>}
      {candidate && (
        <>
          <div className="rotation-filters">
            <label className="bank-field" htmlFor={ids.category}>
              <span>Topic</span>
              <select id={ids.category} value={filters.category ?? ''} onChange={(event) => set({ category: event.target.value })}>
                <option value="">Any topic</option>
                {categories.map((category) => (
                  <option key={category}>{category}</option>
                ))}
              </select>
            </label>
            <label className="bank-field" htmlFor={ids.kind}>
              <span>Kind</span>
              <select id={ids.kind} value={filters.kind ?? ''} onChange={(event) => set({ kind: event.target.value })}>
                <option value="">Any kind</option>
                {QUESTION_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {KIND_LABELS[kind]}
                  </option>
                ))}
              </select>
            </label>
            <label className="bank-field" htmlFor={ids.difficulty}>
              <span>Difficulty</span>
              <select id={ids.difficulty} value={filters.difficulty ?? ''} onChange={(event) => set({ difficulty: event.target.value })}>
                <option value="">Any difficulty</option>
                {DIFFICULTIES.map((difficulty) => (
                  <option key={difficulty}>{difficulty}</option>
                ))}
              </select>
            </label>
          </div>
          <label className="bank-field" htmlFor={ids.question}>
            <span>Question{rotation?.candidate ? ` for ${rotation.candidate.displayName}` : ''}</span>
          </label>
          <select id={ids.question} value={value ?? ''} onChange={(event) => onChange(event.target.value || null)}>
            <option value="">No question (free-form interview)</option>
            {items.map((item) => (
              <option key={item.questionId} value={item.questionId}>
                {optionLabel(item, suggested.has(item.questionId))}
              </option>
            ))}
          </select>
          {rotation && rotation.suggestedIds.length > 0 && (
            <p className="muted">★ Suggested: not had yet{rotation.candidate ? ` by ${rotation.candidate.displayName}` : ''}.</p>
          )}
          {filtered.state === 'error' && <p className="error">{filtered.message}</p>}
        </>
      )}
    </fieldset>
  )
}
