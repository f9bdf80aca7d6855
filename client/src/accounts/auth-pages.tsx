import { useEffect, useState, type ReactNode } from 'react'
import { Link, Redirect, useLocation, useSearchParams } from 'wouter'
import { PASSWORD_MIN_LENGTH, type LinkCheck, type MemberSummary } from '../../../shared/accounts.ts'
import { apiFetch } from '../api.ts'
import { useAuth } from './auth-context.tsx'
import { useSubmit } from './use-submit.ts'

type SignedIn = { member: MemberSummary; csrfToken: string }

function AuthCard({ title, lede, children }: { title: string; lede?: ReactNode; children: ReactNode }) {
  return (
    <main className="page narrow auth-page">
      <p className="brand">Mockboard</p>
      <section className="card" aria-labelledby="auth-heading">
        <h1 id="auth-heading">{title}</h1>
        {lede && <p className="muted">{lede}</p>}
        {children}
      </section>
    </main>
  )
}

function Field(props: { label: string; value: string; onChange: (value: string) => void; type?: string; autoComplete?: string; minLength?: number }) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type={props.type ?? 'text'}
        value={props.value}
        required
        minLength={props.minLength}
        autoComplete={props.autoComplete}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </label>
  )
}

function FormError({ error }: { error: string | undefined }) {
  return error ? (
    <p role="alert" className="error">
      {error}
    </p>
  ) : null
}

/** Login, name and a new password: the setup, sign-up and (without the first two) reset forms. */
function useAccountFields() {
  const [login, setLogin] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [password, setPassword] = useState('')
  const fields = (
    <>
      <Field label="Your name" value={displayName} onChange={setDisplayName} autoComplete="name" />
      <Field label="Login" value={login} onChange={setLogin} autoComplete="username" />
      <Field label="Password" type="password" value={password} onChange={setPassword} autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} />
      <p className="muted">At least {PASSWORD_MIN_LENGTH} characters; a few words make a good one.</p>
    </>
  )
  return { account: { login, displayName, password }, fields }
}

/** The first run: until an admin exists, this is the only page. */
export function SetupPage() {
  const { state, signedIn } = useAuth()
  const [, navigate] = useLocation()
  const { account, fields } = useAccountFields()
  const submit = useSubmit(async () => {
    signedIn(await apiFetch<SignedIn>('/api/auth/setup', { method: 'POST', body: JSON.stringify(account) }))
    navigate('/admin/members')
  })
  if (state && !state.setupRequired) return <Redirect to="/" />
  return (
    <AuthCard title="Create the admin account" lede="This is a new Mockboard. The first account is the team's admin: it invites the others.">
      <form className="stack" onSubmit={(event) => void submit.onSubmit(event)}>
        {fields}
        <button type="submit" className="primary" disabled={submit.busy}>
          Create the admin account
        </button>
        <FormError error={submit.error} />
      </form>
    </AuthCard>
  )
}

export function SignInPage() {
  const { state, signedIn } = useAuth()
  const [params] = useSearchParams()
  const [, navigate] = useLocation()
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const next = params.get('next')?.startsWith('/') ? params.get('next')! : '/'
  const submit = useSubmit(async () => {
    signedIn(await apiFetch<SignedIn>('/api/auth/sign-in', { method: 'POST', body: JSON.stringify({ login, password }) }))
    navigate(next)
  })
  if (state?.setupRequired) return <Redirect to="/setup" />
  return (
    <AuthCard title="Sign in" lede="Mockboard is for the members of this team. Were you sent an interview link? Open that link instead: it needs no account.">
      <form className="stack" onSubmit={(event) => void submit.onSubmit(event)}>
        <Field label="Login" value={login} onChange={setLogin} autoComplete="username" />
        <Field label="Password" type="password" value={password} onChange={setPassword} autoComplete="current-password" />
        <button type="submit" className="primary" disabled={submit.busy}>
          Sign in
        </button>
        <FormError error={submit.error} />
      </form>
      {state?.selfSignUp && (
        <p>
          New to the team? <Link to="/sign-up">Join with the team's code</Link>.
        </p>
      )}
    </AuthCard>
  )
}

/** `#invite=<token>` from an admin's invite link, or the team's join code when self-sign-up is on. */
export function SignUpPage() {
  const { signedIn } = useAuth()
  const [, navigate] = useLocation()
  const [inviteToken] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get('invite'))
  const [joinCode, setJoinCode] = useState('')
  const [check, setCheck] = useState<LinkCheck | null>(null)
  const { account, fields } = useAccountFields()
  useEffect(() => {
    if (inviteToken) void apiFetch<LinkCheck>(`/api/auth/invites/${encodeURIComponent(inviteToken)}`).then(setCheck, () => setCheck({ valid: false }))
  }, [inviteToken])
  const submit = useSubmit(async () => {
    const proof = inviteToken ? { inviteToken } : { joinCode }
    signedIn(await apiFetch<SignedIn>('/api/auth/sign-up', { method: 'POST', body: JSON.stringify({ ...account, ...proof }) }))
    navigate('/')
  })
  if (inviteToken && check && !check.valid) {
    return (
      <AuthCard title="This invite link does not work" lede="It has been used, has expired or was withdrawn. Ask your team's admin for a new one.">
        {null}
      </AuthCard>
    )
  }
  return (
    <AuthCard
      title="Join the team"
      lede={inviteToken ? 'You were invited to this Mockboard. Choose your login and password.' : 'Enter the join code your team gave you.'}
    >
      <form className="stack" onSubmit={(event) => void submit.onSubmit(event)}>
        {!inviteToken && <Field label="Join code" value={joinCode} onChange={setJoinCode} autoComplete="off" />}
        {fields}
        <button type="submit" className="primary" disabled={submit.busy}>
          Create my account
        </button>
        <FormError error={submit.error} />
      </form>
    </AuthCard>
  )
}

/** A one-time reset link (`#token=…`) from an admin or the command line. */
export function ResetPasswordPage() {
  const { signedIn } = useAuth()
  const [, navigate] = useLocation()
  const [resetToken] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '')
  const [password, setPassword] = useState('')
  const submit = useSubmit(async () => {
    signedIn(await apiFetch<SignedIn>('/api/auth/reset-password', { method: 'POST', body: JSON.stringify({ resetToken, password }) }))
    navigate('/')
  })
  return (
    <AuthCard title="Choose a new password" lede="This link works once. Every other session of your account ends.">
      <form className="stack" onSubmit={(event) => void submit.onSubmit(event)}>
        <Field label="New password" type="password" value={password} onChange={setPassword} autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} />
        <button type="submit" className="primary" disabled={submit.busy}>
          Set the password
        </button>
        <FormError error={submit.error} />
      </form>
    </AuthCard>
  )
}
