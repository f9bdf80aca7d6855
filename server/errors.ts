import * as z from 'zod/mini'
import type { ErrorCode } from '../shared/errors.ts'
import { ErrorCode as Codes } from '../shared/errors.ts'

// The shared schemas are zod/mini, which loads no locale: without this, their built-in messages
// ("Too big: expected string to have <=120 characters") would read "Invalid input".
z.config(z.locales.en())

/** The one error type of the server: a stable code, an HTTP status and a message safe to show. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number

  constructor(code: ErrorCode, status: number, message: string) {
    super(message)
    this.code = code
    this.status = status
  }

  toBody() {
    return { error: { code: this.code, message: this.message } }
  }
}

export const invalidPayload = (message: string) => new AppError(Codes.INVALID_PAYLOAD, 400, message)
export const unauthorized = (message = 'This invite link is not valid.') => new AppError(Codes.UNAUTHORIZED, 401, message)
export const forbidden = (message = 'Your role may not do that.') => new AppError(Codes.FORBIDDEN, 403, message)
export const notFound = (code: ErrorCode = Codes.NOT_FOUND, message = 'Not found.') => new AppError(code, 404, message)
export const conflict = (message: string) => new AppError(Codes.CONFLICT, 409, message)
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(Codes.RATE_LIMITED, 429, `Too many requests: try again in ${Math.max(1, retryAfterSeconds)} s.`)
export const roomFull = (max: number) => new AppError(Codes.ROOM_FULL, 409, `This room is full: it admits ${max} participants.`)

/** Turns a zod error into one readable line: `title: Too big; name: Required`. */
export function describeZodError(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ')
}
