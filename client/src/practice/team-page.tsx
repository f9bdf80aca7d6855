import { Link } from 'wouter'
import type { TeamProgress } from '../../../shared/practice.ts'
import { formatDay } from './format.ts'
import { fetchTeamProgress, useLoaded } from './practice-api.ts'
import '../bank/bank.css'
import './practice.css'

/** The admin's team page: who practises, how much, when last, and who has not lately. */
export function TeamPage() {
  const team = useLoaded(fetchTeamProgress, 'once')
  return (
    <main className="page">
      <p className="bank-crumbs">
        <Link to="/">Home</Link> / Team
      </p>
      <h1>Team practice</h1>
      {team.state === 'loading' && <p className="page-status">Loading…</p>}
      {team.state === 'error' && (
        <p role="alert" className="error">
          {team.message}
        </p>
      )}
      {team.state === 'ready' && <TeamTable team={team.data} />}
    </main>
  )
}

function TeamTable({ team }: { team: TeamProgress }) {
  const idle = team.members.filter((member) => member.idle)
  return (
    <section className="card" aria-labelledby="team-heading">
      <h2 id="team-heading">Members</h2>
      <p>
        {idle.length === 0
          ? `Everyone has practised in the last ${team.idleAfterDays} days.`
          : `Not practised in the last ${team.idleAfterDays} days: ${idle.map((member) => member.displayName).join(', ')}.`}
      </p>
      <table className="summary-table">
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Sessions</th>
            <th scope="col">As candidate</th>
            <th scope="col">As interviewer</th>
            <th scope="col">Last practice</th>
          </tr>
        </thead>
        <tbody>
          {team.members.map((member) => (
            <tr key={member.memberId}>
              <th scope="row">
                <Link to={`/progress/${member.memberId}`}>{member.displayName}</Link> <span className="muted">{member.login}</span>
                {!member.active && <span className="muted"> (deactivated)</span>}
              </th>
              <td>{member.sessions}</td>
              <td>{member.asCandidate}</td>
              <td>{member.asInterviewer}</td>
              <td>
                {member.lastPracticeAt ? formatDay(member.lastPracticeAt) : 'Never'}
                {member.idle && <span className="idle-badge"> Not lately</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
