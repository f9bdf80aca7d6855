import { useEffect, useState } from 'react'
import { io, type Socket } from 'socket.io-client'
import type { Participant, ClientToServerEvents, ServerToClientEvents } from '../../../shared/events.ts'
import { clientKeyFor } from './invite-storage.ts'

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>
export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused'

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
      // The server refused the handshake (bad token): retrying cannot help.
      if ((error as Error & { data?: { code?: string } }).data?.code === 'UNAUTHORIZED') {
        setStatus('refused')
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
