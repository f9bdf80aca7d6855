import * as z from 'zod/mini'
import { RoleSchema } from './roles.ts'

/** REST payloads, declared once: the server parses with them, the client types its calls with them. */

export const RoomIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{6,32}$/, 'is not a room id'))
export const InviteTokenSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{32,64}$/, 'is not an invite token'))
/** A board ticket: 32 random bytes, URL-safe, spent on one board connection. */
export const BoardTicketSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{32,64}$/, 'is not a board ticket'))
export const DisplayNameSchema = z.string().check(z.trim(), z.minLength(1, 'cannot be empty'), z.maxLength(40, 'is longer than 40 characters'))

export const CreateRoomBodySchema = z.strictObject({
  title: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(120))),
  questionId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  phasePlanId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
})
export type CreateRoomBody = z.infer<typeof CreateRoomBodySchema>

export const InviteLinksSchema = z.object({
  interviewer: z.string(),
  candidate: z.string(),
  observer: z.string(),
})

export const CreateRoomResponseSchema = z.object({
  roomId: RoomIdSchema,
  title: z.string(),
  invites: InviteLinksSchema,
})
export type CreateRoomResponse = z.infer<typeof CreateRoomResponseSchema>

/** GET /api/rooms/:roomId/session with `Authorization: Bearer <invite token>`: who this link makes you. */
export const RoomSessionSchema = z.object({
  roomId: RoomIdSchema,
  title: z.string(),
  role: RoleSchema,
  questionId: z.nullable(z.string()),
  phasePlanId: z.nullable(z.string()),
  createdAt: z.number(),
})
export type RoomSession = z.infer<typeof RoomSessionSchema>

/** A browser's key in one room (kept in localStorage): a reload is the same participant. */
export const ClientKeySchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'is not a client key'))

/** Who enters the room: sent with the Socket.IO handshake and with a board-ticket request. */
export const VisitorSchema = z.object({ name: DisplayNameSchema, clientKey: ClientKeySchema })
export type Visitor = z.infer<typeof VisitorSchema>

/**
 * POST /api/rooms/:roomId/board-ticket with `Authorization: Bearer <invite token>`: a ticket for
 * one board connection, spent at the upgrade (`/yjs/<roomId>?ticket=…`) within its lifetime.
 */
export const BoardTicketBodySchema = z.strictObject({ name: DisplayNameSchema, clientKey: ClientKeySchema })
export type BoardTicketBody = z.infer<typeof BoardTicketBodySchema>
export const BoardTicketResponseSchema = z.object({ ticket: BoardTicketSchema, expiresAt: z.number() })
export type BoardTicketResponse = z.infer<typeof BoardTicketResponseSchema>

export const ClientConfigSchema = z.object({
  tldrawLicenseKey: z.optional(z.string()),
})
export type ClientConfig = z.infer<typeof ClientConfigSchema>

/** Invite links carry the token in the fragment, so it never reaches a server log or a Referer header. */
export function inviteLink(publicUrl: string, roomId: string, token: string): string {
  return `${publicUrl}/r/${roomId}#invite=${token}`
}
