import { useState } from 'react'
import { PASSWORD_MIN_LENGTH, type CreatedToken, type PersonalTokenItem } from '../../../shared/accounts.ts'
import { apiFetch, setCsrfToken } from '../api.ts'
import { AccountNav } from './account-nav.tsx'
import { useAuth } from './auth-context.tsx'
import { formatTime, useList } from './use-list.ts'
import { useSubmit } from './use-submit.ts'

export function AccountPage() {
  const { state } = useAuth()
  return (
    <main className="page narrow">
      <AccountNav />
      <h1>Your account</h1>
      <p className="muted">
        Signed in as <strong>{state?.member?.displayName}</strong> ({state?.member?.login}, {state?.member?.role}).
      </p>
      <ChangePassword />
      <PersonalTokens />
    </main>
  )
}

function ChangePassword() {
  const [currentPassword, setCurrent] = useState('')
  const [newPassword, setNew] = useState('')
  const [done, setDone] = useState(false)
  const submit = useSubmit(async () => {
    const answer = await apiFetch<{ csrfToken: string | null }>('/api/account/password', {
      method: 'POST',
      body: JSON.stringify({ currentPassword, newPassword }),
    })
    setCsrfToken(answer.csrfToken)
    setCurrent('')
    setNew('')
    setDone(true)
  })
  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <form className="stack" onSubmit={(event) => void submit.onSubmit(event)}>
        <label className="field">
          <span>Current password</span>
          <input type="password" required value={currentPassword} autoComplete="current-password" onChange={(event) => setCurrent(event.target.value)} />
        </label>
        <label className="field">
          <span>New password</span>
          <input
            type="password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            value={newPassword}
            autoComplete="new-password"
            onChange={(event) => setNew(event.target.value)}
          />
        </label>
        <button type="submit" disabled={submit.busy}>
          Change the password
        </button>
        {done && <p role="status">Password changed. Your other sessions have ended.</p>}
        {submit.error && (
          <p role="alert" className="error">
            {submit.error}
          </p>
        )}
      </form>
    </section>
  )
}

function PersonalTokens() {
  const tokens = useList<PersonalTokenItem>('/api/account/tokens')
  const [name, setName] = useState('')
  const [created, setCreated] = useState<CreatedToken>()
  const submit = useSubmit(async () => {
    setCreated(await apiFetch<CreatedToken>('/api/account/tokens', { method: 'POST', body: JSON.stringify({ name }) }))
    setName('')
    await tokens.reload()
  })
  const revoke = async (tokenId: string) => {
    await apiFetch(`/api/account/tokens/${encodeURIComponent(tokenId)}`, { method: 'DELETE' })
    if (created?.tokenId === tokenId) setCreated(undefined)
    await tokens.reload()
  }
  return (
    <section className="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Personal API tokens</h2>
      <p className="muted">
        For scripts: send <code>Authorization: Bearer &lt;token&gt;</code> to create rooms or read the bank as you. A token is shown once; keep it like a
        password.
      </p>
      <form className="inline-form" onSubmit={(event) => void submit.onSubmit(event)}>
        <label className="field">
          <span>Token name</span>
          <input required maxLength={60} value={name} placeholder="e.g. calendar script" onChange={(event) => setName(event.target.value)} />
        </label>
        <button type="submit" disabled={submit.busy}>
          Create a token
        </button>
      </form>
      {submit.error && (
        <p role="alert" className="error">
          {submit.error}
        </p>
      )}
      {created && (
        <div className="secret-once" role="status">
          <p>
            Your new token <strong>{created.name}</strong> — copy it now, it will not be shown again:
          </p>
          <input readOnly value={created.token} aria-label="New token" onFocus={(event) => event.target.select()} />
        </div>
      )}
      {tokens.items && tokens.items.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Token</th>
              <th>Created</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.items.map((token) => (
              <tr key={token.tokenId}>
                <td>{token.name}</td>
                <td>
                  <code>{token.hint}</code>
                </td>
                <td>{formatTime(token.createdAt)}</td>
                <td>{formatTime(token.lastUsedAt)}</td>
                <td>
                  <button type="button" className="small" onClick={() => void revoke(token.tokenId)}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{tokens.error ?? 'You have no tokens.'}</p>
      )}
    </section>
  )
}
