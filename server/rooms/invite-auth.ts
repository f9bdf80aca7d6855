import type { Request } from 'express'
import { InviteTokenSchema, RoomIdSchema } from '../../shared/api.ts'
import { ErrorCode } from '../../shared/errors.ts'
import type { Role } from '../../shared/roles.ts'
import type { Db } from '../db/connection.ts'
import { notFound, unauthorized } from '../errors.ts'
import { findInvite, findRoom, type RoomRow } from './room-store.ts'

function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization')
  if (!header) return undefined
  const match = /^Bearer (.+)$/i.exec(header)
  if (!match) throw unauthorized('The Authorization header must be "Bearer <invite token>".')
  return match[1]
}

/**
 * The role a request's invite token grants, or null when it carries none (the team browsing
 * its own library). A present but bad token is an error, never silently "no role".
 */
export function resolveRequestRole(db: Db, req: Request): Role | null {
  const token = bearerToken(req)
  if (token === undefined) return null
  const parsed = InviteTokenSchema.safeParse(token)
  const invite = parsed.success ? findInvite(db, parsed.data) : undefined
  if (!invite) throw unauthorized()
  return invite.role
}

/** Requires a valid invite token for the room in the path; returns the room and the token's role. */
export function requireRoomInvite(db: Db, req: Request, roomIdParam: unknown): { room: RoomRow; role: Role } {
  const roomId = RoomIdSchema.safeParse(roomIdParam)
  if (!roomId.success) throw notFound(ErrorCode.ROOM_NOT_FOUND, 'There is no such room.')
  const token = bearerToken(req)
  if (token === undefined) throw unauthorized('This room needs an invite link.')
  const parsed = InviteTokenSchema.safeParse(token)
  const invite = parsed.success ? findInvite(db, parsed.data) : undefined
  // Same answer for "unknown token" and "token of another room": the caller learns nothing about other rooms.
  if (!invite || invite.roomId !== roomId.data) throw unauthorized()
  const room = findRoom(db, invite.roomId)
  if (!room) throw notFound(ErrorCode.ROOM_NOT_FOUND, 'There is no such room.')
  return { room, role: invite.role }
}
