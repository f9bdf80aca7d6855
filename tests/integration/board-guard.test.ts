import type { TLRecord } from '@tldraw/tlschema'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BOARD_META_KEY, BoardRefusal } from '../../shared/board.ts'
import { BoardCloseCode } from '../../shared/errors.ts'
import { boardStateAt } from '../../server/whiteboard/room-doc.ts'
import { boardRecords } from '../../server/whiteboard/board-seed.ts'
import { SqliteBoardStore } from '../../server/whiteboard/board-store.ts'
import { watchRefusals } from '../../client/src/board/board-resync.ts'
import { connectBoard, forgeUpdate, openRawBoard, shapeRecord, type BoardClient, type RawBoardSocket } from './helpers/board-client.ts'
import { startTestServer, type TestRoom, type TestServer } from './helpers/test-server.ts'
import { waitFor } from './helpers/wait-for.ts'

let server: TestServer
const clients: BoardClient[] = []
const raws: RawBoardSocket[] = []

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.destroy()
})
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy()
  for (const raw of raws.splice(0)) raw.ws.terminate()
})

async function connect(room: TestRoom, role: 'interviewer' | 'candidate' | 'observer' = 'candidate') {
  const client = await connectBoard(server.url, room.roomId, room.tokens[role])
  clients.push(client)
  return client
}

async function openRaw(room: TestRoom, role: 'interviewer' | 'candidate' | 'observer' = 'candidate') {
  const raw = await openRawBoard(server.url, room.roomId, room.tokens[role])
  raws.push(raw)
  return raw
}

/** The board as SQLite holds it (after the window was flushed): the records by key. */
function persistedRecords(roomId: string): Map<string, TLRecord> {
  const doc = boardStateAt(new SqliteBoardStore(server.db.$client), roomId, Date.now())
  const records = new Map(boardRecords(doc).map)
  doc.destroy()
  return new Map([...records].map(([key, entry]) => [key, entry.val]))
}

function persistedMeta(roomId: string): unknown[] {
  const doc = boardStateAt(new SqliteBoardStore(server.db.$client), roomId, Date.now())
  const keys = [...doc.getMap(BOARD_META_KEY).keys()]
  doc.destroy()
  return keys
}

const invalidShape = { ...shapeRecord('shape:bad', 0), props: { geo: 'not-a-geo', w: -5 } } as unknown as TLRecord
const unknownType = { id: 'widget:w', typeName: 'widget', meta: {} } as unknown as TLRecord
const cameraRecord = { id: 'camera:page:page', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} } as unknown as TLRecord

const cases: {
  title: string
  reason: BoardRefusal
  edit: (doc: Y.Doc, records: ReturnType<typeof boardRecords>) => void
  untouched: (roomId: string) => void
}[] = [
  {
    title: 'a shape tldraw’s schema rejects',
    reason: BoardRefusal.INVALID_RECORD,
    edit: (_doc, records) => records.set('shape:bad', invalidShape),
    untouched: (roomId) => expect(persistedRecords(roomId).has('shape:bad')).toBe(false),
  },
  {
    title: 'a record of an unknown type',
    reason: BoardRefusal.UNKNOWN_RECORD_TYPE,
    edit: (_doc, records) => records.set('widget:w', unknownType),
    untouched: (roomId) => expect(persistedRecords(roomId).has('widget:w')).toBe(false),
  },
  {
    title: 'a browser-only (camera) record',
    reason: BoardRefusal.NOT_BOARD_RECORD,
    edit: (_doc, records) => records.set('camera:page:page', cameraRecord),
    untouched: (roomId) => expect(persistedRecords(roomId).has('camera:page:page')).toBe(false),
  },
  {
    title: 'the document record overwritten with an invalid value',
    reason: BoardRefusal.INVALID_RECORD,
    edit: (_doc, records) => records.set('document:document', { ...records.get('document:document')!, gridSize: 'huge' } as unknown as TLRecord),
    untouched: (roomId) => expect(persistedRecords(roomId).get('document:document')).toMatchObject({ gridSize: 10 }),
  },
  {
    title: 'the document record deleted',
    reason: BoardRefusal.REQUIRED_RECORD,
    edit: (_doc, records) => records.delete('document:document'),
    untouched: (roomId) => expect(persistedRecords(roomId).has('document:document')).toBe(true),
  },
  {
    title: 'the last page deleted',
    reason: BoardRefusal.REQUIRED_RECORD,
    edit: (_doc, records) => records.delete('page:page'),
    untouched: (roomId) => expect(persistedRecords(roomId).has('page:page')).toBe(true),
  },
  {
    title: 'a write to tl_meta',
    reason: BoardRefusal.FORBIDDEN_TARGET,
    edit: (doc) => doc.getMap(BOARD_META_KEY).set('evil', 'yes'),
    untouched: (roomId) => expect(persistedMeta(roomId)).toEqual(['schema']),
  },
]

