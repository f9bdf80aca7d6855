/**
 * The accounts feature's door: members, their sessions and tokens, the admin's pages, the
 * sessions a member may read, backups. Member credentials are resolved by the one identity
 * door in server/rooms/; routes guard themselves with `requireMember`.
 */
import type { RequestHandler, Router } from 'express'
import type { Config } from '../config.ts'
import type { Db } from '../db/connection.ts'
import type { Logger } from '../log.ts'
import type { IdentityDoor } from '../rooms/authenticate.ts'
import { createAccountRouter } from './account-router.ts'
import { AccountsService } from './accounts-service.ts'
import { createAdminRouter } from './admin-router.ts'
import { createAuthRouter } from './auth-router.ts'
import { createMembersRouter } from './members-router.ts'
import { resolveSessionSecret } from './session-secret.ts'
import { createSessionsRouter } from './sessions-router.ts'
import { createSignInLimits } from './sign-in-limits.ts'
import { createSessionMiddleware, requireCsrfForCookieChanges } from './web-session.ts'

export { AccountsService, SIGN_IN_REFUSED_MESSAGE } from './accounts-service.ts'
export { callerCan, requireAdmin, requireMember, requireMemberCaller, SIGN_IN_REQUIRED_MESSAGE, signInRequired } from './guards.ts'
export { canReadSession, findSession, listSessions, tookPart } from './session-access.ts'
export { SESSION_COOKIE } from './web-session.ts'

export interface AccountsFeatureDeps {
  config: Config
  db: Db
  log: Logger
  door: IdentityDoor
  publicUrl: () => string
}

export interface AccountsFeature {
  accounts: AccountsService
  /** express-session: for /api (before the routers) and for the Socket.IO engine (to link members). */
  session: RequestHandler
  /** Run on /api after the body parser: the session, then the CSRF check of cookie-authenticated changes. */
  apiMiddleware: RequestHandler[]
  routers: Record<string, Router>
}

export function createAccountsFeature(deps: AccountsFeatureDeps): AccountsFeature {
  const { config, db, log, door } = deps
  const accounts = new AccountsService({ db, log })
  const session = createSessionMiddleware(config, db, resolveSessionSecret(config, log))
  return {
    accounts,
    session,
    apiMiddleware: [session, requireCsrfForCookieChanges],
    routers: {
      '/auth': createAuthRouter({ db, log, door, accounts, signInLimits: createSignInLimits(config) }),
      '/account': createAccountRouter({ db, log, door, accounts }),
      '/members': createMembersRouter({ db, log, door, accounts, config, publicUrl: deps.publicUrl }),
      '/sessions': createSessionsRouter({ db, log, door }),
      '/admin': createAdminRouter({ db, log, door, dataDir: config.dataDir }),
    },
  }
}
