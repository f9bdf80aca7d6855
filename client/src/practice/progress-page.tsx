import { Link, useParams } from 'wouter'
import { paceSentence, type PhaseTime, type Progress } from '../../../shared/practice.ts'
import { ROLE_LABELS } from '../../../shared/roles.ts'
import { BarChart } from './bar-chart.tsx'
import { formatDay, formatMinutesOf } from './format.ts'
import { fetchProgress, useLoaded } from './practice-api.ts'
import '../bank/bank.css'
import './practice.css'

/** A member's dashboard: their own at /progress, anyone's for an admin at /progress/:memberId. */
export function ProgressPage() {
  const params = useParams<{ memberId?: string }>()
  const progress = useLoaded(() => fetchProgress(params.memberId), params.memberId ?? 'me')
  return (
    <main className="page narrow">
      <p className="bank-crumbs">
        <Link to="/">Home</Link> / {params.memberId ? <Link to="/team">Team</Link> : 'Progress'}
      </p>
      {progress.state === 'loading' && <p className="page-status">Loading…</p>}
      {progress.state === 'error' && (
        <p role="alert" className="error">
          {progress.message}
        </p>
      )}
      {progress.state === 'ready' && <Dashboard progress={progress.data} own={!params.memberId} />}
    </main>
  )
}

function Dashboard({ progress, own }: { progress: Progress; own: boolean }) {
  const weekLabels = progress.weeks.map((week) => new Date(week.weekStart).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }))
  return (
    <>
      <h1>{own ? 'My progress' : `Progress of ${progress.member.displayName}`}</h1>
      <section className="card" aria-labelledby="totals-heading">
        <h2 id="totals-heading">Sessions</h2>
        <dl className="stat-row">
          <div>
            <dt>As candidate</dt>
            <dd>{progress.totals.asCandidate}</dd>
          </div>
          <div>
            <dt>As interviewer</dt>
            <dd>{progress.totals.asInterviewer}</dd>
          </div>
          <div>
            <dt>As observer</dt>
            <dd>{progress.totals.asObserver}</dd>
          </div>
        </dl>
        <BarChart
          title={`Sessions per week, last ${progress.weeks.length} weeks`}
          categoryHeading="Week of"
          categories={weekLabels}
          series={[
            { name: 'As candidate', tone: 'secondary', values: progress.weeks.map((week) => week.asCandidate) },
            { name: 'As interviewer', tone: 'primary', values: progress.weeks.map((week) => week.asInterviewer) },
          ]}
        />
      </section>
      {(['candidate', 'interviewer'] as const).map((role) => (
        <PhaseSection key={role} role={role} phases={progress.phases.filter((phase) => phase.role === role)} />
      ))}
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {progress.sessions.length === 0 ? (
          <p className="muted">No sessions yet.</p>
        ) : (
          <table className="summary-table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Session</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {progress.sessions.map((session) => (
                <tr key={`${session.roomId}-${session.role}`}>
                  <td>{formatDay(session.at)}</td>
                  <td>{session.title}</td>
                  <td>{ROLE_LABELS[session.role]}</td>
                  <td>{session.status === 'completed' ? 'Completed' : 'Running'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  )
}

function PhaseSection({ role, phases }: { role: 'candidate' | 'interviewer'; phases: PhaseTime[] }) {
  if (phases.length === 0) return null
  const sentences = phases.map((phase) => paceSentence(phase)).filter((line): line is string => line !== null)
  const heading = role === 'candidate' ? 'Time per phase as candidate' : 'Time per phase as interviewer'
  return (
    <section className="card" aria-label={heading}>
      <h2>{heading}</h2>
      {sentences.length > 0 ? (
        <ul className="pace-list">
          {sentences.map((line) => (
            <li key={line}>{line.charAt(0).toUpperCase() + line.slice(1)}.</li>
          ))}
        </ul>
      ) : (
        <p className="muted">On plan in every phase (within a minute on average).</p>
      )}
      <BarChart
        title={`Average minutes per phase against the plan (${role === 'candidate' ? 'as candidate' : 'as interviewer'})`}
        categoryHeading="Phase"
        categories={phases.map((phase) => `${phase.label} (${phase.sessions}×)`)}
        format={formatMinutesOf}
        series={[
          { name: 'Planned', tone: 'secondary', values: phases.map((phase) => phase.avgPlannedMs) },
          { name: 'Actual', tone: 'primary', values: phases.map((phase) => phase.avgActualMs) },
        ]}
      />
    </section>
  )
}
