import { useCallback, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { BOARD_REFUSAL_FALLBACK, BOARD_REFUSAL_MESSAGES, type BoardRefusal } from '../../../shared/board.ts'
import { BoardCloseCode } from '../../../shared/errors.ts'

declare global {
  interface Window {
    /** The board's live Y.Doc, for debugging from the console and for end-to-end tests. */
    mockboardDoc?: Y.Doc
  }
}

/** What the person reads when the server refused one of their changes (the close reason is its code). */
export function refusalMessage(reason: string): string {
  return Object.hasOwn(BOARD_REFUSAL_MESSAGES, reason) ? BOARD_REFUSAL_MESSAGES[reason as BoardRefusal] : BOARD_REFUSAL_FALLBACK
}

/**
 * Calls `onRefused` when the server closes the board socket because it refused one of our updates.
 * The provider must not reconnect with this doc: its sync would resend the refused change, and every
 * later change builds on it, so each would be refused again, forever. The caller starts over with a
 * new Y.Doc from the server's state instead.
 */
export function watchRefusals(provider: WebsocketProvider, onRefused: (message: string) => void): () => void {
  const handleClose = (event: CloseEvent | null) => {
    if (event?.code !== BoardCloseCode.CHANGE_REFUSED) return
    // Checked by the reconnect y-websocket schedules right after this event.
    provider.shouldConnect = false
    onRefused(refusalMessage(event.reason))
  }
  provider.on('connection-close', handleClose)
  return () => provider.off('connection-close', handleClose)
}

/** Puts the board's Y.Doc on `window.mockboardDoc` while it is live (the editor is on `window.mockboardEditor`). */
export function exposeBoardDoc(doc: Y.Doc): () => void {
  window.mockboardDoc = doc
  return () => {
    if (window.mockboardDoc === doc) window.mockboardDoc = undefined
  }
}

/**
 * The board's resync state: a generation that changes each time the board must start over from the
 * server (a new Y.Doc and tldraw store), and the message telling the person why.
 */
export function useBoardResync() {
  const [resync, setResync] = useState<{ generation: number; notice?: string }>({ generation: 0 })
  const refused = useCallback((notice: string) => setResync(({ generation }) => ({ generation: generation + 1, notice })), [])
  const dismissNotice = useCallback(() => setResync(({ generation }) => ({ generation })), [])
  return { generation: resync.generation, notice: resync.notice, refused, dismissNotice }
}
