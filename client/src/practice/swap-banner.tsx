import { useState } from 'react'
import { RoleLinkSchema, SwapStatusSchema } from '../../../shared/practice.ts'
import { ROLE_LABELS } from '../../../shared/roles.ts'
import { apiFetch, ApiError } from '../api.ts'
import { useLoaded } from './practice-api.ts'
import './practice.css'

/**
 * Once part 1 of a swap has ended: the way into part 2, in the reversed role. Asked with this
 * room's own invite, so a guest in a swap gets there as well as a member.
 */
export function SwapBanner({ roomId, token }: { roomId: string; token: string }) {
  const path = `/api/practice/rooms/${encodeURIComponent(roomId)}`
  const status = useLoaded(async () => SwapStatusSchema.parse(await apiFetch<unknown>(`${path}/swap`, { token })), `${path} ${token}`)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  if (status.state !== 'ready' || !status.data.ready || !status.data.nextRole) return null
  const nextRole = status.data.nextRole

  async function go() {
    setBusy(true)
    try {
      const { link } = RoleLinkSchema.parse(await apiFetch<unknown>(`${path}/swap-link`, { method: 'POST', body: '{}', token }))
      window.location.assign(link)
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Part 2 could not be opened.')
      setBusy(false)
    }
  }

  return (
    <section className="swap-banner" aria-labelledby="swap-heading">
      <h2 id="swap-heading">Swap roles: go to part 2</h2>
      <p className="muted">Part 2 has its own question, board, timer and notes. You are the {ROLE_LABELS[nextRole].toLowerCase()} there.</p>
      <button type="button" className="primary" onClick={() => void go()} disabled={busy}>
        Go to part 2 as {ROLE_LABELS[nextRole].toLowerCase()}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  )
}
