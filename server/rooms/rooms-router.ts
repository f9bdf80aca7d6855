import { Router } from 'express'
import { CreateRoomBodySchema, inviteLink, type CreateRoomResponse, type RoomSession } from '../../shared/api.ts'
import { ROLES } from '../../shared/roles.ts'
import type { Db } from '../db/connection.ts'
import { describeZodError, invalidPayload } from '../errors.ts'
import type { Logger } from '../log.ts'
import { requireRoomInvite } from './invite-auth.ts'
import { insertRoom } from './room-store.ts'

export interface RoomsRouterDeps {
  db: Db
  log: Logger
  publicUrl: () => string
  /** Checks the chosen question and phase plan exist (throws an AppError when not) and fills in defaults. */
  resolveContent: (input: { questionId?: string | undefined; phasePlanId?: string | undefined }) => {
    title?: string | undefined
    questionId?: string | undefined
    phasePlanId?: string | undefined
  }
  /** Seeds the new room's board; runs before the links are handed out. */
  onRoomCreated: (roomId: string) => void
}

export function createRoomsRouter(deps: RoomsRouterDeps): Router {
  const router = Router()
  const log = deps.log.child({ feature: 'rooms' })

  router.post('/', (req, res) => {
    const body = CreateRoomBodySchema.safeParse(req.body ?? {})
    if (!body.success) throw invalidPayload(describeZodError(body.error))
    const content = deps.resolveContent(body.data)
    const title = body.data.title ?? content.title ?? 'System design interview'
    const { room, tokens } = insertRoom(deps.db, { title, questionId: content.questionId, phasePlanId: content.phasePlanId }, Date.now())
    deps.onRoomCreated(room.id)
    log.info({ roomId: room.id, questionId: room.questionId }, 'room created')

    const invites = Object.fromEntries(ROLES.map((role) => [role, inviteLink(deps.publicUrl(), room.id, tokens[role])]))
    const response: CreateRoomResponse = { roomId: room.id, title: room.title, invites: invites as CreateRoomResponse['invites'] }
    res.status(201).json(response)
  })

  router.get('/:roomId/session', (req, res) => {
    const { room, role } = requireRoomInvite(deps.db, req, req.params.roomId)
    const session: RoomSession = {
      roomId: room.id,
      title: room.title,
      role,
      questionId: room.questionId,
      phasePlanId: room.phasePlanId,
      createdAt: room.createdAt,
    }
    res.json(session)
  })

  return router
}
