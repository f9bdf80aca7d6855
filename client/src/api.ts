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

export async function apiFetch<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers)
  if (init.body !== undefined) headers.set('Content-Type', 'application/json')
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`)
  let response: Response
  try {
    response = await fetch(path, { ...init, headers })
  } catch {
    throw new ApiError('NETWORK', 0, 'The server cannot be reached. Check that Mockboard is running.')
  }
  const body: unknown = await response.json().catch(() => undefined)
  if (!response.ok) {
    const error = (body as { error?: { code: ErrorCode; message: string } } | undefined)?.error
    throw new ApiError(error?.code ?? 'INTERNAL', response.status, error?.message ?? `The server answered ${response.status}.`)
  }
  return body as T
}
