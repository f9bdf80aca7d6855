import { useState } from 'react'
import type { Participant } from '../../../shared/events.ts'
import type { QuestionPanel as Panel, RoomState } from '../../../shared/interview-events.ts'
import { useAuth } from '../accounts/index.ts'
import { QuestionPicker, type QuestionPickerValue } from '../bank/index.ts'
import { LobbyRotation } from '../practice/lobby-rotation.tsx'
import { ParticipantList } from '../room/participant-list.tsx'
import { QuestionPanel } from './question-panel.tsx'
import type { Interview } from './use-interview.ts'

interface LobbyProps {
  roomId: string
  room: RoomState
  panel: Panel | undefined
  participants: Participant[]
  canRun: boolean
  send: Interview['send']
}

/** Before the start: the interviewer prepares the session, everyone else waits and sees who is here. */
export function Lobby({ roomId, room, panel, participants, canRun, send }: LobbyProps) {
  return (
    <main className="lobby">
      <div className="lobby-main">
        {canRun ? <LobbySetup roomId={roomId} room={room} participants={participants} send={send} /> : <WaitingCard room={room} participants={participants} />}
      </div>
      {panel?.view === 'full' && (
        <aside className="lobby-question card" aria-label="Question preview">
          <QuestionPanel panel={panel} canRun={false} isLive={false} send={send} />
        </aside>
      )}
    </main>
  )
}

function WaitingCard({ room, participants }: { room: RoomState; participants: Participant[] }) {
  return (
    <section className="card" aria-labelledby="waiting-heading">
      <h1 id="waiting-heading">Waiting for the interviewer to start</h1>
      <p>The whiteboard, the timer and the question open for everyone when the interview starts. Keep this page open.</p>
      {room.phasePlan && (
        <>
          <h2>How the time is split</h2>
          <ol className="plan-list">
            {room.phasePlan.phases.map((phase) => (
              <li key={phase.name}>
                {phase.name} <span className="muted">· {phase.minutes} min</span>
              </li>
            ))}
          </ol>
        </>
      )}
      <ParticipantList participants={participants} />
    </section>
  )
}

function LobbySetup({ roomId, room, participants, send }: { roomId: string; room: RoomState; participants: Participant[]; send: Interview['send'] }) {
  const [error, setError] = useState<string>()
  const [starting, setStarting] = useState(false)
  // An interviewer link may be a guest's: only a signed-in member may browse the bank to change the question.
  const member = useAuth().state?.member
  const candidateHere = participants.some((participant) => participant.role === 'candidate' && participant.online)

  const change = async (value: QuestionPickerValue) => {
    setError(undefined)
    if (value.questionId !== room.questionId) {
      const answer = await send('interview:set-question', { questionId: value.questionId })
      if (!answer.ok) return setError(answer.message)
    }
    if (value.phasePlanId && value.phasePlanId !== room.phasePlan?.id) {
      const answer = await send('interview:set-phase-plan', { phasePlanId: value.phasePlanId })
      if (!answer.ok) setError(answer.message)
    }
  }

  const start = async () => {
    setStarting(true)
    const answer = await send('interview:start', {})
    setStarting(false)
    if (!answer.ok) setError(answer.message)
  }

  return (
    <section className="card stack" aria-labelledby="lobby-heading">
      <h1 id="lobby-heading">Get the interview ready</h1>
      <p className="muted">Pick the question and the time plan, check who has joined, then start. Both are fixed once the interview starts.</p>
      {member ? (
        <>
          <QuestionPicker value={{ questionId: room.questionId, phasePlanId: room.phasePlan?.id ?? null }} onChange={(value) => void change(value)} />
          <LobbyRotation roomId={roomId} questionId={room.questionId} onPick={(questionId) => void change({ questionId, phasePlanId: null })} />
        </>
      ) : (
        <p className="muted">The question bank is for the team's members: sign in on this browser to change the question or the plan.</p>
      )}
      <ParticipantList participants={participants} />
      {!candidateHere && <p className="muted">The candidate has not joined yet. You can still start; they will catch up when they arrive.</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="button" className="primary" disabled={starting} onClick={() => void start()}>
        Start the interview
      </button>
    </section>
  )
}
