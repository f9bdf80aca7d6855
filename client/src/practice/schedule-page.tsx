import { useId, useState, type FormEvent } from 'react'
import { Link, useLocation } from 'wouter'
import { DEFAULT_PHASE_PLAN_ID, type PracticeMode } from '../../../shared/practice.ts'
import { ApiError } from '../api.ts'
import { usePhasePlans } from '../bank/use-bank-data.ts'
import { useAuth } from '../accounts/index.ts'
import { fetchPartners, scheduleSession, useLoaded } from './practice-api.ts'
import { RotationPicker } from './rotation-picker.tsx'
import '../bank/bank.css'
import './practice.css'

type Seat = 'interviewer' | 'candidate'

/** The next full hour in the browser's time zone, as a datetime-local input wants it. */
function nextHourLocal(): string {
  const at = new Date()
  at.setHours(at.getHours() + 1, 0, 0, 0)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`
}

/** Schedule a session with a member of the team: one interview, or a swap with the seats reversed at half time. */
export function SchedulePage() {
  const ids = { when: useId(), partner: useId(), plan: useId() }
  const [, navigate] = useLocation()
  const partners = useLoaded(fetchPartners, 'once')
  const plans = usePhasePlans()
  const [when, setWhen] = useState(nextHourLocal)
  const [mode, setMode] = useState<PracticeMode>('single')
  const [myRole, setMyRole] = useState<Seat>('interviewer')
  const [partnerId, setPartnerId] = useState('')
  const [questions, setQuestions] = useState<[string | null, string | null]>([null, null])
  const [phasePlanId, setPhasePlanId] = useState(DEFAULT_PHASE_PLAN_ID)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const me = useAuth().state?.member ?? null
  const candidateOf = (part: 0 | 1) => {
    const meCandidate = (part === 0) === (myRole === 'candidate')
    const id = meCandidate ? me?.memberId : partnerId
    return id ? { candidateId: id } : null
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const questionIds = (mode === 'swap' ? questions : questions.slice(0, 1)).filter((id): id is string => id !== null)
      await scheduleSession({ startsAt: new Date(when).toISOString(), mode, myRole, partnerIds: partnerId ? [partnerId] : [], questionIds, phasePlanId })
      navigate('/')
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The session could not be scheduled.')
      setBusy(false)
    }
  }

  return (
    <main className="page narrow">
      <p className="bank-crumbs">
        <Link to="/">Home</Link> / Schedule
      </p>
      <h1>Schedule a session</h1>
      <form onSubmit={submit} className="stack card">
        <label className="field" htmlFor={ids.when}>
          <span>Date and time</span>
        </label>
        <input id={ids.when} type="datetime-local" value={when} onChange={(event) => setWhen(event.target.value)} required />
        <fieldset className="choice-row">
          <legend>Format</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'single'} onChange={() => setMode('single')} /> One interview
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'swap'} onChange={() => setMode('swap')} /> Swap: two interviews, roles reversed at half time
          </label>
        </fieldset>
        <fieldset className="choice-row">
          <legend>{mode === 'swap' ? 'You in part 1' : 'You are'}</legend>
          <label>
            <input type="radio" name="my-role" checked={myRole === 'interviewer'} onChange={() => setMyRole('interviewer')} /> Interviewer
          </label>
          <label>
            <input type="radio" name="my-role" checked={myRole === 'candidate'} onChange={() => setMyRole('candidate')} /> Candidate
          </label>
        </fieldset>
        <label className="field" htmlFor={ids.partner}>
          <span>Partner</span>
        </label>
        <select id={ids.partner} value={partnerId} onChange={(event) => setPartnerId(event.target.value)} required>
          <option value="">Choose a member…</option>
          {partners.state === 'ready' &&
            partners.data.items.map((partner) => (
              <option key={partner.memberId} value={partner.memberId}>
                {partner.displayName} ({partner.login})
              </option>
            ))}
        </select>
        {partners.state === 'error' && <p className="error">{partners.message}</p>}
        <RotationPicker
          legend={mode === 'swap' ? 'Part 1 question' : 'Question'}
          candidate={candidateOf(0)}
          value={questions[0]}
          onChange={(id) => setQuestions(([, second]) => [id, second])}
        />
        {mode === 'swap' && (
          <RotationPicker
            legend="Part 2 question (roles reversed)"
            candidate={candidateOf(1)}
            value={questions[1]}
            exclude={questions[0]}
            onChange={(id) => setQuestions(([first]) => [first, id])}
          />
        )}
        <label className="field" htmlFor={ids.plan}>
          <span>Phase plan{mode === 'swap' ? ' (each part)' : ''}</span>
        </label>
        <select id={ids.plan} value={phasePlanId} onChange={(event) => setPhasePlanId(event.target.value)}>
          {plans.data?.map((plan) => (
            <option key={plan.id} value={plan.id}>
              {plan.title} ({plan.totalMinutes} min)
            </option>
          ))}
        </select>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Scheduling…' : 'Schedule the session'}
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </main>
  )
}
