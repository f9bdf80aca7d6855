import { can, type Role } from '../../shared/roles.ts'

/**
 * Socket.IO rooms ("channels") a room socket joins. Interviewer-only data is emitted to the staff
 * channel or to one participant's channel, never to the whole room, so the candidate's socket
 * cannot receive it even by mistake in a client.
 */
export const roomChannel = (roomId: string) => roomId
export const staffChannel = (roomId: string) => `${roomId}:staff`
export const candidateChannel = (roomId: string) => `${roomId}:candidate`
export const participantChannel = (participantId: string) => `participant:${participantId}`

export function channelsFor(roomId: string, role: Role, participantId: string): string[] {
  const channels = [roomChannel(roomId), participantChannel(participantId)]
  channels.push(can(role, 'room:view-staff-panel') ? staffChannel(roomId) : candidateChannel(roomId))
  return channels
}
