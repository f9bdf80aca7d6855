import { Router, type Request } from 'express'
import { inviteLink, RoomIdSchema } from '../../shared/api.ts'
import { ErrorCode } from '../../shared/errors.ts'
import {
  MyLinkBodySchema,
  RotationQuerySchema,
  ScheduleBodySchema,
  type PartnerList,
  type RoleLink,
  type ScheduleResponse,
  type SwapStatus,
  type UpcomingList,
} from '../../shared/practice.ts'
import { can, type Role } from '../../shared/roles.ts'
import { callerCan, requireMember } from '../accounts/index.ts'
import type { Db } from '../db/connection.ts'
import { conflict, describeZodError, forbidden, invalidPayload, notFound, rateLimited } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { RateLimiter } from '../rate-limit.ts'
import { credentialRefused, findRoom, mintInvite, type GuestCaller, type IdentityDoor } from '../rooms/index.ts'
import type { MemberIdentity } from '../rooms/identity.ts'
import { findPracticeRoom, findSwapHalf, heldRoles, listUpcoming } from './practice-store.ts'
import { roomCandidate, rotationFor } from './rotation.ts'
import { scheduleSession, type ScheduleDeps } from './schedule.ts'

export interface PracticeRouterDeps extends ScheduleDeps {
  log: Logger
  door: IdentityDoor
  reads: RateLimiter
  publicUrl: () => string
  /** Seeds a new room's board and timer (as for POST /api/rooms). */
  onRoomCreated: (roomId: string) => void
}

export function parse<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof describeZodError>[0] } },
  value: unknown,
): T {
  const parsed = schema.safeParse(value ?? {})
  if (!parsed.success) throw invalidPayload(describeZodError(parsed.error))
  return parsed.data
}

// One answer for "no such room" and "not one of yours": a member cannot probe for other rooms.
const noSuchRoom = () => notFound(ErrorCode.ROOM_NOT_FOUND, 'There is no such room, or you hold no role in it.')

/** Mounted at /api/practice: scheduling, swaps, the way back into one's own rooms, question rotation. */
export function createPracticeRouter(deps: PracticeRouterDeps): Router {
  const router = Router()
  const log = deps.log.child({ feature: 'practice' })

  router.get('/partners', (req, res) => {
    const caller = requireMember(deps.door, req, 'practice:schedule')
    const items = deps.db.$client
      .prepare(
        'SELECT id AS memberId, display_name AS displayName, login FROM members WHERE deactivated_at IS NULL AND id <> ? ORDER BY display_name COLLATE NOCASE',
      )
      .all(caller.member.memberId) as PartnerList['items']
    res.set('Cache-Control', 'no-store').json({ items } satisfies PartnerList)
  })

  router.post('/sessions', (req, res) => {
    const caller = requireMember(deps.door, req, 'practice:schedule')
    const body = parse(ScheduleBodySchema, req.body)
    const partners = body.partnerIds.map((id) => activePartner(deps.db, id, caller.member))
    const roomIds = scheduleSession(deps, caller.member, body, partners, Date.now())
    for (const roomId of roomIds) deps.onRoomCreated(roomId)
    log.info(
      { roomIds, mode: body.mode, memberId: caller.member.memberId, partners: body.partnerIds.length, startsAt: body.startsAt ?? null },
      'practice scheduled',
    )
    const response: ScheduleResponse = { rooms: roomIds.map((roomId) => findPracticeRoom(deps.db, caller.member.memberId, roomId)!) }
    res.status(201).json(response)
  })

  router.get('/upcoming', (req, res) => {
    const caller = requireMember(deps.door, req, 'practice:schedule')
    res.set('Cache-Control', 'no-store').json({ items: listUpcoming(deps.db, caller.member.memberId) } satisfies UpcomingList)
  })

  router.get('/rotation', (req, res) => {
    const caller = requireMember(deps.door, req, 'practice:schedule')
    const { candidateId, roomId, ...filters } = parse(RotationQuerySchema, req.query)
    const candidate = roomId ? candidateOfRoom(deps.db, caller.member, roomId) : activeMember(deps.db, candidateId!)
    if (!roomId && !candidate) throw notFound(ErrorCode.NOT_FOUND, 'There is no such member.')
    res.set('Cache-Control', 'no-store').json(rotationFor(deps.db, candidate, filters))
  })

  router.post('/rooms/:roomId/my-link', (req, res) => {
    const caller = requireMember(deps.door, req, 'practice:rejoin')
    const { role: asked } = parse(MyLinkBodySchema, req.body)
    const roomId = RoomIdSchema.safeParse(req.params.roomId)
    const held = roomId.success ? heldRoles(deps.db, caller.member.memberId, roomId.data) : []
    if (!roomId.success || held.length === 0) throw noSuchRoom()
    const role = asked ?? held[0]!
    if (!held.includes(role)) throw forbidden(`You hold the ${held.join(' and ')} role in this room, not the ${role}.`)
    const token = mintInvite(deps.db, { roomId: roomId.data, role, memberId: caller.member.memberId }, Date.now())
    log.info({ roomId: roomId.data, role, memberId: caller.member.memberId }, 'personal room link minted')
    res.status(201).json({ roomId: roomId.data, role, link: inviteLink(deps.publicUrl(), roomId.data, token) } satisfies RoleLink)
  })

  router.get('/rooms/:roomId/swap', (req, res) => {
    const caller = requireSwapGuest(deps, req)
    res.set('Cache-Control', 'no-store').json(swapStatus(deps.db, caller))
  })

  router.post('/rooms/:roomId/swap-link', (req, res) => {
    const caller = requireSwapGuest(deps, req)
    const status = swapStatus(deps.db, caller)
    if (status.part !== 1 || !status.pairRoomId || !status.nextRole) throw conflict('This room is not the first half of a swap.')
    if (!status.ready) throw conflict('Part 1 has not ended yet.')
    const memberId = caller.member?.memberId ?? null
    const token = mintInvite(deps.db, { roomId: status.pairRoomId, role: status.nextRole, memberId }, Date.now())
    log.info({ roomId: caller.roomId, nextRoomId: status.pairRoomId, role: status.nextRole, memberId }, 'swap link minted')
    res.status(201).json({ roomId: status.pairRoomId, role: status.nextRole, link: inviteLink(deps.publicUrl(), status.pairRoomId, token) } satisfies RoleLink)
  })

  return router
}

