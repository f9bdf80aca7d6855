import type { Request, RequestHandler } from 'express'
import { rateLimit } from 'express-rate-limit'
import { ErrorCode } from '../../shared/errors.ts'
import type { Config } from '../config.ts'
import { AppError } from '../errors.ts'

const tooMany = (what: string, retryAfterMs: number) =>
  new AppError(ErrorCode.RATE_LIMITED, 429, `Too many ${what}: try again in ${Math.max(1, Math.ceil(retryAfterMs / 60_000))} min.`)

/**
 * Sign-in attempts, twice limited (in memory: a restart forgives, which is harmless):
 * per address, every attempt counts (one machine guessing many accounts); per account, only
 * failures count (many machines guessing one password), so the member themself is not locked
 * out by signing in often. The account key is the login as typed, lowercased.
 */
export function createSignInLimits(config: Config): RequestHandler[] {
  const windowMs = config.SIGN_IN_RATE_WINDOW_MS
  const perAddress = rateLimit({
    windowMs,
    limit: config.SIGN_IN_RATE_PER_ADDRESS,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next, options) => next(tooMany('sign-in attempts from this address', options.windowMs)),
  })
  const perAccount = rateLimit({
    windowMs,
    limit: config.SIGN_IN_RATE_PER_ACCOUNT,
    skipSuccessfulRequests: true,
    standardHeaders: false,
    legacyHeaders: false,
    keyGenerator: (req) => `login:${loginOf(req)}`,
    handler: (_req, _res, next, options) => next(tooMany('failed sign-ins for this account', options.windowMs)),
  })
  return [perAddress, perAccount]
}

function loginOf(req: Request): string {
  const login = (req.body as { login?: unknown } | undefined)?.login
  return typeof login === 'string' ? login.trim().toLowerCase().slice(0, 40) : ''
}
