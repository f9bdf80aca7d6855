import type { RoomState } from '../../../shared/interview-events.ts'
import { formatClock, formatMinutes } from '../timer/format-clock.ts'

/** Shown once the interview has ended: how the time was actually spent against the plan. */
export function SessionSummary({ room }: { room: RoomState }) {
  const actuals = room.phaseActuals ?? []
  const totalActual = actuals.reduce((sum, phase) => sum + phase.actualMs, 0)
  const totalPlanned = actuals.reduce((sum, phase) => sum + phase.plannedMs, 0)
  return (
    <section className="summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Interview complete</h2>
      <p className="muted">The board is frozen as it was at the end. Notes and chat stay available.</p>
      {actuals.length > 0 && (
        <table className="summary-table">
          <caption>Time per phase</caption>
          <thead>
            <tr>
              <th scope="col">Phase</th>
              <th scope="col">Planned</th>
              <th scope="col">Actual</th>
            </tr>
          </thead>
          <tbody>
            {actuals.map((phase) => (
              <tr key={phase.phaseId} data-over={phase.actualMs > phase.plannedMs}>
                <th scope="row">{phase.label}</th>
                <td>{formatMinutes(phase.plannedMs)}</td>
                <td>{formatClock(phase.actualMs)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td>{formatMinutes(totalPlanned)}</td>
              <td>{formatClock(totalActual)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  )
}
