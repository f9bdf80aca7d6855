import { Router } from 'express'
import { SessionQuerySchema, ShareSessionBodySchema, type SessionList } from '../../shared/accounts.ts'
import { RoomIdSchema } from '../../shared/api.ts'
import { ErrorCode } from '../../shared/errors.ts'
import type { Db } from '../db/connection.ts'
import { forbidden, notFound } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { IdentityDoor } from '../rooms/authenticate.ts'
import { parseBody } from './auth-router.ts'
import { callerCan, requireMember } from './guards.ts'
import { findSession, listSessions, setSessionShared, tookPart } from './session-access.ts'

export interface SessionsRouterDeps {
  db: Db
  log: Logger
  door: IdentityDoor
}

const noSuchSession = () => notFound(ErrorCode.ROOM_NOT_FOUND, 'There is no such session, or you may not read it.')

/** Mounted at /api/sessions: past and current sessions as a member may see them. Nothing here answers a stranger or a guest. */
export function createSessionsRouter(deps: SessionsRouterDeps): Router {
  const router = Router()
  const log = deps.log.child({ feature: 'accounts' })

  router.get('/', (req, res) => {
    const caller = requireMember(deps.door, req, 'sessions:list')
    const query = parseBody(SessionQuerySchema, req.query)
    if (query.scope === 'all' && !callerCan(caller, 'sessions:read-all')) throw forbidden('Only an admin sees every session.')
    const body: SessionList = listSessions(deps.db, caller.member, query)
    res.set('Cache-Control', 'no-store').json(body)
  })

  router.get('/:roomId', (req, res) => {
    const caller = requireMember(deps.door, req, 'sessions:list')
    const roomId = RoomIdSchema.safeParse(req.params.roomId)
    const session = roomId.success ? findSession(deps.db, caller.member, roomId.data) : null
    if (!session) throw noSuchSession()
    res.set('Cache-Control', 'no-store').json(session)
  })

  router.put('/:roomId/sharing', (req, res) => {
    const caller = requireMember(deps.door, req, 'sessions:share')
    const { shared } = parseBody(ShareSessionBodySchema, req.body)
    const roomId = RoomIdSchema.safeParse(req.params.roomId)
    if (!roomId.success || !findSession(deps.db, caller.member, roomId.data)) throw noSuchSession()
    if (!tookPart(deps.db, caller.member.memberId, roomId.data) && !callerCan(caller, 'sessions:read-all')) {
      throw forbidden('Only someone who took part in the session may share it.')
    }
    setSessionShared(deps.db, roomId.data, shared, Date.now())
    log.info({ roomId: roomId.data, shared, by: caller.member.memberId }, 'session sharing changed')
    res.json(findSession(deps.db, caller.member, roomId.data))
  })

  return router
}
