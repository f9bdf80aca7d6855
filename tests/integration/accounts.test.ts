import { afterEach, describe, expect, it } from 'vitest'
import { SESSION_COOKIE } from '../../server/accounts/index.ts'
import { CookieClient, createMemberWithToken, signedInClient } from './helpers/accounts.ts'
import { connectRoomSocket } from './helpers/room-socket.ts'
import { startTestServer, type TestServer } from './helpers/test-server.ts'
import { waitFor } from './helpers/wait-for.ts'

let server: TestServer | undefined

/**
 * Each test boots a server and hashes a few passwords with argon2id at production cost (19 MiB,
 * about 20 ms alone): on a busy 2-core machine that alone can take several seconds.
 */
const ACCOUNT_TEST_BUDGET = { timeout: 60_000 }

afterEach(async () => {
  await server?.destroy()
  server = undefined
})

const ADMIN = { login: 'ada', displayName: 'Ada Admin', password: 'correct horse battery' }
// biome-ignore lint/suspicious/noExplicitAny: answers of many shapes, each checked by the assertion that reads it
const json = (response: Response) => response.json() as Promise<any>
const bearer = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' })
const countRooms = () => (server!.db.$client.prepare('select count(*) as n from rooms').get() as { n: number }).n

async function setUp(client: CookieClient) {
  const response = await client.fetch('/api/auth/setup', { method: 'POST', json: ADMIN })
  client.csrfToken = (await json(response)).csrfToken
  return response
}

describe('first run', ACCOUNT_TEST_BUDGET, () => {
  it('until an admin exists only setup is offered; it creates a signed-in admin once, even when two requests race', async () => {
    server = await startTestServer()
    const browser = new CookieClient(server.url)
    expect(await browser.me()).toEqual({ setupRequired: true, selfSignUp: false, member: null, csrfToken: null })
    const rival = new CookieClient(server.url)
    const [first, second] = await Promise.all([setUp(browser), rival.fetch('/api/auth/setup', { method: 'POST', json: { ...ADMIN, login: 'eve' } })])
    expect([first.status, second.status].sort()).toEqual([201, 409])
    const winner = first.status === 201 ? browser : rival
    expect(await winner.me()).toMatchObject({ setupRequired: false, member: { role: 'admin', displayName: expect.any(String) }, csrfToken: expect.any(String) })
    const again = await new CookieClient(server.url).fetch('/api/auth/setup', { method: 'POST', json: { ...ADMIN, login: 'mallory' } })
    expect(again.status).toBe(409)
    expect((server.db.$client.prepare("select count(*) as n from members where role = 'admin'").get() as { n: number }).n).toBe(1)
    const hash = (server.db.$client.prepare('select password_hash from members').get() as { password_hash: string }).password_hash
    expect(hash).toMatch(/^\$argon2id\$/)
  })
})

