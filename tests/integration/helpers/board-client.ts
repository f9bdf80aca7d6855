import type { TLRecord } from '@tldraw/tlschema'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { BOARD_RECORDS_KEY, BOARD_SOCKET_PATH, BoardMessage } from '../../../shared/board.ts'
import { boardTicketSource, connectWithTickets } from '../../../client/src/board/board-tickets.ts'
import { waitFor } from './wait-for.ts'

export interface BoardClient {
  doc: Y.Doc
  provider: WebsocketProvider
  records: YKeyValue<TLRecord>
  /** Adds or replaces a geo shape record, the way a tldraw client would. */
  putShape(id: string, x?: number): void
  shapeIds(): string[]
  /** Every close of its socket, in order (code and reason), as the provider saw them. */
  closes: { code: number; reason: string }[]
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
  const closes: BoardClient['closes'] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  await waitFor(() => provider.synced, { what: 'first sync' })
  const records = new YKeyValue<TLRecord>(doc.getArray(BOARD_RECORDS_KEY))
  return {
    doc,
    provider,
    records,
    closes,
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

/** A geo shape exactly as tldraw 5 writes it (the server validates every record against tldraw's schema). */
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
    props: {
      geo: 'rectangle',
      dash: 'draw',
      url: '',
      w: 100,
      h: 80,
      growY: 0,
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color: 'black',
      fill: 'none',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: { type: 'doc', content: [{ type: 'paragraph' }] },
    },
  } as unknown as TLRecord
}

/** Takes one board ticket over REST, as the browser does before it opens the board socket. */
export async function takeBoardTicket(baseUrl: string, roomId: string, token: string, visitor: { name?: string; clientKey?: string } = {}): Promise<string> {
  return boardTicketSource(
    roomId,
    token,
    { name: visitor.name ?? 'Board tester', clientKey: visitor.clientKey ?? `raw${Math.random().toString(36).slice(2, 12)}` },
    { baseUrl },
  )()
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

/**
 * A board socket without a provider, for sending bytes a real client would not: forged updates
 * and awareness. It records the frames the server sends and how the socket closed.
 */
export interface RawBoardSocket {
  ws: WebSocket
  received: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
  sendUpdate(update: Uint8Array): void
  sendAwareness(update: Uint8Array): void
}

export async function openRawBoard(
  baseUrl: string,
  roomId: string,
  token: string,
  visitor: { name?: string; clientKey?: string } = {},
): Promise<RawBoardSocket> {
  const ticket = await takeBoardTicket(baseUrl, roomId, token, visitor)
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${BOARD_SOCKET_PATH}/${roomId}?ticket=${ticket}`)
  const received: Uint8Array[] = []
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })))
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  // The server answers once the room is loaded; its first frame is our sync step 1.
  await waitFor(() => received.length > 0, { what: 'the server’s first sync frame' })
  const frame = (type: number, write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, type)
    write(encoder)
    ws.send(encoding.toUint8Array(encoder))
  }
  return {
    ws,
    received,
    closed,
    sendUpdate: (update) => frame(BoardMessage.SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update)),
    sendAwareness: (update) => frame(BoardMessage.AWARENESS, (encoder) => encoding.writeVarUint8Array(encoder, update)),
  }
}

/**
 * The update a client with `base`'s state would send for `edit`, made on a copy (a new client id).
 * Pass `onto` to keep editing the same forged client, so that later updates build on earlier ones.
 */
export function forgeUpdate(base: Y.Doc, edit: (doc: Y.Doc, records: YKeyValue<TLRecord>) => void, onto?: Y.Doc): { update: Uint8Array; doc: Y.Doc } {
  const doc = onto ?? new Y.Doc()
  if (!onto) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const updates: Uint8Array[] = []
  const capture = (update: Uint8Array) => updates.push(update)
  doc.on('update', capture)
  edit(doc, new YKeyValue<TLRecord>(doc.getArray(BOARD_RECORDS_KEY)))
  doc.off('update', capture)
  return { update: Y.mergeUpdates(updates), doc }
}
