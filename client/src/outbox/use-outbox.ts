import { useCallback, useEffect, useRef, useState } from 'react'
import { Outbox, outboxKey, type OutboxEntry } from './outbox.ts'
import { syncOutbox, type OutboxSync, type ProtocolSocket } from './socket-outbox.ts'

/**
 * One participant's outbox for one feature (notes, chat), synced over the room socket: what is
 * queued survives reloads and disconnects, and is sent in order once the socket is back.
 */
export function useOutbox(
  socket: ProtocolSocket | undefined,
  feature: string,
  roomId: string,
  participantId: string | undefined,
  onSent: (ack: unknown) => void,
) {
  const [pending, setPending] = useState<readonly OutboxEntry[]>([])
  const [rejection, setRejection] = useState<string>()
  const queue = useRef<{ outbox: Outbox; sync: OutboxSync }>(undefined)

  useEffect(() => {
    if (!socket || !participantId) return
    const outbox = new Outbox({
      storage: window.localStorage,
      key: outboxKey(feature, roomId, participantId),
      onChange: setPending,
      // A resend the server already had is not broadcast again: the ack carries the stored copy.
      onSent: (_entry, ack) => onSent(ack),
      onRejected: (_entry, outcome) => setRejection(outcome.message),
    })
    setPending(outbox.entries())
    const sync = syncOutbox(socket, outbox)
    queue.current = { outbox, sync }
    return () => {
      sync.stop()
      queue.current = undefined
    }
  }, [socket, feature, roomId, participantId, onSent])

  /** Queues an entry and tries to send it now; false while the outbox is not ready (no participant yet). */
  const enqueue = useCallback((entry: Omit<OutboxEntry, 'queuedAt'>) => {
    const target = queue.current
    if (!target) return false
    target.outbox.enqueue(entry)
    setRejection(undefined)
    void target.sync.flush()
    return true
  }, [])

  return { pending, rejection, enqueue }
}
