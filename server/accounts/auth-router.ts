import { Router, type Request, type RequestHandler } from 'express'
import {
  AccountLinkTokenSchema,
  ResetPasswordBodySchema,
  SetupBodySchema,
  SignInBodySchema,
  SignUpBodySchema,
  type AuthState,
  type LinkCheck,
} from '../../shared/accounts.ts'
import type { Db } from '../db/connection.ts'
import { AppError, describeZodError, invalidPayload } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { IdentityDoor } from '../rooms/authenticate.ts'
import type { AccountsService } from './accounts-service.ts'
import { toIdentity, type MemberRow } from './member-store.ts'
import { findOpenInvite, findOpenReset, readTeamSettings } from './team-store.ts'
import { csrfTokenOf, endSession, SESSION_COOKIE, startMemberSession } from './web-session.ts'

export interface AuthRouterDeps {
  db: Db
  log: Logger
  door: IdentityDoor
  accounts: AccountsService
  signInLimits: RequestHandler[]
}

export function parseBody<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof describeZodError>[0] } },
  body: unknown,
): T {
  const parsed = schema.safeParse(body ?? {})
  if (!parsed.success) throw invalidPayload(describeZodError(parsed.error))
  return parsed.data
}

/** Mounted at /api/auth: the only API a stranger may use (besides /api/config). */
export function createAuthRouter(deps: AuthRouterDeps): Router {
  const router = Router()
  const log = deps.log.child({ feature: 'accounts' })
  const signedIn = async (req: Request, member: MemberRow) => ({ member: toIdentity(member), csrfToken: await startMemberSession(req, member) })

  router.get('/me', async (req, res) => {
    const member = deps.door.sessionMember(req)
    // A cookie of an ended session (deactivated, password changed) is dropped here, not refused: the page shows sign-in.
    if (!member && req.session?.memberId) await endSession(req)
    res.set('Cache-Control', 'no-store')
    const state: AuthState = {
      setupRequired: deps.accounts.isSetupRequired(),
      selfSignUp: readTeamSettings(deps.db).selfSignUp,
      member,
      csrfToken: member ? csrfTokenOf(req) : null,
    }
    res.json(state)
  })

  router.post('/setup', ...deps.signInLimits, async (req, res) => {
    const account = parseBody(SetupBodySchema, req.body)
    const member = await deps.accounts.setUpFirstAdmin(account)
    res.status(201).json(await signedIn(req, member))
  })

  router.post('/sign-in', ...deps.signInLimits, async (req, res) => {
    const { login, password } = parseBody(SignInBodySchema, req.body)
    try {
      const member = await deps.accounts.checkPassword(login, password)
      const body = await signedIn(req, member)
      log.info({ memberId: member.id }, 'member signed in')
      res.json(body)
    } catch (error) {
      if (error instanceof AppError) log.warn({ reason: 'wrong login or password' }, 'sign-in refused')
      throw error
    }
  })

  router.post('/sign-out', async (req, res) => {
    const memberId = req.session?.memberId
    await endSession(req)
    res.clearCookie(SESSION_COOKIE, { path: '/' })
    if (memberId) log.info({ memberId }, 'member signed out')
    res.status(204).end()
  })

  router.post('/sign-up', ...deps.signInLimits, async (req, res) => {
    const { inviteToken, joinCode, ...account } = parseBody(SignUpBodySchema, req.body)
    const member = await deps.accounts.signUp(account, { inviteToken, joinCode })
    res.status(201).json(await signedIn(req, member))
  })

  router.get('/invites/:token', (req, res) => {
    const token = AccountLinkTokenSchema.safeParse(req.params.token)
    const check: LinkCheck = { valid: token.success && findOpenInvite(deps.db, token.data, Date.now()) !== undefined }
    res.set('Cache-Control', 'no-store').json(check)
  })

  router.get('/resets/:token', (req, res) => {
    const token = AccountLinkTokenSchema.safeParse(req.params.token)
    const check: LinkCheck = { valid: token.success && findOpenReset(deps.db, token.data, Date.now()) !== undefined }
    res.set('Cache-Control', 'no-store').json(check)
  })

  router.post('/reset-password', ...deps.signInLimits.slice(0, 1), async (req, res) => {
    const { resetToken, password } = parseBody(ResetPasswordBodySchema, req.body)
    const member = await deps.accounts.resetWithLink(resetToken, password)
    res.json(await signedIn(req, member))
  })

  return router
}
