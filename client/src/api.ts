import { CSRF_HEADER } from '../../shared/accounts.ts'
import type { ErrorCode } from '../../shared/errors.ts'

/** An error answered by our API: the UI switches on `code`, and may show `message` as is. */
export class ApiError extends Error {
  readonly code: ErrorCode | 'NETWORK'
  readonly status: number

  constructor(code: ErrorCode | 'NETWORK', status: number, message: string) {
    super(message)
    this.code = code
    this.status = status
  }
}

let csrfToken: string | null = null
/** The signed-in session's CSRF token (from /api/auth/me or a sign-in); sent with every change made with the cookie. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

export async function apiFetch<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers)
  if (init.body !== undefined) headers.set('Content-Type', 'application/json')
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`)
  else if (csrfToken && init.method && init.method !== 'GET') headers.set(CSRF_HEADER, csrfToken)
  let response: Response
  try {
    response = await fetch(path, { ...init, headers })
  } catch {
    throw new ApiError('NETWORK', 0, 'The server cannot be reached. Check that Mockboard is running.')
  }
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined)
  if (!response.ok) {
    const error = (body as { error?: { code: ErrorCode; message: string } } | undefined)?.error
    throw new ApiError(error?.code ?? 'INTERNAL', response.status, error?.message ?? `The server answered ${response.status}.`)
  }
  return body as T
}