describe('signing in and out', ACCOUNT_TEST_BUDGET, () => {
  it('a wrong password or unknown login gets the one refusal; the right one signs in with a new session id (no fixation)', async () => {
    server = await startTestServer()
    await setUp(new CookieClient(server.url))
    const browser = new CookieClient(server.url)
    for (const attempt of [
      { login: 'ada', password: 'wrong password!' },
      { login: 'nobody', password: 'whatever password' },
    ]) {
      const refused = await browser.fetch('/api/auth/sign-in', { method: 'POST', json: attempt })
      expect(refused.status).toBe(401)
      expect(await json(refused)).toEqual({ error: { code: 'UNAUTHORIZED', message: 'That login and password do not match an active account.' } })
      expect(browser.cookie).toBeNull()
    }
    // An attacker plants a session id of their choosing: it is not signed, so it is ignored and replaced.
    browser.cookie = `${SESSION_COOKIE}=${encodeURIComponent('s:attacker-chosen-id.forged')}`
    await browser.signIn('ADA', ADMIN.password)
    const first = browser.sessionId
    expect(first).not.toBe('attacker-chosen-id')
    // Signing in again from a signed-in session regenerates the id too, and the old one is gone.
    const stale = browser.cookie
    await browser.signIn('ada', ADMIN.password)
    expect(browser.sessionId).not.toBe(first)
    const old = new CookieClient(server.url)
    old.cookie = stale
    expect((await old.me()).member).toBeNull()
    expect(server.logs.some((line) => JSON.stringify(line).includes(browser.sessionId!))).toBe(false)
  })

  it('signing out ends the session: the cookie no longer creates rooms', async () => {
    server = await startTestServer()
    const browser = new CookieClient(server.url)
    await setUp(browser)
    const cookie = browser.cookie
    expect((await browser.fetch('/api/rooms', { method: 'POST', json: {} })).status).toBe(201)
    expect((await browser.fetch('/api/auth/sign-out', { method: 'POST', json: {} })).status).toBe(204)
    const replay = new CookieClient(server.url)
    replay.cookie = cookie
    replay.csrfToken = browser.csrfToken
    const refused = await replay.fetch('/api/rooms', { method: 'POST', json: {} })
    expect(refused.status).toBe(401)
    expect((await replay.me()).member).toBeNull()
  })

  it('sign-ins are rate-limited per account (failures only) and per address', async () => {
    server = await startTestServer({ SIGN_IN_RATE_PER_ACCOUNT: '3', SIGN_IN_RATE_PER_ADDRESS: '8' })
    const admin = await server.admin()
    const other = await createMemberWithToken(server)
    const signIn = (login: string, password: string) => new CookieClient(server!.url).fetch('/api/auth/sign-in', { method: 'POST', json: { login, password } })
    for (let i = 0; i < 3; i++) expect((await signIn(admin.login, 'not the password')).status).toBe(401)
    const locked = await signIn(admin.login, admin.password)
    expect(locked.status).toBe(429)
    expect((await json(locked)).error.code).toBe('RATE_LIMITED')
    // Another account from the same address still signs in, until the address has spent its attempts.
    // The address has made 4 of its 8 attempts.
    for (let i = 0; i < 4; i++) expect((await signIn(other.login, other.password)).status).toBe(200)
    expect((await signIn(other.login, other.password)).status).toBe(429)
  })
})

describe('CSRF and tokens', ACCOUNT_TEST_BUDGET, () => {
  it('a change made with the session cookie needs the session’s CSRF token; nothing happens without it', async () => {
    server = await startTestServer()
    const browser = new CookieClient(server.url)
    await setUp(browser)
    const missing = await browser.fetch('/api/rooms', { method: 'POST', json: {}, csrf: false })
    expect(missing.status).toBe(403)
    expect((await json(missing)).error.code).toBe('CSRF_REFUSED')
    const wrong = await browser.fetch('/api/rooms', { method: 'POST', json: {}, headers: { 'x-csrf-token': 'guessed' }, csrf: false })
    expect(wrong.status).toBe(403)
    expect((await browser.fetch('/api/account/tokens', { method: 'POST', json: { name: 'x' }, csrf: false })).status).toBe(403)
    expect((await browser.fetch('/api/auth/sign-out', { method: 'POST', json: {}, csrf: false })).status).toBe(403)
    expect(countRooms()).toBe(0)
    expect((await browser.fetch('/api/rooms', { method: 'POST', json: {} })).status).toBe(201)
  })

  it('a personal token is shown once, stored hashed, creates rooms without CSRF, and stops working when revoked', async () => {
    server = await startTestServer()
    const browser = new CookieClient(server.url)
    await setUp(browser)
    const created = await json(await browser.fetch('/api/account/tokens', { method: 'POST', json: { name: 'ci script' } }))
    expect(created.token).toMatch(/^mbp_[A-Za-z0-9_-]{43}$/)
    const listed = await json(await browser.fetch('/api/account/tokens'))
    expect(listed.items).toEqual([
      { tokenId: created.tokenId, name: 'ci script', hint: `${created.token.slice(0, 8)}…`, createdAt: expect.any(Number), lastUsedAt: null },
    ])
    expect(JSON.stringify(server.db.$client.prepare('select * from personal_tokens').all())).not.toContain(created.token.slice(4))

    const room = await fetch(`${server.url}/api/rooms`, { method: 'POST', headers: bearer(created.token), body: '{"title":"From a script"}' })
    expect(room.status).toBe(201)
    expect((server.db.$client.prepare('select created_by from rooms').get() as { created_by: string }).created_by).toBe((await browser.me()).member!.memberId)
    expect((await browser.fetch(`/api/account/tokens/${created.tokenId}`, { method: 'DELETE' })).status).toBe(204)
    const revoked = await fetch(`${server.url}/api/rooms`, { method: 'POST', headers: bearer(created.token), body: '{}' })
    expect(revoked.status).toBe(401)
    expect(countRooms()).toBe(1)
  })
})

