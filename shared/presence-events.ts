import * as z from 'zod/mini'
import { ClientKeySchema, DisplayNameSchema, RoomIdSchema } from './api.ts'
import { clientEvent } from './protocol.ts'
import { RoleSchema, type Role } from './roles.ts'

/**
 * Sent in the Socket.IO handshake: `io({ auth, query: { roomId } })`. The token is checked by the
 * server's identity door (so a bad one gets the same refusal as everywhere); name and client key here.
 */
export const HandshakeAuthSchema = z.object({
  token: z.string(),
  name: DisplayNameSchema,
  /** Random id the browser keeps per room so that a reload is the same participant. */
  clientKey: ClientKeySchema,
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
  'participant:rename': clientEvent(ParticipantRenameSchema),
} as const

export interface PresenceServerEvents {
  /** Everyone who has been in the room, with who is online now; sent on every join, leave or rename. */
  'room:participants': (participants: Participant[]) => void
  /** This socket's own participant id and role, sent once after the handshake. */
  'room:welcome': (welcome: { participantId: string; role: Role }) => void
}
