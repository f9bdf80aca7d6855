import { useEffect, useState } from 'react'
import type { BoardSavingNotice } from '../../../shared/board-events.ts'
import type { RoomSocket } from './use-room-socket.ts'

/**
 * Whether the server has paused saving this room's board (its database refuses writes). Edits still
 * sync and are kept by the server, so this is a warning, not an error. A disconnect clears it: the
 * server repeats the notice on reconnect if saving is still paused.
 */
export function useBoardSavingPaused(socket: RoomSocket | undefined): boolean {
  const [paused, setPaused] = useState(false)

  useEffect(() => {
    if (!socket) return
    const handleNotice = (notice: BoardSavingNotice) => setPaused(notice.paused)
    const handleDisconnect = () => setPaused(false)
    socket.on('board:saving', handleNotice)
    socket.on('disconnect', handleDisconnect)
    return () => {
      socket.off('board:saving', handleNotice)
      socket.off('disconnect', handleDisconnect)
    }
  }, [socket])

  return paused
}