function activeMember(db: Db, memberId: string): { memberId: string; displayName: string } | null {
  const row = db.$client.prepare('SELECT id AS memberId, display_name AS displayName FROM members WHERE id = ? AND deactivated_at IS NULL').get(memberId)
  return (row as { memberId: string; displayName: string } | undefined) ?? null
}

function activePartner(db: Db, memberId: string, by: MemberIdentity): MemberIdentity {
  if (memberId === by.memberId) throw invalidPayload('partnerIds: you cannot be your own partner')
  const row = activeMember(db, memberId)
  if (!row) throw invalidPayload(`partnerIds: there is no active member "${memberId}"`)
  return { ...row, login: '', role: 'member' }
}

/** In a room, the rotation is for whoever runs or watches it (never its candidate), or an admin. */
function candidateOfRoom(db: Db, member: MemberIdentity, roomId: string) {
  const held = heldRoles(db, member.memberId, roomId)
  if (member.role !== 'admin' && held.length === 0) throw noSuchRoom()
  if (member.role !== 'admin' && !held.some((role) => can(role, 'room:view-staff-panel'))) throw forbidden('The rotation is for whoever runs the interview.')
  if (!findRoom(db, roomId)) throw noSuchRoom()
  return roomCandidate(db, roomId)
}

function requireSwapGuest(deps: PracticeRouterDeps, req: Request): GuestCaller {
  const caller = deps.door.authenticateRequest(req, { roomId: String(req.params.roomId) })
  if (!callerCan(caller, 'room:swap')) throw credentialRefused()
  if (!deps.reads.take(caller.rateKey)) throw rateLimited(deps.reads.retryAfterSeconds(caller.rateKey))
  return caller
}

const REVERSED: Record<Role, Role> = { interviewer: 'candidate', candidate: 'interviewer', observer: 'observer' }

function swapStatus(db: Db, caller: GuestCaller): SwapStatus {
  const half = findSwapHalf(db, caller.roomId)
  if (!half) return { part: null, pairRoomId: null, nextRole: null, ready: false }
  const ready = half.part === 1 && findRoom(db, caller.roomId)?.status === 'completed'
  return { part: half.part, pairRoomId: half.pairRoomId, nextRole: half.part === 1 ? REVERSED[caller.role] : null, ready }
}
