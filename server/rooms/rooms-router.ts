import { Router, type Request } from 'express'
import {
  BoardTicketBodySchema,
  CreateRoomBodySchema,
  inviteLink,
  type BoardTicketResponse,
  type CreateRoomResponse,
  type RoomSession,
} from '../../shared/api.ts'
import { ErrorCode } from '../../shared/errors.ts'
import { can, ROLES } from '../../shared/roles.ts'
import type { Db } from '../db/connection.ts'
import { describeZodError, invalidPayload, notFound, rateLimited } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { RateLimiter } from '../rate-limit.ts'
import type { IdentityDoor } from './authenticate.ts'
import { requireMember } from '../accounts/guards.ts'
import { credentialRefused, type GuestCaller } from './identity.ts'
import { findRoom, insertRoom } from './room-store.ts'

export interface RoomsRouterDeps {
  db: Db
  log: Logger
  door: IdentityDoor
  /** Caps REST reads (session, board tickets) per caller. */
  reads: RateLimiter
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
    const caller = requireMember(deps.door, req, 'room:create')
    const body = CreateRoomBodySchema.safeParse(req.body ?? {})
    if (!body.success) throw invalidPayload(describeZodError(body.error))
    const content = deps.resolveContent(body.data)
    // Never the question's title by default: every role sees the room's title, and the candidate must
    // not learn the question before the interview starts.
    const title = body.data.title ?? 'System design interview'
    const { room, tokens } = insertRoom(
      deps.db,
      { title, questionId: content.questionId, phasePlanId: content.phasePlanId, createdBy: caller.member.memberId },
      Date.now(),
    )
    deps.onRoomCreated(room.id)
    log.info({ roomId: room.id, questionId: room.questionId, memberId: caller.member.memberId, via: caller.via }, 'room created')

    const invites = Object.fromEntries(ROLES.map((role) => [role, inviteLink(deps.publicUrl(), room.id, tokens[role])]))
    const response: CreateRoomResponse = { roomId: room.id, title: room.title, invites: invites as CreateRoomResponse['invites'] }
    res.status(201).json(response)
  })

  router.get('/:roomId/session', (req, res) => {
    const caller = requireRoomGuest(deps, req)
    const room = findRoom(deps.db, caller.roomId)
    if (!room) throw notFound(ErrorCode.ROOM_NOT_FOUND, 'There is no such room.')
    const session: RoomSession = {
      roomId: room.id,
      title: room.title,
      role: caller.role,
      // Which question a candidate will get is the interviewer's to reveal: the panel brings it once the interview runs.
      questionId: can(caller.role, 'room:view-staff-panel') ? room.questionId : null,
      phasePlanId: room.phasePlanId,
      createdAt: room.createdAt,
    }
    res.json(session)
  })

  router.post('/:roomId/board-ticket', (req, res) => {
    const caller = requireRoomGuest(deps, req)
    const body = BoardTicketBodySchema.safeParse(req.body ?? {})
    if (!body.success) throw invalidPayload(describeZodError(body.error))
    const participant = deps.door.admit(caller, body.data)
    const response: BoardTicketResponse = deps.door.issueBoardTicket(participant)
    log.debug({ roomId: caller.roomId, role: caller.role, participantId: participant.participant.participantId }, 'board ticket issued')
    res.status(201).json(response)
  })

  return router
}

/** A guest of the room in the path who may enter it, within their cap of reads. */
function requireRoomGuest(deps: RoomsRouterDeps, req: Request): GuestCaller {
  // A malformed room id matches no credential's room, so it gets the one refusal too (and is logged by the door).
  const caller = deps.door.authenticateRequest(req, { roomId: String(req.params.roomId) })
  if (!can(caller.role, 'room:enter')) throw credentialRefused()
  if (!deps.reads.take(caller.rateKey)) throw rateLimited(deps.reads.retryAfterSeconds(caller.rateKey))
  return caller
}