describe('the board guard refuses what tldraw would reject, and the room keeps working', () => {
  it.each(cases)(
    '$title: not stored, not relayed, the sender is closed with CHANGE_REFUSED and converges after reconnecting',
    async ({ reason, edit, untouched }) => {
      const room = await server.createRoom()
      const watcher = await connect(room, 'interviewer')
      const sender = await connect(room, 'candidate')
      const refusals: string[] = []
      watchRefusals(sender.provider, (message) => refusals.push(message))

      sender.doc.transact(() => edit(sender.doc, sender.records))
      await waitFor(() => sender.closes.length > 0, { what: 'the sender’s socket to close' })
      expect(sender.closes[0]).toEqual({ code: BoardCloseCode.CHANGE_REFUSED, reason })
      expect(refusals).toHaveLength(1)
      expect(refusals[0]).toMatch(/^(Your last change could not be saved and was undone|The board is full)/)
      // The refused sender does not reconnect with the refused change in its doc.
      expect(sender.provider.shouldConnect).toBe(false)

      // A valid edit by someone else still flows, and arriving proves the refused one had its chance to.
      watcher.putShape('shape:after')
      const again = await connect(room, 'candidate')
      await waitFor(() => again.shapeIds().includes('shape:after'), { what: 'the watcher’s edit at the reconnected sender' })
      again.putShape('shape:from-sender')
      await waitFor(() => watcher.shapeIds().includes('shape:from-sender'), { what: 'the reconnected sender’s edit at the watcher' })
      expect(Y.encodeStateVector(again.doc)).toEqual(Y.encodeStateVector(watcher.doc))
      expect(watcher.records.get('document:document')).toMatchObject({ gridSize: 10 })
      expect(watcher.records.get('page:page')).toBeDefined()
      expect([...watcher.doc.getMap(BOARD_META_KEY).keys()]).toEqual(['schema'])
      expect(watcher.records.get('shape:bad')).toBeUndefined()
      expect([...watcher.records.map.keys()].some((key) => key.startsWith('widget:') || key.startsWith('camera:'))).toBe(false)

      await waitFor(() => persistedRecords(room.roomId).has('shape:from-sender'), { what: 'the later edits flushed' })
      untouched(room.roomId)
      expect(server.logs.some((line) => line.msg === 'board update refused' && line.reason === reason && line.roomId === room.roomId)).toBe(true)
    },
  )

  it('an update that builds on a refused one is refused too, and none of its content is stored', async () => {
    const room = await server.createRoom()
    const watcher = await connect(room, 'interviewer')
    const first = forgeUpdate(watcher.doc, (_doc, records) => records.set('shape:bad', invalidShape))
    const raw = await openRaw(room)
    raw.sendUpdate(first.update)
    expect(await raw.closed).toEqual({ code: BoardCloseCode.CHANGE_REFUSED, reason: BoardRefusal.INVALID_RECORD })

    // The same client goes on with a valid shape; its update starts where the refused one ended.
    const second = forgeUpdate(watcher.doc, (_doc, records) => records.set('shape:later', shapeRecord('shape:later', 5)), first.doc)
    const retry = await openRaw(room)
    retry.sendUpdate(second.update)
    expect(await retry.closed).toEqual({ code: BoardCloseCode.CHANGE_REFUSED, reason: BoardRefusal.MISSING_DEPENDENCY })

    watcher.putShape('shape:valid')
    await waitFor(() => persistedRecords(room.roomId).has('shape:valid'), { what: 'the valid edit flushed' })
    expect(watcher.shapeIds()).toEqual(['shape:valid'])
    expect(persistedRecords(room.roomId).has('shape:later')).toBe(false)
  })

  it('malformed update bytes are refused without touching the board', async () => {
    const room = await server.createRoom()
    const watcher = await connect(room, 'interviewer')
    const raw = await openRaw(room)
    raw.sendUpdate(new Uint8Array([1, 1, 200, 1, 0, 8, 1, 119]))
    expect(await raw.closed).toEqual({ code: BoardCloseCode.CHANGE_REFUSED, reason: BoardRefusal.MALFORMED_UPDATE })
    watcher.putShape('shape:fine')
    await waitFor(() => persistedRecords(room.roomId).has('shape:fine'), { what: 'a valid edit flushed' })
  })

  it('valid edits of two clients on the same shape at once are both accepted', async () => {
    const room = await server.createRoom()
    const a = await connect(room, 'interviewer')
    const b = await connect(room, 'candidate')
    a.putShape('shape:shared', 1)
    await waitFor(() => b.shapeIds().includes('shape:shared'), { what: 'the shape at b' })
    for (let i = 0; i < 20; i++) {
      a.putShape('shape:shared', 100 + i)
      b.putShape('shape:shared', 200 + i)
    }
    await waitFor(() => (a.records.get('shape:shared') as { x: number }).x === (b.records.get('shape:shared') as { x: number }).x, {
      what: 'both clients to agree on the shape',
    })
    expect([...a.closes, ...b.closes]).toEqual([])
  })
})