describe('members', ACCOUNT_TEST_BUDGET, () => {
  it('an invite link signs up one member once; an expired or spent one is refused', async () => {
    server = await startTestServer()
    const admin = new CookieClient(server.url)
    await setUp(admin)
    const invite = await json(await admin.fetch('/api/members/invites', { method: 'POST', json: { note: 'for Grace' } }))
    const token = new URL(invite.link).hash.replace('#invite=', '')
    expect(await json(await fetch(`${server.url}/api/auth/invites/${token}`))).toEqual({ valid: true })
    const grace = new CookieClient(server.url)
    const signUp = (client: CookieClient, login: string) =>
      client.fetch('/api/auth/sign-up', { method: 'POST', json: { login, displayName: 'Grace', password: 'grace password 1', inviteToken: token } })
    expect((await signUp(grace, 'grace')).status).toBe(201)
    expect((await grace.me()).member).toMatchObject({ login: 'grace', role: 'member' })
    expect((await signUp(new CookieClient(server.url), 'grace2')).status).toBe(401)
    expect(await json(await fetch(`${server.url}/api/auth/invites/${token}`))).toEqual({ valid: false })

    const late = await json(await admin.fetch('/api/members/invites', { method: 'POST', json: {} }))
    server.db.$client.prepare('update member_invites set expires_at = ? where id = ?').run(Date.now() - 1, late.inviteId)
    const lateToken = new URL(late.link).hash.replace('#invite=', '')
    expect(
      (
        await new CookieClient(server.url).fetch('/api/auth/sign-up', {
          method: 'POST',
          json: { login: 'late', displayName: 'Late', password: 'late password 1', inviteToken: lateToken },
        })
      ).status,
    ).toBe(401)
    const states = (await json(await admin.fetch('/api/members/invites'))).items.map((item: { state: string }) => item.state).sort()
    expect(states).toEqual(['expired', 'used'])
  })

  it('self-sign-up works with the team’s join code only while it is on', async () => {
    server = await startTestServer()
    const admin = new CookieClient(server.url)
    await setUp(admin)
    const join = (joinCode: string, login: string) =>
      new CookieClient(server!.url).fetch('/api/auth/sign-up', { method: 'POST', json: { login, displayName: login, password: 'a long password', joinCode } })
    const settings = await json(await admin.fetch('/api/members/settings', { method: 'PUT', json: { selfSignUp: true } }))
    expect(settings.joinCode).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)
    expect((await join('wrong-code', 'mallory')).status).toBe(401)
    expect((await join(settings.joinCode, 'linus')).status).toBe(201)
    await admin.fetch('/api/members/settings', { method: 'PUT', json: { selfSignUp: false } })
    expect((await join(settings.joinCode, 'late')).status).toBe(401)
  })

  it('a deactivated member is refused at once, with an open session and with a token; reactivated, they sign in again', async () => {
    server = await startTestServer()
    const admin = await signedInClient(server.url, await server.admin())
    const member = await createMemberWithToken(server)
    const browser = await signedInClient(server.url, member)
    expect((await browser.fetch('/api/rooms', { method: 'POST', json: {} })).status).toBe(201)
    const list = (await json(await admin.fetch('/api/members'))).items
    expect(list.find((item: { login: string }) => item.login === member.login)).toMatchObject({ role: 'member', active: true, lastSeenAt: expect.any(Number) })

    expect(await json(await admin.fetch(`/api/members/${member.memberId}`, { method: 'PATCH', json: { active: false } }))).toMatchObject({ active: false })
    expect((await browser.fetch('/api/rooms', { method: 'POST', json: {} })).status).toBe(401)
    expect((await browser.fetch('/api/questions')).status).toBe(401)
    expect((await fetch(`${server.url}/api/questions`, { headers: bearer(member.token) })).status).toBe(401)
    expect(
      (await new CookieClient(server.url).fetch('/api/auth/sign-in', { method: 'POST', json: { login: member.login, password: member.password } })).status,
    ).toBe(401)
    expect((server.db.$client.prepare('select count(*) as n from member_sessions where member_id = ?').get(member.memberId) as { n: number }).n).toBe(0)

    await admin.fetch(`/api/members/${member.memberId}`, { method: 'PATCH', json: { active: true } })
    await signedInClient(server.url, member)
    // Tokens stay revoked: reactivation brings the account back, not the old credentials.
    expect((await fetch(`${server.url}/api/questions`, { headers: bearer(member.token) })).status).toBe(401)
  })

  it('an admin’s one-time reset link sets a new password and ends the member’s sessions; the last admin cannot be deactivated', async () => {
    server = await startTestServer()
    const adminMember = await server.admin()
    const admin = await signedInClient(server.url, adminMember)
    const member = await createMemberWithToken(server)
    const oldSession = await signedInClient(server.url, member)
    const { link } = await json(await admin.fetch(`/api/members/${member.memberId}/reset-password`, { method: 'POST', json: {} }))
    const resetToken = new URL(link).hash.replace('#token=', '')
    const reset = new CookieClient(server.url)
    expect((await reset.fetch('/api/auth/reset-password', { method: 'POST', json: { resetToken, password: 'brand new password' } })).status).toBe(200)
    expect((await oldSession.me()).member).toBeNull()
    const reuse = await new CookieClient(server.url).fetch('/api/auth/reset-password', { method: 'POST', json: { resetToken, password: 'another password 2' } })
    expect(reuse.status).toBe(401)
    await signedInClient(server.url, { login: member.login, password: 'brand new password' })

    const last = await admin.fetch(`/api/members/${adminMember.memberId}`, { method: 'PATCH', json: { active: false } })
    expect(last.status).toBe(409)
    const guest = await fetch(`${server.url}/api/members`, { headers: bearer(member.token) })
    expect(guest.status).toBe(403)
  })
})

