import { useCallback, useEffect, useState } from 'react'
import type { ClientEventName, ClientEventPayload } from '../../../shared/events.ts'
import type { QuestionPanel, RoomState } from '../../../shared/interview-events.ts'
import { request } from '../realtime/request.ts'
import type { RoomSocket } from '../room/use-room-socket.ts'

export type SendResult = { ok: true } | { ok: false; message: string }

/** The session's state and question panel as the server sends them to this socket's role. */
export function useInterview(socket: RoomSocket | undefined) {
  const [room, setRoom] = useState<RoomState>()
  const [panel, setPanel] = useState<QuestionPanel>()

  useEffect(() => {
    if (!socket) return
    socket.on('room:state', setRoom)
    socket.on('question:panel', setPanel)
    return () => {
      socket.off('room:state', setRoom)
      socket.off('question:panel', setPanel)
    }
  }, [socket])

  /** Emits an interviewer action and resolves with the server's answer (refusals carry a readable message). */
  const send = useCallback(
    async <E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): Promise<SendResult> => {
      if (!socket) return { ok: false, message: 'Not connected: try again in a moment.' }
      const ack = await request(socket, event, payload)
      return ack.ok ? { ok: true } : { ok: false, message: ack.error.message }
    },
    [socket],
  )

  return { room, panel, send }
}

export type Interview = ReturnType<typeof useInterview>
