import { Router } from 'express'
import { ChangePasswordBodySchema, CreateTokenBodySchema, type CreatedToken } from '../../shared/accounts.ts'
import { ErrorCode } from '../../shared/errors.ts'
import type { Db } from '../db/connection.ts'
import { notFound } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { IdentityDoor } from '../rooms/authenticate.ts'
import type { AccountsService } from './accounts-service.ts'
import { parseBody } from './auth-router.ts'
import { requireMember } from './guards.ts'
import { insertPersonalToken, listPersonalTokens, revokePersonalToken } from './team-store.ts'
import { startMemberSession } from './web-session.ts'

export interface AccountRouterDeps {
  db: Db
  log: Logger
  door: IdentityDoor
  accounts: AccountsService
}

/** Mounted at /api/account: the signed-in member's own password and personal API tokens. */
export function createAccountRouter(deps: AccountRouterDeps): Router {
  const router = Router()
  const log = deps.log.child({ feature: 'accounts' })

  router.post('/password', async (req, res) => {
    const caller = requireMember(deps.door, req, 'account:manage')
    const { currentPassword, newPassword } = parseBody(ChangePasswordBodySchema, req.body)
    const member = await deps.accounts.changeOwnPassword(caller.member.memberId, currentPassword, newPassword)
    // Every session ended with the change; a browser that made it stays signed in, with a new id.
    const csrfToken = caller.via === 'session' ? await startMemberSession(req, member) : null
    res.json({ csrfToken })
  })

  router.get('/tokens', (req, res) => {
    const caller = requireMember(deps.door, req, 'account:manage')
    res.json({ items: listPersonalTokens(deps.db, caller.member.memberId) })
  })

  router.post('/tokens', (req, res) => {
    const caller = requireMember(deps.door, req, 'account:manage')
    const { name } = parseBody(CreateTokenBodySchema, req.body)
    const { item, token } = insertPersonalToken(deps.db, caller.member.memberId, name, Date.now())
    log.info({ memberId: caller.member.memberId, tokenId: item.tokenId }, 'personal token created')
    const body: CreatedToken = { ...item, token }
    res.status(201).set('Cache-Control', 'no-store').json(body)
  })

  router.delete('/tokens/:tokenId', (req, res) => {
    const caller = requireMember(deps.door, req, 'account:manage')
    if (!revokePersonalToken(deps.db, caller.member.memberId, String(req.params.tokenId), Date.now())) {
      throw notFound(ErrorCode.NOT_FOUND, 'You have no such token.')
    }
    log.info({ memberId: caller.member.memberId, tokenId: req.params.tokenId }, 'personal token revoked')
    res.status(204).end()
  })

  return router
}
