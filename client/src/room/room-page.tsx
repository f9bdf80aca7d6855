import { useMemo, useState } from 'react'
import { Link } from 'wouter'
import type { RoomSession } from '../../../shared/api.ts'
import { can, ROLE_LABELS } from '../../../shared/roles.ts'
import { Board } from '../board/board.tsx'
import { ChatPanel } from '../chat/index.ts'
import { Lobby } from '../interview/lobby.tsx'
import { QuestionPanel } from '../interview/question-panel.tsx'
import { SessionSummary } from '../interview/session-summary.tsx'
import { SwapBanner } from '../practice/swap-banner.tsx'
import { useInterview, type Interview } from '../interview/use-interview.ts'
import { NotesPanel } from '../notes/index.ts'
import { PhaseTimer, TimerControls, useTimer } from '../timer/index.ts'
import { clientKeyFor } from './invite-storage.ts'
import { colorFor } from './participant-color.ts'
import { ParticipantList } from './participant-list.tsx'
import { useBoardSavingPaused } from './use-board-saving.ts'
import { useRoomSocket, type ConnectionStatus } from './use-room-socket.ts'

interface RoomPageProps {
  session: RoomSession
  token: string
  name: string
}

type Tab = 'question' | 'notes' | 'chat' | 'people'
const TAB_LABELS: Record<Tab, string> = { question: 'Question', notes: 'Notes', chat: 'Chat', people: 'People' }

export function RoomPage({ session, token, name }: RoomPageProps) {
  const { socket, participants, status, selfId } = useRoomSocket(session.roomId, token, name)
  const interview = useInterview(socket)
  const timer = useTimer(socket)
  const savingPaused = useBoardSavingPaused(socket)
  const clientKey = clientKeyFor(session.roomId)
  const user = useMemo(() => ({ id: clientKey, name, color: colorFor(clientKey), role: session.role }), [clientKey, name, session.role])
  const canRun = can(session.role, 'interview:run')
  const room = interview.room

  if (status === 'refused' || status === 'full') {
    return (
      <main className="page narrow">
        <h1>We could not open this room</h1>
        <p role="alert">{status === 'full' ? 'This room is full: it admits no more participants.' : 'This invite link is no longer valid.'}</p>
        <Link to="/">Go to the start page</Link>
      </main>
    )
  }

  const completed = room?.status === 'completed'
  const readOnly = !can(session.role, 'board:edit') || completed
  return (
    <div className="room">
      <header className="room-bar">
        <Link to="/" className="brand">
          Mockboard
        </Link>
        <h1 className="room-title">{room?.title ?? session.title}</h1>
        <span className={`role-badge role-${session.role}`}>{ROLE_LABELS[session.role]}</span>
        {room?.status === 'live' && readOnly && <span className="muted">View only</span>}
        {completed && <span className="muted">Ended · board frozen</span>}
        {canRun && room?.status === 'live' && <EndInterviewButton send={interview.send} />}
        {savingPaused && (
          <span className="saving-paused" role="status" title="The server keeps your edits and saves them as soon as it can.">
            Saving paused — retrying
          </span>
        )}
        <ConnectionBadge status={status} />
      </header>
      {!room ? (
        <p className="page-status">Joining the room…</p>
      ) : room.status === 'lobby' ? (
        <Lobby roomId={session.roomId} room={room} panel={interview.panel} participants={participants} canRun={canRun} send={interview.send} />
      ) : (
        <div className="room-body">
          <Board roomId={session.roomId} token={token} readOnly={readOnly} user={user} />
          <aside className="room-side" aria-label="Interview">
            {completed && <SwapBanner roomId={session.roomId} token={token} />}
            {completed ? <SessionSummary room={room} /> : <PhaseTimer timer={timer} />}
            {canRun && !completed && <TimerControls socket={socket} timer={timer} />}
            <SideTabs
              tabs={can(session.role, 'notes:write') ? ['question', 'notes', 'chat', 'people'] : ['question', 'chat', 'people']}
              render={(tab) => {
                if (tab === 'question') return <QuestionPanel panel={interview.panel} canRun={canRun} isLive={room.status === 'live'} send={interview.send} />
                if (tab === 'notes')
                  return (
                    <NotesPanel
                      socket={socket}
                      roomId={session.roomId}
                      participantId={selfId}
                      phaseName={(id) => timer.state?.phases.find((phase) => phase.id === id)?.label ?? id}
                    />
                  )
                if (tab === 'chat') return <ChatPanel socket={socket} roomId={session.roomId} participantId={selfId} />
                return <ParticipantList participants={participants} />
              }}
            />
          </aside>
        </div>
      )}
    </div>
  )
}

/** Tabs keep every panel mounted (hidden when inactive) so notes and chat keep their drafts and outboxes. */
function SideTabs({ tabs, render }: { tabs: Tab[]; render: (tab: Tab) => React.ReactNode }) {
  const [active, setActive] = useState<Tab>(tabs[0]!)
  return (
    <div className="side-tabs">
      <div role="tablist" aria-label="Panels" className="tab-list">
        {tabs.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`tab-${tab}`}
            aria-selected={active === tab}
            aria-controls={`panel-${tab}`}
            onClick={() => setActive(tab)}
          >
            {TAB_LABELS[tab]}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab} role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} hidden={active !== tab} className="tab-panel">
          {render(tab)}
        </div>
      ))}
    </div>
  )
}

function EndInterviewButton({ send }: { send: Interview['send'] }) {
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string>()
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)}>
        End interview
      </button>
    )
  }
  return (
    <span className="confirm-end">
      <span>End for everyone? The board freezes.</span>
      <button
        type="button"
        className="danger"
        onClick={async () => {
          const answer = await send('interview:end', {})
          if (!answer.ok) setError(answer.message)
          setConfirming(false)
        }}
      >
        Yes, end it
      </button>
      <button type="button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </span>
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
