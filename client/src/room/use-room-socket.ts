import { useEffect, useState } from 'react'
import { io, type Socket } from 'socket.io-client'
import type { Participant, ClientToServerEvents, ServerToClientEvents } from '../../../shared/events.ts'
import { ErrorCode } from '../../../shared/errors.ts'
import { clientKeyFor } from './invite-storage.ts'

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>
export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused' | 'full'

/** The room-control socket: presence now, timer, notes and chat as they arrive. Reconnects on its own. */
export function useRoomSocket(roomId: string, token: string, name: string) {
  const [participants, setParticipants] = useState<Participant[]>([])
  const [status, setStatus] = useState<ConnectionStatus>('connecting')
  const [selfId, setSelfId] = useState<string>()
  const [socket, setSocket] = useState<RoomSocket>()

  useEffect(() => {
    const socket: RoomSocket = io({ auth: { token, name, clientKey: clientKeyFor(roomId) }, query: { roomId }, transports: ['websocket'] })
    socket.on('connect', () => setStatus('online'))
    socket.on('disconnect', () => setStatus('offline'))
    socket.on('connect_error', (error) => {
      // The server refused the handshake (bad link, or a full room): retrying cannot help.
      const code = (error as Error & { data?: { code?: string } }).data?.code
      if (code === ErrorCode.UNAUTHORIZED || code === ErrorCode.ROOM_FULL) {
        setStatus(code === ErrorCode.ROOM_FULL ? 'full' : 'refused')
        socket.disconnect()
      } else setStatus('offline')
    })
    socket.on('room:welcome', ({ participantId }) => setSelfId(participantId))
    socket.on('room:participants', setParticipants)
    setSocket(socket)
    return () => {
      socket.disconnect()
    }
  }, [roomId, token, name])

  return { socket, participants, status, selfId }
}
