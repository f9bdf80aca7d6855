import { useEffect, useState } from 'react'
import type { PhasePlan, QuestionList, QuestionView } from '../../../shared/bank.ts'
import { errorText, fetchPhasePlans, fetchQuestion, fetchQuestions, isAbort, questionsUrl, type BankFilters } from './bank-api.ts'

export type Loadable<T> = { state: 'loading'; data?: T } | { state: 'ready'; data: T } | { state: 'error'; message: string; code?: string; data?: T }

/**
 * Loads whatever `load` returns whenever `key` changes. A newer request aborts the older one, so
 * results of a query typed earlier can never overwrite those of the latest one.
 */
function useLoad<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>, fallback: string): Loadable<T> {
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' })
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` fetches; a new `load` closure for the same key must not refetch.
  useEffect(() => {
    if (key === null) return
    const controller = new AbortController()
    setResult((previous) => ({ state: 'loading', data: previous.data }))
    load(controller.signal).then(
      (data) => setResult({ state: 'ready', data }),
      (error: unknown) => {
        if (isAbort(error)) return
        const code = (error as { code?: string }).code
        setResult((previous) => ({ state: 'error', message: errorText(error, fallback), code, data: previous.data }))
      },
    )
    return () => controller.abort()
    // `load` is recreated each render; `key` says when the request really changes.
  }, [key])
  return result
}

export function useQuestionList(filters: BankFilters): Loadable<QuestionList> {
  return useLoad(questionsUrl(filters), (signal) => fetchQuestions(filters, signal), 'The questions could not be loaded.')
}

export function useQuestion(id: string | null): Loadable<QuestionView> {
  return useLoad(id, (signal) => fetchQuestion(id ?? '', signal), 'The question could not be loaded.')
}

export function usePhasePlans(): Loadable<PhasePlan[]> {
  return useLoad('phase-plans', (signal) => fetchPhasePlans(signal), 'The phase plans could not be loaded.')
}

/** The value after it has stopped changing for `delayMs`: search as you type without a request per keystroke. */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs)
    return () => clearTimeout(timer)
  }, [value, delayMs])
  return settled
}
