import { useState, type FormEvent } from 'react'
import type { CreateRoomBody, CreateRoomResponse } from '../../../shared/api.ts'
import { DEFAULT_PHASE_PLAN_ID } from '../../../shared/practice.ts'
import { ROLES, ROLE_LABELS, type Role } from '../../../shared/roles.ts'
import { apiFetch, ApiError } from '../api.ts'
import { QuestionPicker, type QuestionPickerValue } from '../bank/question-picker.tsx'
import { AccountNav, useAuth } from '../accounts/index.ts'
import { MemberHome } from '../practice/member-home.tsx'

const ROLE_HINTS: Record<Role, string> = {
  interviewer: 'Keep this one: it runs the session.',
  candidate: 'Send this to the person being interviewed.',
  observer: 'For someone shadowing: they watch and take notes, the board is read-only for them.',
}

export function HomePage() {
  const [title, setTitle] = useState('')
  // The standard 45-minute plan is chosen unless another is picked (or a question brings its own).
  const [content, setContent] = useState<QuestionPickerValue>({ questionId: null, phasePlanId: DEFAULT_PHASE_PLAN_ID })
  const member = useAuth().state?.member
  const [created, setCreated] = useState<CreateRoomResponse>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function createRoom(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const body: CreateRoomBody = {
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(content.questionId ? { questionId: content.questionId } : {}),
        ...(content.phasePlanId ? { phasePlanId: content.phasePlanId } : {}),
      }
      setCreated(await apiFetch<CreateRoomResponse>('/api/rooms', { method: 'POST', body: JSON.stringify(body) }))
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The room could not be created.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="page narrow">
      <AccountNav />
      <header className="home-header">
        <h1>Mockboard</h1>
        <p className="lede">Practise system-design interviews on a shared whiteboard, with a phase timer and a question from your bank.</p>
      </header>

      {member && <MemberHome member={member} />}

      <section className="card" aria-labelledby="new-room-heading">
        <h2 id="new-room-heading">New interview room</h2>
        <form onSubmit={createRoom} className="stack">
          <label className="field">
            <span>Room title (optional)</span>
            <input
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              maxLength={120}
              placeholder="The question's title, or “System design interview”"
            />
          </label>
          <QuestionPicker value={content} onChange={setContent} />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'New interview room'}
          </button>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
        </form>
      </section>

      {created && <InviteLinks room={created} />}
    </main>
  )
}

function InviteLinks({ room }: { room: CreateRoomResponse }) {
  return (
    <section className="card" aria-labelledby="invites-heading">
      <h2 id="invites-heading">Invite links for “{room.title}”</h2>
      <p>Each link lets its holder in with that role. Anyone with a link can use it, so share each one only with its person.</p>
      <ul className="invite-list">
        {ROLES.map((role) => (
          <li key={role}>
            <div className="invite-role">
              <strong>{ROLE_LABELS[role]}</strong>
              <span className="muted">{ROLE_HINTS[role]}</span>
            </div>
            <div className="invite-actions">
              <input readOnly value={room.invites[role]} aria-label={`${ROLE_LABELS[role]} link`} onFocus={(event) => event.target.select()} />
              <CopyButton text={room.invites[role]} />
              <a className="button" href={room.invites[role]} target="_blank" rel="noreferrer">
                Open
              </a>
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false)
  return (
    <button
      type="button"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true)
          setTimeout(() => setCopied(false), 1500)
        })
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  )
}
