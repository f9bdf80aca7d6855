import { useEffect } from 'react'
import { request, type ProtocolSocket } from '../realtime/request.ts'

interface PushedItemEvents {
  /** Sent by the server right after the handshake: everything so far. */
  list: 'chat:history' | 'notes:list'
  /** One new or changed item. */
  item: 'chat:message' | 'note:saved'
  /** Asks for the list again; the ack carries it under `ackField`. */
  fetch: 'chat:fetch' | 'notes:fetch'
  ackField: 'messages' | 'notes'
}

/**
 * Listens from the moment the socket exists, because the server pushes the list right after the
 * handshake; a view mounted on an already connected socket missed that push, so it asks again.
 */
export function usePushedItems<T>(socket: ProtocolSocket | undefined, events: PushedItemEvents, receive: (items: T[]) => void): void {
  const { list, item, fetch, ackField } = events
  useEffect(() => {
    if (!socket) return
    // The event names are a fixed pair per feature; the payload types follow from `T` at the call site.
    const loose = socket as unknown as {
      on(event: string, listener: (payload: never) => void): void
      off(event: string, listener: (payload: never) => void): void
    }
    const receiveOne = (one: T) => receive([one])
    loose.on(list, receive)
    loose.on(item, receiveOne)
    // Offline or no answer: the next connect pushes the list anyway.
    void request(socket, fetch, {}).then((ack) => {
      if (ack.ok) receive((ack as unknown as Record<string, unknown>)[ackField] as T[])
    })
    return () => {
      loose.off(list, receive)
      loose.off(item, receiveOne)
    }
  }, [socket, list, item, fetch, ackField, receive])
}
