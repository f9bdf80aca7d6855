import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import { Redirect, useLocation } from 'wouter'
import { AuthStateSchema, type AuthState, type MemberSummary } from '../../../shared/accounts.ts'
import { apiFetch, ApiError, setCsrfToken } from '../api.ts'

interface Auth {
  /** null while the first answer of /api/auth/me is on its way. */
  state: AuthState | null
  error: string | null
  refresh(): Promise<void>
  /** After a sign-in, sign-up or setup: the answer carries the member and the new CSRF token. */
  signedIn(answer: { member: MemberSummary; csrfToken: string }): void
  signOut(): Promise<void>
}

const AuthContext = createContext<Auth | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState | null>(null)
  const [error, setError] = useState<string | null>(null)
  const refresh = useCallback(async () => {
    try {
      const next = AuthStateSchema.parse(await apiFetch<unknown>('/api/auth/me'))
      setCsrfToken(next.csrfToken)
      setState(next)
      setError(null)
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The server cannot be reached.')
    }
  }, [])
  useEffect(() => {
    void refresh()
  }, [refresh])
  const signedIn = useCallback((answer: { member: MemberSummary; csrfToken: string }) => {
    setCsrfToken(answer.csrfToken)
    setState((current) => ({ setupRequired: false, selfSignUp: current?.selfSignUp ?? false, member: answer.member, csrfToken: answer.csrfToken }))
  }, [])
  const signOut = useCallback(async () => {
    await apiFetch('/api/auth/sign-out', { method: 'POST', body: '{}' })
    setCsrfToken(null)
    await refresh()
  }, [refresh])
  return <AuthContext.Provider value={{ state, error, refresh, signedIn, signOut }}>{children}</AuthContext.Provider>
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext)
  if (!auth) throw new Error('useAuth needs an <AuthProvider> above it')
  return auth
}

/** Member-only pages: the first run goes to setup, a stranger to sign-in (and back here after). */
export function RequireMember({ children, admin = false }: { children: ReactNode; admin?: boolean }) {
  const { state, error } = useAuth()
  const [location] = useLocation()
  if (error) return <p className="page-status error">{error}</p>
  if (!state) return <p className="page-status">Loading…</p>
  if (state.setupRequired) return <Redirect to="/setup" />
  if (!state.member) return <Redirect to={`/sign-in?next=${encodeURIComponent(location)}`} />
  if (admin && state.member.role !== 'admin') return <p className="page-status">Only an admin may open this page.</p>
  return children
}
