import { AccountsService } from '../../../server/accounts/index.ts'
import { insertPersonalToken } from '../../../server/accounts/team-store.ts'
import type { MemberRole } from '../../../shared/roles.ts'
import type { AuthState } from '../../../shared/accounts.ts'
import type { RunningServer } from '../../../server/index.ts'

export interface TestMember {
  memberId: string
  login: string
  password: string
  displayName: string
  role: MemberRole
  /** A personal API token of this member (`Authorization: Bearer …`). */
  token: string
}

let counter = 0

/** A member and a personal token, made straight through the accounts store (no HTTP, no rate limits): fast setup for tests. */
export async function createMemberWithToken(
  server: Pick<RunningServer, 'db' | 'log'>,
  options: { role?: MemberRole; login?: string } = {},
): Promise<TestMember> {
  counter += 1
  const role = options.role ?? 'member'
  const login = options.login ?? `${role}${counter}-${Math.random().toString(36).slice(2, 8)}`
  const password = `password-of-${login}`
  const displayName = `${role === 'admin' ? 'Admin' : 'Member'} ${counter}`
  const accounts = new AccountsService({ db: server.db, log: server.log })
  const row = await accounts.createMember({ login, displayName, password, role })
  const { token } = insertPersonalToken(server.db, row.id, 'tests', Date.now())
  return { memberId: row.id, login: row.login, password, displayName, role, token }
}

/**
 * A browser in miniature: keeps the session cookie between requests and sends the CSRF token on
 * changes once it has one, as the page does. `fetch` answers the raw Response.
 */
export class CookieClient {
  readonly baseUrl: string
  cookie: string | null = null
  csrfToken: string | null = null

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl
  }

  async fetch(path: string, init: RequestInit & { json?: unknown; csrf?: boolean } = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookie) headers.set('Cookie', this.cookie)
    if (init.json !== undefined) headers.set('Content-Type', 'application/json')
    if (init.csrf !== false && this.csrfToken && init.method && init.method !== 'GET') headers.set('x-csrf-token', this.csrfToken)
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body })
    const setCookie = response.headers.get('set-cookie')
    if (setCookie) {
      const pair = setCookie.split(';')[0]!
      this.cookie = pair.endsWith('=') ? null : pair
    }
    return response
  }

  /** Signs in; throws unless it worked. */
  async signIn(login: string, password: string): Promise<this> {
    const response = await this.fetch('/api/auth/sign-in', { method: 'POST', json: { login, password } })
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`)
    this.csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken
    return this
  }

  async me(): Promise<AuthState> {
    return (await (await this.fetch('/api/auth/me')).json()) as AuthState
  }

  /** The session id inside the signed cookie (`mockboard.sid=s%3A<id>.<signature>`). */
  get sessionId(): string | null {
    const value = this.cookie ? decodeURIComponent(this.cookie.split('=')[1] ?? '') : ''
    return value.startsWith('s:') ? value.slice(2).split('.')[0]! : null
  }
}

export async function signedInClient(baseUrl: string, member: Pick<TestMember, 'login' | 'password'>): Promise<CookieClient> {
  return new CookieClient(baseUrl).signIn(member.login, member.password)
}
