import { useCallback, useEffect, useState } from 'react'
import { apiFetch, ApiError } from '../api.ts'

/** GET `path` → `{ items }`, with a reload after each change. */
export function useList<T>(path: string) {
  const [items, setItems] = useState<T[] | null>(null)
  const [error, setError] = useState<string>()
  const reload = useCallback(async () => {
    try {
      setItems((await apiFetch<{ items: T[] }>(path)).items)
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The list could not be loaded.')
    }
  }, [path])
  useEffect(() => {
    void reload()
  }, [reload])
  return { items, error, reload }
}

export const formatTime = (at: number | null) => (at === null ? 'never' : new Date(at).toLocaleString())
