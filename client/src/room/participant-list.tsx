import type { Participant } from '../../../shared/events.ts'
import { ROLE_LABELS } from '../../../shared/roles.ts'

export function ParticipantList({ participants }: { participants: Participant[] }) {
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
