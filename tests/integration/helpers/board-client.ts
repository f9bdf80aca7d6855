import type { TLRecord } from '@tldraw/tlschema'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { BOARD_RECORDS_KEY, BOARD_SOCKET_PATH } from '../../../shared/board.ts'
import { boardTicketSource, connectWithTickets } from '../../../client/src/board/board-tickets.ts'
import { waitFor } from './wait-for.ts'

export interface BoardClient {
  doc: Y.Doc
  provider: WebsocketProvider
  records: YKeyValue<TLRecord>
  /** Adds or replaces a geo shape record, the way a tldraw client would. */
  putShape(id: string, x?: number): void
  shapeIds(): string[]
  destroy(): void
}

/**
 * A y-websocket client in Node, like a browser's but without tldraw: it edits the same YKeyValue,
 * and takes a board ticket with the invite token before every (re)connect through the browser's own module.
 */
export async function connectBoard(baseUrl: string, roomId: string, token: string, visitor: { name?: string; clientKey?: string } = {}): Promise<BoardClient> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + BOARD_SOCKET_PATH, roomId, doc, {
    connect: false,
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  })
  const clientKey = visitor.clientKey ?? `board${Math.random().toString(36).slice(2, 12)}`
  const stopTickets = connectWithTickets(provider, boardTicketSource(roomId, token, { name: visitor.name ?? 'Board tester', clientKey }, { baseUrl }))
  await waitFor(() => provider.synced, { what: 'first sync' })
  const records = new YKeyValue<TLRecord>(doc.getArray(BOARD_RECORDS_KEY))
  return {
    doc,
    provider,
    records,
    putShape(id, x = 0) {
      records.set(id, shapeRecord(id, x))
    },
    shapeIds() {
      return [...records.map.keys()].filter((key) => key.startsWith('shape:')).sort()
    },
    destroy() {
      stopTickets()
      provider.destroy()
      doc.destroy()
    },
  }
}

export function shapeRecord(id: string, x: number): TLRecord {
  return {
    id,
    typeName: 'shape',
    type: 'geo',
    x,
    y: 0,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { geo: 'rectangle', w: 100, h: 80 },
  } as unknown as TLRecord
}

/** Takes one board ticket over REST, as the browser does before it opens the board socket. */
export async function takeBoardTicket(baseUrl: string, roomId: string, token: string, visitor: { name?: string; clientKey?: string } = {}): Promise<string> {
  return boardTicketSource(roomId, token, { name: visitor.name ?? 'Board tester', clientKey: visitor.clientKey ?? `raw${Math.random().toString(36).slice(2, 12)}` }, { baseUrl })()
}

/** Opens a raw board socket and reports how the upgrade went, for the refusal tests. */
export function tryUpgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number } | { open: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 })
      ws.terminate()
    })
    ws.once('open', () => resolve({ open: ws }))
    ws.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error)
    })
  })
}
