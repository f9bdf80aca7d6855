import { Router } from 'express'
import { ErrorCode } from '../../shared/errors.ts'
import { MemberIdSchema } from '../../shared/practice.ts'
import { callerCan, requireMember } from '../accounts/index.ts'
import type { Db } from '../db/connection.ts'
import { forbidden, notFound } from '../errors.ts'
import type { IdentityDoor } from '../rooms/index.ts'
import type { Request } from 'express'
import { progressOf, teamProgressOf } from './progress-store.ts'

export interface ProgressRouterDeps {
  db: Db
  door: IdentityDoor
}

/** Mounted at /api/progress: a member's own dashboard; the team page and anyone's dashboard for admins. */
export function createProgressRouter(deps: ProgressRouterDeps): Router {
  const router = Router()

  router.get('/me', (req, res) => {
    const caller = requireMember(deps.door, req, 'progress:view-own')
    res.set('Cache-Control', 'no-store').json(progressOf(deps.db, caller.member, Date.now()))
  })

  router.get('/team', (req, res) => {
    requireTeamView(deps, req)
    res.set('Cache-Control', 'no-store').json(teamProgressOf(deps.db, Date.now()))
  })

  router.get('/members/:memberId', (req, res) => {
    requireTeamView(deps, req)
    const memberId = MemberIdSchema.safeParse(req.params.memberId)
    const row = memberId.success
      ? (deps.db.$client.prepare('SELECT id AS memberId, display_name AS displayName FROM members WHERE id = ?').get(memberId.data) as
          | { memberId: string; displayName: string }
          | undefined)
      : undefined
    if (!row) throw notFound(ErrorCode.NOT_FOUND, 'There is no such member.')
    res.set('Cache-Control', 'no-store').json(progressOf(deps.db, row, Date.now()))
  })

  return router
}

/** A member without the right hears why, not just "forbidden". */
function requireTeamView(deps: ProgressRouterDeps, req: Request): void {
  const caller = requireMember(deps.door, req)
  if (!callerCan(caller, 'progress:view-team')) throw forbidden('Only an admin sees the team’s practice and other members’ dashboards.')
}
