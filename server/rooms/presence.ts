import type { Participant } from '../../shared/events.ts'
import type { Db } from '../db/connection.ts'
import type { Logger } from '../log.ts'
import { channelsFor, roomChannel } from '../realtime/channels.ts'
import { onEvent, type RoomServer, type RoomSocket } from '../realtime/socket-server.ts'
import { appendEvent } from '../timeline/index.ts'
import { listParticipants, touchParticipant } from './room-store.ts'

/**
 * Who is in each room right now. A person may hold several sockets (two tabs); they are online
 * while any of them is connected. Everyone who ever joined stays on the list, marked offline.
 */
export class Presence {
  private readonly online = new Map<string, Map<string, number>>()
  private readonly io: RoomServer
  private readonly db: Db
  private readonly log: Logger

  constructor(io: RoomServer, db: Db, log: Logger) {
    this.io = io
    this.db = db
    this.log = log.child({ feature: 'presence' })
  }

  /** The handshake has admitted the participant already (socket.data.participantId is set); this puts them online. */
  handleConnection(socket: RoomSocket): void {
    const { roomId, role, name, participantId } = socket.data
    const participant = { id: participantId }
    const now = Date.now()
    void socket.join(channelsFor(roomId, role, participant.id))
    const sockets = this.socketsOf(roomId)
    const wasOnline = (sockets.get(participant.id) ?? 0) > 0
    sockets.set(participant.id, (sockets.get(participant.id) ?? 0) + 1)
    if (!wasOnline) appendEvent(this.db, { roomId, at: now, type: 'participant.joined', participantId: participant.id, payload: { role, name } })
    this.log.info({ roomId, role, participantId: participant.id }, 'participant joined')

    socket.emit('room:welcome', { participantId: participant.id, role })
    this.broadcast(roomId)
    onEvent(socket, this.log, 'participant:rename', ({ name: newName }) => {
      socket.data.name = newName
      touchParticipant(this.db, participant.id, Date.now(), newName)
      appendEvent(this.db, { roomId, at: Date.now(), type: 'participant.renamed', participantId: participant.id, payload: { name: newName } })
      this.broadcast(roomId)
      return {}
    })
    socket.on('disconnect', () => this.handleDisconnect(socket))
  }

  /** Rooms with at least one participant online. */
  get roomCount(): number {
    return this.online.size
  }

  private handleDisconnect(socket: RoomSocket): void {
    const { roomId, participantId, role } = socket.data
    const sockets = this.socketsOf(roomId)
    const left = (sockets.get(participantId) ?? 1) - 1
    const now = Date.now()
    if (left > 0) {
      sockets.set(participantId, left)
      return
    }
    sockets.delete(participantId)
    if (sockets.size === 0) this.online.delete(roomId)
    touchParticipant(this.db, participantId, now)
    appendEvent(this.db, { roomId, at: now, type: 'participant.left', participantId, payload: {} })
    this.log.info({ roomId, role, participantId }, 'participant left')
    this.broadcast(roomId)
  }

  private socketsOf(roomId: string): Map<string, number> {
    let sockets = this.online.get(roomId)
    if (!sockets) {
      sockets = new Map()
      this.online.set(roomId, sockets)
    }
    return sockets
  }

  private broadcast(roomId: string): void {
    const online = this.online.get(roomId)
    const list: Participant[] = listParticipants(this.db, roomId).map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role,
      online: (online?.get(row.id) ?? 0) > 0,
    }))
    this.io.to(roomChannel(roomId)).emit('room:participants', list)
  }
}
