import { useEffect, useId, useState } from 'react'
import { KIND_LABELS, type QuestionListItem } from '../../../shared/bank.ts'
import { useDebounced, usePhasePlans, useQuestion, useQuestionList } from './use-bank-data.ts'
import './bank.css'

export interface QuestionPickerValue {
  questionId: string | null
  phasePlanId: string | null
}

interface QuestionPickerProps {
  value: QuestionPickerValue
  onChange: (value: QuestionPickerValue) => void
  disabled?: boolean
}

const PICKER_RESULTS = 50

/**
 * Chooses a bank question and a phase plan, e.g. for a new room. Picking a question also picks its
 * suggested plan, unless the plan was chosen by hand. "No question" leaves the room free-form.
 */
export function QuestionPicker({ value, onChange, disabled = false }: QuestionPickerProps) {
  const ids = { search: useId(), question: useId(), plan: useId() }
  const [text, setText] = useState('')
  const query = useDebounced(text, 200)
  const list = useQuestionList({ q: query, limit: PICKER_RESULTS })
  const plans = usePhasePlans()
  const [planChosenByHand, setPlanChosenByHand] = useState(false)
  const selected = useSelectedQuestion(value.questionId, list.data?.items)
  const chosenPlan = plans.data?.find((plan) => plan.id === value.phasePlanId)
  const options = selected && !list.data?.items.some((item) => item.id === selected.id) ? [selected, ...(list.data?.items ?? [])] : (list.data?.items ?? [])

  function pickQuestion(questionId: string) {
    const item = options.find((option) => option.id === questionId)
    const phasePlanId = planChosenByHand ? value.phasePlanId : (item?.phasePlanId ?? value.phasePlanId)
    onChange({ questionId: questionId || null, phasePlanId })
  }

  return (
    <fieldset className="bank-picker" disabled={disabled}>
      <legend>Question and timing</legend>
      <label className="bank-field" htmlFor={ids.search}>
        <span>Search the bank</span>
      </label>
      <input
        id={ids.search}
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        // The picker sits inside other forms (new room): Enter here narrows the list, it must not submit them.
        onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
        placeholder="Type to narrow the list"
      />
      <label className="bank-field" htmlFor={ids.question}>
        <span>Question</span>
      </label>
      <select id={ids.question} value={value.questionId ?? ''} onChange={(event) => pickQuestion(event.target.value)}>
        <option value="">No question (free-form interview)</option>
        {options.map((item) => (
          <option key={item.id} value={item.id}>
            {item.title} · {KIND_LABELS[item.kind]}
            {item.status === 'draft' ? ' (draft)' : ''}
          </option>
        ))}
      </select>
      {list.state === 'error' && <p className="error">{list.message}</p>}
      {list.data && list.data.total > PICKER_RESULTS && !text && (
        <p className="muted">
          Showing {PICKER_RESULTS} of {list.data.total}; type to find others.
        </p>
      )}
      {selected && <SelectedSummary item={selected} />}
      <label className="bank-field" htmlFor={ids.plan}>
        <span>Phase plan</span>
      </label>
      <select
        id={ids.plan}
        value={value.phasePlanId ?? ''}
        onChange={(event) => {
          setPlanChosenByHand(event.target.value !== '')
          onChange({ questionId: value.questionId, phasePlanId: event.target.value || null })
        }}
      >
        <option value="">No timer plan</option>
        {plans.data?.map((plan) => (
          <option key={plan.id} value={plan.id}>
            {plan.title} ({plan.totalMinutes} min)
          </option>
        ))}
      </select>
      {chosenPlan && <p className="muted">{chosenPlan.phases.map((phase) => `${phase.name} ${phase.minutes} min`).join(' · ')}</p>}
      {plans.state === 'error' && <p className="error">{plans.message}</p>}
    </fieldset>
  )
}

/** The chosen question's list entry, fetched on its own when the current search does not include it. */
function useSelectedQuestion(questionId: string | null, items: QuestionListItem[] | undefined): QuestionListItem | null {
  const [remembered, setRemembered] = useState<QuestionListItem | null>(null)
  const inList = items?.find((item) => item.id === questionId) ?? null
  const needsFetch = questionId !== null && !inList && remembered?.id !== questionId
  const fetched = useQuestion(needsFetch ? questionId : null)
  useEffect(() => {
    if (inList) setRemembered(inList)
  }, [inList])
  useEffect(() => {
    if (fetched.state !== 'ready' || fetched.data.id !== questionId) return
    const question = fetched.data
    const summary = question.prompt.replace(/\s+/g, ' ').slice(0, 200)
    setRemembered({ ...question, status: question.view === 'full' ? question.status : 'ready', summary })
  }, [fetched, questionId])
  if (questionId === null) return null
  return inList ?? (remembered?.id === questionId ? remembered : null)
}

function SelectedSummary({ item }: { item: QuestionListItem }) {
  return (
    <div className="bank-picker-summary">
      <p>{item.summary}</p>
      {/* A plain link: it opens a new tab, so there is nothing for the router to do. */}
      <a href={`/bank/${item.id}`} target="_blank" rel="noreferrer">
        Open “{item.title}” in the bank
      </a>
    </div>
  )
}
