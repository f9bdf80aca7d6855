import { useEffect, useState } from 'react'
import type { ProtocolSocket } from './socket-outbox.ts'

/**
 * Whether the room socket can reach the server now. The browser's offline signal counts too:
 * a WebSocket can look open for tens of seconds after the network went away (until its ping
 * times out), and the status line should say "offline" at once.
 */
export function useConnected(socket: ProtocolSocket | undefined): boolean {
  const [connected, setConnected] = useState(() => isReachable(socket))
  useEffect(() => {
    const update = () => setConnected(isReachable(socket))
    update()
    socket?.on('connect', update)
    socket?.on('disconnect', update)
    window.addEventListener('online', update)
    window.addEventListener('offline', update)
    return () => {
      socket?.off('connect', update)
      socket?.off('disconnect', update)
      window.removeEventListener('online', update)
      window.removeEventListener('offline', update)
    }
  }, [socket])
  return connected
}

function isReachable(socket: ProtocolSocket | undefined): boolean {
  return (socket?.connected ?? false) && navigator.onLine
}
