import { useMemo } from 'react'
import { Link } from 'react-router'
import type { RoomSession } from '../../../shared/api.ts'
import type { Participant } from '../../../shared/events.ts'
import { can, ROLE_LABELS } from '../../../shared/roles.ts'
import { Board } from '../board/board.tsx'
import { colorFor } from './participant-color.ts'
import { clientKeyFor } from './invite-storage.ts'
import { useRoomSocket, type ConnectionStatus } from './use-room-socket.ts'

interface RoomPageProps {
  session: RoomSession
  token: string
  name: string
}

export function RoomPage({ session, token, name }: RoomPageProps) {
  const { participants, status } = useRoomSocket(session.roomId, token, name)
  const readOnly = !can(session.role, 'board:edit')
  const clientKey = clientKeyFor(session.roomId)
  const user = useMemo(() => ({ id: clientKey, name, color: colorFor(clientKey), role: session.role }), [clientKey, name, session.role])

  if (status === 'refused') {
    return (
      <main className="page narrow">
        <h1>We could not open this room</h1>
        <p role="alert">This invite link is no longer valid.</p>
        <Link to="/">Go to the start page</Link>
      </main>
    )
  }

  return (
    <div className="room">
      <header className="room-bar">
        <Link to="/" className="brand">
          Mockboard
        </Link>
        <h1 className="room-title">{session.title}</h1>
        <span className={`role-badge role-${session.role}`}>{ROLE_LABELS[session.role]}</span>
        {readOnly && <span className="muted">View only</span>}
        <ConnectionBadge status={status} />
      </header>
      <div className="room-body">
        <Board roomId={session.roomId} token={token} readOnly={readOnly} user={user} />
        <aside className="room-side" aria-label="Room">
          <ParticipantList participants={participants} />
        </aside>
      </div>
    </div>
  )
}

function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const label = status === 'online' ? 'Connected' : status === 'connecting' ? 'Connecting…' : 'Reconnecting…'
  return (
    <span className={`connection connection-${status}`} role="status">
      {label}
    </span>
  )
}

function ParticipantList({ participants }: { participants: Participant[] }) {
  return (
    <section aria-labelledby="participants-heading">
      <h2 id="participants-heading">Participants</h2>
      <ul className="participants" aria-label="Participants">
        {participants.map((participant) => (
          <li key={participant.id} data-online={participant.online}>
            <span className="presence-dot" aria-hidden="true" />
            <span className="participant-name">{participant.name}</span>
            <span className="muted">
              {ROLE_LABELS[participant.role]} · {participant.online ? 'online' : 'offline'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
