import { useEffect, useState } from 'react'
import type { AdminResetResponse, CreatedMemberInvite, MemberInvite, MemberListItem, TeamSettings } from '../../../shared/accounts.ts'
import { apiFetch, ApiError } from '../api.ts'
import { AccountNav } from './account-nav.tsx'
import { useAuth } from './auth-context.tsx'
import { formatTime, useList } from './use-list.ts'
import { useSubmit } from './use-submit.ts'

/** The admin's page: members, invites, self-sign-up, backups. */
export function MembersPage() {
  const members = useList<MemberListItem>('/api/members')
  return (
    <main className="page">
      <AccountNav />
      <h1>Members</h1>
      <Invites onChange={() => void members.reload()} />
      <MemberTable members={members.items} error={members.error} reload={members.reload} />
      <SelfSignUp />
      <Backup />
    </main>
  )
}

function MemberTable({ members, error, reload }: { members: MemberListItem[] | null; error: string | undefined; reload: () => Promise<void> }) {
  const { state } = useAuth()
  const [message, setMessage] = useState<{ text: string; link?: string }>()
  const act = async (run: () => Promise<void>) => {
    setMessage(undefined)
    try {
      await run()
    } catch (caught) {
      setMessage({ text: caught instanceof ApiError ? caught.message : 'That did not work.' })
    }
    await reload()
  }
  const setActive = (member: MemberListItem, active: boolean) =>
    act(async () => {
      await apiFetch(`/api/members/${member.memberId}`, { method: 'PATCH', body: JSON.stringify({ active }) })
    })
  const reset = (member: MemberListItem) =>
    act(async () => {
      const answer = await apiFetch<AdminResetResponse>(`/api/members/${member.memberId}/reset-password`, { method: 'POST', body: '{}' })
      setMessage({ text: `One-time reset link for ${member.displayName} (send it to them; it works once):`, link: answer.link ?? undefined })
    })
  return (
    <section className="card" aria-labelledby="members-heading">
      <h2 id="members-heading">Team</h2>
      {message && (
        <div role="status" className="secret-once">
          <p>{message.text}</p>
          {message.link && <input readOnly value={message.link} aria-label="Reset link" onFocus={(event) => event.target.select()} />}
        </div>
      )}
      {!members ? (
        <p className="muted">{error ?? 'Loading…'}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Login</th>
              <th>Role</th>
              <th>Status</th>
              <th>Last seen</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.memberId}>
                <td>{member.displayName}</td>
                <td>{member.login}</td>
                <td>{member.role}</td>
                <td>{member.active ? 'active' : 'deactivated'}</td>
                <td>{formatTime(member.lastSeenAt)}</td>
                <td className="row-actions">
                  <button type="button" className="small" onClick={() => void reset(member)}>
                    Reset password
                  </button>
                  {member.memberId !== state?.member?.memberId && (
                    <button type="button" className="small" onClick={() => void setActive(member, !member.active)}>
                      {member.active ? 'Deactivate' : 'Reactivate'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function Invites({ onChange }: { onChange: () => void }) {
  const invites = useList<MemberInvite>('/api/members/invites')
  const [note, setNote] = useState('')
  const [role, setRole] = useState<'member' | 'admin'>('member')
  const [created, setCreated] = useState<CreatedMemberInvite>()
  const submit = useSubmit(async () => {
    setCreated(await apiFetch<CreatedMemberInvite>('/api/members/invites', { method: 'POST', body: JSON.stringify({ note, role }) }))
    setNote('')
    await invites.reload()
    onChange()
  })
  const open = invites.items?.filter((invite) => invite.state === 'open') ?? []
  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite a member</h2>
      <p className="muted">An invite link works once and expires after a few days. Send it to the person yourself: Mockboard sends no mail.</p>
      <form className="inline-form" onSubmit={(event) => void submit.onSubmit(event)}>
        <label className="field">
          <span>Who it is for (a note for you)</span>
          <input value={note} maxLength={80} onChange={(event) => setNote(event.target.value)} />
        </label>
        <label className="field narrow-field">
          <span>Role</span>
          <select value={role} onChange={(event) => setRole(event.target.value as 'member' | 'admin')}>
            <option value="member">Member</option>
            <option value="admin">Admin</option>
          </select>
        </label>
        <button type="submit" className="primary" disabled={submit.busy}>
          Create invite link
        </button>
      </form>
      {submit.error && (
        <p role="alert" className="error">
          {submit.error}
        </p>
      )}
      {created && (
        <div className="secret-once" role="status">
          <p>Invite link{created.note ? ` for ${created.note}` : ''} (shown once):</p>
          <input readOnly value={created.link} aria-label="Invite link" onFocus={(event) => event.target.select()} />
        </div>
      )}
      {open.length > 0 && (
        <ul className="plain-list">
          {open.map((invite) => (
            <li key={invite.inviteId}>
              {invite.note || 'Invite'} ({invite.role}), expires {formatTime(invite.expiresAt)}{' '}
              <button
                type="button"
                className="small"
                onClick={() => void apiFetch(`/api/members/invites/${invite.inviteId}`, { method: 'DELETE' }).then(() => invites.reload())}
              >
                Withdraw
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function SelfSignUp() {
  const [settings, setSettings] = useState<TeamSettings>()
  useEffect(() => {
    void apiFetch<TeamSettings>('/api/members/settings').then(setSettings)
  }, [])
  const submit = useSubmit(async () => undefined)
  const save = async (next: { selfSignUp: boolean; rotateJoinCode?: boolean }) => {
    setSettings(await apiFetch<TeamSettings>('/api/members/settings', { method: 'PUT', body: JSON.stringify(next) }))
  }
  if (!settings) return null
  return (
    <section className="card" aria-labelledby="signup-heading">
      <h2 id="signup-heading">Self-sign-up</h2>
      <p className="muted">When on, anyone with the team's join code can create a member account at /sign-up.</p>
      <label className="checkbox">
        <input type="checkbox" checked={settings.selfSignUp} onChange={(event) => void save({ selfSignUp: event.target.checked })} /> Allow self-sign-up with a
        join code
      </label>
      {settings.joinCode && (
        <p role="status">
          The join code (shown once): <code className="join-code">{settings.joinCode}</code>
        </p>
      )}
      {settings.hasJoinCode && (
        <button type="button" className="small" disabled={submit.busy} onClick={() => void save({ selfSignUp: settings.selfSignUp, rotateJoinCode: true })}>
          Make a new join code
        </button>
      )}
    </section>
  )
}

function Backup() {
  const [done, setDone] = useState<{ name: string; downloadUrl: string }>()
  const submit = useSubmit(async () => {
    setDone(await apiFetch<{ name: string; downloadUrl: string }>('/api/admin/backups', { method: 'POST', body: '{}' }))
  })
  return (
    <section className="card" aria-labelledby="backup-heading">
      <h2 id="backup-heading">Backup</h2>
      <p className="muted">A consistent copy of the whole database, made while Mockboard runs, into the data folder's backups/.</p>
      <form onSubmit={(event) => void submit.onSubmit(event)}>
        <button type="submit" disabled={submit.busy}>
          {submit.busy ? 'Backing up…' : 'Back up now'}
        </button>
      </form>
      {done && (
        <p role="status">
          Saved as <code>backups/{done.name}</code>. <a href={done.downloadUrl}>Download it</a>
        </p>
      )}
      {submit.error && (
        <p role="alert" className="error">
          {submit.error}
        </p>
      )}
    </section>
  )
}
