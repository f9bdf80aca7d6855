import type { Request, RequestHandler } from 'express'
import session from 'express-session'
import { csrfSync } from 'csrf-sync'
import { CSRF_HEADER } from '../../shared/accounts.ts'
import { ErrorCode } from '../../shared/errors.ts'
import type { Config } from '../config.ts'
import type { Db } from '../db/connection.ts'
import { AppError } from '../errors.ts'
import type { MemberRow } from './member-store.ts'
import { SqliteSessionStore } from './sqlite-session-store.ts'
import './session-data.ts'

export const SESSION_COOKIE = 'mockboard.sid'

/**
 * The member's session cookie: httpOnly (no script reads it), SameSite=Lax (not sent on
 * cross-site POSTs or fetches), Secure when the public address is https. Nothing is stored
 * before sign-in (saveUninitialized: false), so guests and strangers get no cookie at all.
 */
export function createSessionMiddleware(config: Config, db: Db, secret: string): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret,
    store: new SqliteSessionStore(db),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.PUBLIC_URL?.startsWith('https:') ?? false,
      maxAge: config.SESSION_MAX_AGE_MS,
      path: '/',
    },
  })
}

const csrf = csrfSync({
  getTokenFromRequest: (req) => req.get(CSRF_HEADER),
  /**
   * Only changes that ride on the session cookie need the token: a request with an Authorization
   * header (a personal token, an invite) carries its own proof a cross-site page cannot add, and a
   * request without a signed-in session has no authority to abuse.
   */
  skipCsrfProtection: (req) => req.get('authorization') !== undefined || !req.session?.memberId,
})

export const csrfRefused = () => new AppError(ErrorCode.CSRF_REFUSED, 403, 'This change needs the page’s security token: reload the page and try again.')

/** csrf-sync's check with our error shape. */
export const requireCsrfForCookieChanges: RequestHandler = (req, res, next) => {
  csrf.csrfSynchronisedProtection(req, res, (error?: unknown) => next(error ? csrfRefused() : undefined))
}

/** The session's CSRF token (made on first use). */
export function csrfTokenOf(req: Request): string {
  return req.session.csrfToken ?? csrf.generateToken(req)
}

/**
 * Signs the member in with a brand-new session id (the old session, and any id an attacker
 * planted in the browser, is destroyed: no session fixation) and a fresh CSRF token.
 */
export async function startMemberSession(req: Request, member: MemberRow): Promise<string> {
  await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())))
  req.session.memberId = member.id
  req.session.signedInAt = Date.now()
  req.session.passwordChangedAt = member.passwordChangedAt
  const token = csrf.generateToken(req, true)
  await new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())))
  return token
}

export async function endSession(req: Request): Promise<void> {
  if (!req.session) return
  await new Promise<void>((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())))
}
