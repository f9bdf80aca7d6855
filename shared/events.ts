import { z } from 'zod'
import type { ErrorCode } from './errors.ts'
import { DisplayNameSchema, InviteTokenSchema, RoomIdSchema } from './api.ts'
import { RoleSchema } from './roles.ts'

/** Socket.IO events, declared once. The server validates every inbound payload with these schemas. */

/** Sent in the Socket.IO handshake: `io({ auth, query: { roomId } })`. */
export const HandshakeAuthSchema = z.object({
  token: InviteTokenSchema,
  name: DisplayNameSchema,
  /** Random id the browser keeps per room so that a reload is the same participant. */
  clientKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
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

export const ParticipantRenameSchema = z.object({ name: DisplayNameSchema }).strict()
export type ParticipantRename = z.infer<typeof ParticipantRenameSchema>

export type AckError = { ok: false; error: { code: ErrorCode; message: string } }
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError
export type AckCallback<T extends object = object> = (ack: Ack<T>) => void

/** Inbound events: name → payload schema. The server registers exactly these and nothing else. */
export const ClientEventSchemas = {
  'participant:rename': ParticipantRenameSchema,
} as const

export interface ClientToServerEvents {
  'participant:rename': (payload: ParticipantRename, ack: AckCallback) => void
}

export interface ServerToClientEvents {
  /** Everyone who has been in the room, with who is online now; sent on every join, leave or rename. */
  'room:participants': (participants: Participant[]) => void
  /** This socket's own participant id, sent once after the handshake. */
  'room:welcome': (welcome: { participantId: string; role: z.infer<typeof RoleSchema> }) => void
}

/** Largest inbound Socket.IO message (bytes); bigger ones are refused by the transport. */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024
