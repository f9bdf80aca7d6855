import type { TLRecord } from '@tldraw/tlschema'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { BOARD_RECORDS_KEY, BOARD_SOCKET_PATH } from '../../../shared/board.ts'
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

/** A y-websocket client in Node, like a browser's but without tldraw: it edits the same YKeyValue. */
export async function connectBoard(baseUrl: string, roomId: string, token: string): Promise<BoardClient> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + BOARD_SOCKET_PATH, roomId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  })
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