describe('who sees which session', ACCOUNT_TEST_BUDGET, () => {
  it('a signed-in member opening a link is linked to the participant; others see the session only once it is shared', async () => {
    server = await startTestServer()
    const host = await createMemberWithToken(server)
    const candidate = await createMemberWithToken(server)
    const bystander = await createMemberWithToken(server)
    const room = await server.createRoom({ title: 'Pairing' }, host)
    const candidateBrowser = await signedInClient(server.url, candidate)
    const socket = await connectRoomSocket(server.url, room.roomId, room.tokens.candidate, { name: 'Cand', extraHeaders: { Cookie: candidateBrowser.cookie! } })
    await waitFor(() => server!.db.$client.prepare('select 1 from participants where member_id = ?').get(candidate.memberId), {
      what: 'the participant linked',
    })
    socket.disconnect()

    const list = (token: string, scope = 'mine') => fetch(`${server!.url}/api/sessions?scope=${scope}`, { headers: bearer(token) }).then(json)
    expect((await list(host.token)).items.map((item: { roomId: string }) => item.roomId)).toEqual([room.roomId])
    expect((await list(candidate.token)).items).toEqual([
      expect.objectContaining({ roomId: room.roomId, myRoles: ['candidate'], createdBy: { memberId: host.memberId, displayName: host.displayName } }),
    ])
    expect((await list(bystander.token)).items).toEqual([])
    expect((await fetch(`${server.url}/api/sessions/${room.roomId}`, { headers: bearer(bystander.token) })).status).toBe(404)
    expect((await fetch(`${server.url}/api/sessions?scope=all`, { headers: bearer(bystander.token) })).status).toBe(403)
    expect((await list((await server.admin()).token, 'all')).total).toBe(1)
    // A bystander may not share what they did not take part in; the candidate may.
    expect(
      (await fetch(`${server.url}/api/sessions/${room.roomId}/sharing`, { method: 'PUT', headers: bearer(bystander.token), body: '{"shared":true}' })).status,
    ).toBe(404)
    expect(
      (await fetch(`${server.url}/api/sessions/${room.roomId}/sharing`, { method: 'PUT', headers: bearer(candidate.token), body: '{"shared":true}' })).status,
    ).toBe(200)
    expect((await list(bystander.token, 'shared')).items).toEqual([expect.objectContaining({ roomId: room.roomId, sharedWithTeam: true, myRoles: [] })])
    // Nothing about a session is readable anonymously or with a guest link.
    expect((await fetch(`${server.url}/api/sessions`)).status).toBe(401)
    expect((await fetch(`${server.url}/api/sessions/${room.roomId}`, { headers: bearer(room.tokens.candidate) })).status).toBe(403)
  })
})
