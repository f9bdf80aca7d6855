import { useEffect, useState } from 'react'
import type { ProtocolSocket } from './socket-outbox.ts'

/** Whether the room socket is connected now, re-rendering on every connect and disconnect. */
export function useConnected(socket: ProtocolSocket | undefined): boolean {
  const [connected, setConnected] = useState(socket?.connected ?? false)
  useEffect(() => {
    if (!socket) return
    const update = () => setConnected(socket.connected)
    update()
    socket.on('connect', update)
    socket.on('disconnect', update)
    return () => {
      socket.off('connect', update)
      socket.off('disconnect', update)
    }
  }, [socket])
  return connected
}
