import type { WebsocketProvider } from 'y-websocket'
import type { BoardTicketBody, BoardTicketResponse } from '../../../shared/api.ts'
import { BoardCloseCode } from '../../../shared/errors.ts'
import { REQUEST_TIMEOUT_MS } from '../realtime/request.ts'

/** Gets a fresh single-use board ticket; rejects when none can be had now. */
export type TicketSource = () => Promise<string>

const FIRST_RETRY_MS = 100
const MAX_RETRY_MS = 5_000

/** POST /api/rooms/:roomId/board-ticket with the invite token; `fetchImpl` lets Node tests use the same code. */
export function boardTicketSource(
  roomId: string,
  token: string,
  visitor: BoardTicketBody,
  options: { baseUrl?: string; fetchImpl?: typeof fetch } = {},
): TicketSource {
  const { baseUrl = '', fetchImpl = fetch } = options
  return async () => {
    const response = await fetchImpl(`${baseUrl}/api/rooms/${encodeURIComponent(roomId)}/board-ticket`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(visitor),
      // The room socket's one timeout policy: a ticket request that takes longer is abandoned and retried.
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    if (!response.ok) throw new Error(`board ticket refused (${response.status})`)
    return ((await response.json()) as BoardTicketResponse).ticket
  }
}

/**
 * Keeps a y-websocket provider connected with a fresh ticket on every (re)connect. The provider
 * reconnects by itself with the same URL, which would present a spent ticket; so it is told never
 * to reconnect on its own (`shouldReconnect`), and each time the server closes the socket we fetch
 * a new ticket, back off as the provider would, and connect again. Create the provider with
 * `connect: false`. Returns a function that stops it (call before `provider.destroy()`).
 */
export function connectWithTickets(provider: WebsocketProvider, nextTicket: TicketSource): () => void {
  let stopped = false
  let failures = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  const open = async () => {
    timer = undefined
    try {
      const ticket = await nextTicket()
      if (stopped) return
      provider.params = { ...provider.params, ticket }
      provider.connect()
    } catch {
      if (!stopped) retry()
    }
  }
  const retry = () => {
    if (stopped || timer !== undefined) return
    timer = setTimeout(open, Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failures++))
  }
  // 'closed' fires for every close the server caused, since shouldReconnect says no; 44xx keeps
  // y-websocket's meaning of "do not come back". A refused change is not retried with this doc
  // either: it would resend the refused update, and the resync (board-resync.ts) starts over with
  // a new doc and provider instead.
  const onClosed = ({ code }: { code: number }) => {
    if (code === BoardCloseCode.CHANGE_REFUSED) return
    if (code < 4400 || code >= 4500) retry()
  }
  const onSync = (synced: boolean) => {
    if (synced) failures = 0
  }
  provider.shouldReconnect = () => false
  provider.on('closed', onClosed)
  provider.on('sync', onSync)
  void open()
  return () => {
    stopped = true
    if (timer !== undefined) clearTimeout(timer)
    provider.off('closed', onClosed)
    provider.off('sync', onSync)
  }
}
