import { z } from 'zod'
import { RoleSchema } from './roles.ts'

/** REST payloads, declared once: the server parses with them, the client types its calls with them. */

export const RoomIdSchema = z.string().regex(/^[A-Za-z0-9_-]{6,32}$/, 'is not a room id')
export const InviteTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, 'is not an invite token')
export const DisplayNameSchema = z.string().trim().min(1, 'cannot be empty').max(40, 'is longer than 40 characters')

export const CreateRoomBodySchema = z
  .object({
    title: z.string().trim().min(1).max(120).optional(),
    questionId: z.string().min(1).max(200).optional(),
    phasePlanId: z.string().min(1).max(200).optional(),
  })
  .strict()
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
  questionId: z.string().nullable(),
  phasePlanId: z.string().nullable(),
  createdAt: z.number(),
})
export type RoomSession = z.infer<typeof RoomSessionSchema>

export const ClientConfigSchema = z.object({
  tldrawLicenseKey: z.string().optional(),
})
export type ClientConfig = z.infer<typeof ClientConfigSchema>

/** Invite links carry the token in the fragment, so it never reaches a server log or a Referer header. */
export function inviteLink(publicUrl: string, roomId: string, token: string): string {
  return `${publicUrl}/r/${roomId}#invite=${token}`
}
