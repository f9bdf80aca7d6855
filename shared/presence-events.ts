import * as z from 'zod/mini'
import { DisplayNameSchema, InviteTokenSchema, RoomIdSchema } from './api.ts'
import { RoleSchema, type Role } from './roles.ts'

/** Sent in the Socket.IO handshake: `io({ auth, query: { roomId } })`. */
export const HandshakeAuthSchema = z.object({
  token: InviteTokenSchema,
  name: DisplayNameSchema,
  /** Random id the browser keeps per room so that a reload is the same participant. */
  clientKey: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)),
})
export type HandshakeAuth = z.infer<typeof HandshakeAuthSchema>
export const HandshakeQuerySchema = z.object({ roomId: RoomIdSchema })

export const ParticipantSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  online: z.boolean(),
})
export type Participant = z.infer<typeof ParticipantSchema>

export const ParticipantRenameSchema = z.strictObject({ name: DisplayNameSchema })

export const PresenceClientEvents = {
  'participant:rename': ParticipantRenameSchema,
} as const

export interface PresenceServerEvents {
  /** Everyone who has been in the room, with who is online now; sent on every join, leave or rename. */
  'room:participants': (participants: Participant[]) => void
  /** This socket's own participant id and role, sent once after the handshake. */
  'room:welcome': (welcome: { participantId: string; role: Role }) => void
}
