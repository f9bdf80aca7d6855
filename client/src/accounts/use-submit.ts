import { useState, type FormEvent } from 'react'
import { ApiError } from '../api.ts'

/** One form's submit: busy while it runs, the server's message on failure. */
export function useSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await action()
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Something went wrong.')
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, onSubmit }
}
