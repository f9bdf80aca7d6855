import { Link } from 'wouter'
import type { MemberSummary, SessionItem } from '../../../shared/accounts.ts'
import type { PracticeRoom } from '../../../shared/practice.ts'
import { ROLE_LABELS } from '../../../shared/roles.ts'
import { EnterRoomButton } from './enter-room-button.tsx'
import { formatWhen } from './format.ts'
import { fetchRecent, fetchUpcoming, useLoaded } from './practice-api.ts'
import './practice.css'

const STATUS_LABELS = { lobby: 'Not started', live: 'Running', completed: 'Completed' } as const

/** The signed-in member's part of the home page: what is coming, what happened, where to go next. */
export function MemberHome({ member }: { member: MemberSummary }) {
  return (
    <>
      <nav aria-label="Practice" className="home-nav">
        <Link to="/schedule">Schedule a session</Link>
        <Link to="/progress">My progress</Link>
        {member.role === 'admin' && <Link to="/team">Team practice</Link>}
        <Link to="/bank">Question bank</Link>
      </nav>
      <UpcomingSessions />
      <RecentSessions member={member} />
    </>
  )
}

function UpcomingSessions() {
  const upcoming = useLoaded(fetchUpcoming, 'once')
  return (
    <section className="card" aria-labelledby="upcoming-heading">
      <h2 id="upcoming-heading">Upcoming sessions</h2>
      {upcoming.state === 'loading' && <p className="muted">Loading…</p>}
      {upcoming.state === 'error' && <p className="error">{upcoming.message}</p>}
      {upcoming.state === 'ready' &&
        (upcoming.data.items.length === 0 ? (
          <p className="muted">
            Nothing planned. <Link to="/schedule">Schedule a session</Link> with someone from the team.
          </p>
        ) : (
          <ul className="session-list">
            {upcoming.data.items.map((room) => (
              <UpcomingItem key={room.roomId} room={room} />
            ))}
          </ul>
        ))}
    </section>
  )
}

function UpcomingItem({ room }: { room: PracticeRoom }) {
  const partners = room.seats.map((seat) => `${seat.displayName} (${ROLE_LABELS[seat.role].toLowerCase()})`).join(', ')
  return (
    <li className="session-item">
      <div>
        <h3>
          {room.title}
          <span className={`status-badge status-${room.status}`}>{STATUS_LABELS[room.status]}</span>
        </h3>
        <p className="muted">
          {room.startsAt ? `Starts at ${formatWhen(room.startsAt)}` : 'Ready now'}
          {room.part ? ` · swap, part ${room.part} of 2` : ''} · {partners}
        </p>
      </div>
      {room.myRoles.map((role) => (
        <EnterRoomButton key={role} roomId={room.roomId} role={role} />
      ))}
    </li>
  )
}

function RecentSessions({ member }: { member: MemberSummary }) {
  const recent = useLoaded(fetchRecent, 'once')
  return (
    <section className="card" aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent sessions</h2>
      {recent.state === 'loading' && <p className="muted">Loading…</p>}
      {recent.state === 'error' && <p className="error">{recent.message}</p>}
      {recent.state === 'ready' &&
        (recent.data.items.length === 0 ? (
          <p className="muted">No sessions yet.</p>
        ) : (
          <ul className="session-list">
            {recent.data.items.map((session) => (
              <RecentItem key={session.roomId} session={session} member={member} />
            ))}
          </ul>
        ))}
    </section>
  )
}

function RecentItem({ session, member }: { session: SessionItem; member: MemberSummary }) {
  const others = session.participants.filter((participant) => participant.memberId !== member.memberId)
  const mine = session.myRoles.length > 0 || session.createdBy?.memberId === member.memberId
  return (
    <li className="session-item">
      <div>
        <h3>
          {session.title}
          <span className={`status-badge status-${session.status}`}>{STATUS_LABELS[session.status]}</span>
        </h3>
        <p className="muted">
          {formatWhen(session.startedAt ?? session.createdAt)}
          {session.myRoles.length > 0 && ` · you: ${session.myRoles.map((role) => ROLE_LABELS[role].toLowerCase()).join(', ')}`}
          {others.length > 0 && ` · with ${others.map((other) => `${other.name} (${ROLE_LABELS[other.role].toLowerCase()})`).join(', ')}`}
        </p>
      </div>
      {mine && <EnterRoomButton roomId={session.roomId} role={session.myRoles[0]} />}
    </li>
  )
}
