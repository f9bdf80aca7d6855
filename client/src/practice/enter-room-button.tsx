import { useState } from 'react'
import { ROLE_LABELS, type Role } from '../../../shared/roles.ts'
import { ApiError } from '../api.ts'
import { fetchMyLink } from './practice-api.ts'

/**
 * Enters one of the member's own rooms: asks for a fresh link for their role (invite tokens are
 * stored hashed, so the first links cannot be shown again) and follows it.
 */
export function EnterRoomButton({ roomId, role, label }: { roomId: string; role?: Role; label?: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  async function enter() {
    setBusy(true)
    setError(undefined)
    try {
      window.location.assign((await fetchMyLink(roomId, role)).link)
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The room could not be opened.')
      setBusy(false)
    }
  }
  return (
    <span>
      <button type="button" onClick={() => void enter()} disabled={busy}>
        {label ?? (role ? `Enter as ${ROLE_LABELS[role].toLowerCase()}` : 'Open the room')}
      </button>
      {error && (
        <span role="alert" className="error">
          {' '}
          {error}
        </span>
      )}
    </span>
  )
}
