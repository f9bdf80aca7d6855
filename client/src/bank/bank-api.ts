import * as z from 'zod/mini'
import { PhasePlanListSchema, QuestionListSchema, QuestionViewSchema, type PhasePlan, type QuestionList, type QuestionView } from '../../../shared/bank.ts'
import { apiFetch } from '../api.ts'

/** The filters of `GET /api/questions`, as the page keeps them in its URL. Empty values are left out. */
export interface BankFilters {
  q?: string
  category?: string
  kind?: string
  difficulty?: string
  tag?: string
  limit?: number
}

export function questionsUrl(filters: BankFilters): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && String(value).trim() !== '') params.set(key, String(value).trim())
  }
  const query = params.toString()
  return query ? `/api/questions?${query}` : '/api/questions'
}

// Responses are parsed with the shared schemas: a server/client mismatch fails loudly here, not deep in a component.
export async function fetchQuestions(filters: BankFilters, signal?: AbortSignal): Promise<QuestionList> {
  return QuestionListSchema.parse(await apiFetch<unknown>(questionsUrl(filters), { signal }))
}

export async function fetchQuestion(id: string, signal?: AbortSignal): Promise<QuestionView> {
  return QuestionViewSchema.parse(await apiFetch<unknown>(`/api/questions/${encodeURIComponent(id)}`, { signal }))
}

export async function fetchPhasePlans(signal?: AbortSignal): Promise<PhasePlan[]> {
  return PhasePlanListSchema.parse(await apiFetch<unknown>('/api/questions/phase-plans', { signal })).items
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

export function errorText(error: unknown, fallback: string): string {
  // zod/mini's parse throws the core error class (classic zod's ZodError extends it).
  if (error instanceof z.core.$ZodError) return 'The server sent an answer this page does not understand. Reload the page.'
  return error instanceof Error && error.message ? error.message : fallback
}
