import { useEffect, useState } from 'react'
import { Link, useParams } from 'wouter'
import { DisplayNameSchema, type RoomSession } from '../../../shared/api.ts'
import { ROLE_LABELS } from '../../../shared/roles.ts'
import { apiFetch, ApiError } from '../api.ts'
import { joinedName, rememberedName, rememberName, takeInviteToken } from './invite-storage.ts'
import { RoomPage } from './room-page.tsx'

type SessionState = { status: 'loading' } | { status: 'invalid'; message: string } | { status: 'ready'; session: RoomSession }

/** The room route: check the invite link, ask for a display name, then enter the room. */
export default function RoomRoute() {
  const { roomId = '' } = useParams()
  const [token] = useState(() => takeInviteToken(roomId))
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const [name, setName] = useState<string | undefined>(() => joinedName(roomId))

  useEffect(() => {
    if (!token) {
      setState({ status: 'invalid', message: 'This address has no invite in it. Open the full link you were sent.' })
      return
    }
    apiFetch<RoomSession>(`/api/rooms/${encodeURIComponent(roomId)}/session`, { token }).then(
      (session) => setState({ status: 'ready', session }),
      (error: unknown) => setState({ status: 'invalid', message: describeSessionError(error) }),
    )
  }, [roomId, token])

  if (state.status === 'loading') return <p className="page-status">Checking your invite…</p>
  if (state.status === 'invalid') return <InvalidInvite message={state.message} />
  if (name === undefined || !token) return <NamePrompt session={state.session} onJoin={setName} />
  return <RoomPage session={state.session} token={token} name={name} />
}

function describeSessionError(error: unknown): string {
  if (error instanceof ApiError && (error.code === 'UNAUTHORIZED' || error.code === 'ROOM_NOT_FOUND')) {
    return 'This invite link is not valid: it may be mistyped, or for a room that does not exist.'
  }
  return error instanceof Error ? error.message : 'The room could not be opened.'
}

function InvalidInvite({ message }: { message: string }) {
  return (
    <main className="page narrow">
      <h1>We could not open this room</h1>
      <p role="alert">{message}</p>
      <p>
        Ask the interviewer for a fresh link, or <Link to="/">create a new room</Link>.
      </p>
    </main>
  )
}

function NamePrompt({ session, onJoin }: { session: RoomSession; onJoin: (name: string) => void }) {
  const [name, setName] = useState(rememberedName)
  const parsed = DisplayNameSchema.safeParse(name)
  return (
    <main className="page narrow">
      <h1>{session.title}</h1>
      <form
        className="card stack"
        onSubmit={(event) => {
          event.preventDefault()
          if (!parsed.success) return
          rememberName(session.roomId, parsed.data)
          onJoin(parsed.data)
        }}
      >
        <p>
          You are joining as <strong>{ROLE_LABELS[session.role]}</strong>.
        </p>
        <label className="field">
          <span>Your name</span>
          <input autoFocus value={name} maxLength={40} onChange={(event) => setName(event.target.value)} placeholder="How others will see you" />
        </label>
        <button type="submit" className="primary" disabled={!parsed.success}>
          Join as {ROLE_LABELS[session.role]}
        </button>
      </form>
    </main>
  )
}
