import type { TLRecord } from '@tldraw/tlschema'
import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { seedBoardDoc } from '../../server/whiteboard/board-seed.ts'
import { boardTicketSource } from '../../client/src/board/board-tickets.ts'
import { BOARD_RECORDS_KEY, BOARD_SOCKET_PATH } from '../../shared/board.ts'
import type { BenchRoom, ServerUnderTest } from './bench-servers.ts'

/** The one shape each room's writer drags around. */
const SHAPE_ID = 'shape:bench-drag'
const CONNECT_CONCURRENCY = 40

export interface LoadShape {
  rooms: number
  clientsPerRoom: number
  /** Updates per second sent by each room's single writer. */
  rate: number
}

export interface Scenario extends LoadShape {
  id: string
  title: string
}

export interface LoadTimes {
  warmupMs: number
  durationMs: number
  drainTimeoutMs: number
}

export interface LoadResult {
  /** Updates sent during the measured window, and deliveries expected from them (× receivers). */
  sentInWindow: number
  deliveriesInWindow: number
  /** End-to-end latencies (ms) of every delivery of a window update, send → receiver's change event. */
  latencies: number[]
  /** Deliveries never observed, over every update sent (warm-up included), after the drain. */
  lost: number
  drainMs: number
  /** How late the generator fired writes vs their schedule (ms): large values mean the client side was the bottleneck. */
  sendLagMs: number[]
  /** Times a client socket dropped mid-run (rate limit, too slow, error): each one invalidates its room's numbers. */
  disconnects: number
  /** The load generator's own event-loop busy share during the window. */
  generatorUtilization: number
}

interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
  records: YKeyValue<TLRecord>
}

interface Reader {
  client: Client
  seen: Uint8Array
  seenCount: number
}

interface Room {
  writer: Client
  readers: Reader[]
}

/** Room i of every server under test: their writers fire together, on one schedule. */
interface Slot {
  rooms: Room[]
  seq: number
  inWindow: Uint8Array
  nextAt: number
  timer: NodeJS.Timeout | undefined
}

type Phase = 'warmup' | 'window' | 'stopped'

/** Wall-clock milliseconds with sub-ms precision, comparable between sender and receiver in this process. */
const stamp = () => performance.timeOrigin + performance.now()

/**
 * Drives one server, or several at once with the very same schedule (--paired): connects
 * `rooms × clientsPerRoom` y-websocket clients to each, then each room's writer drags one tldraw
 * geo shape at a fixed rate while the others receive. `measure` is called around the window so
 * the server children can mark and report their CPU over exactly that span. One result per server.
 */
export async function runLoad(
  servers: ServerUnderTest[],
  shape: LoadShape,
  times: LoadTimes,
  measure: { start(): Promise<void>; stop(): Promise<void> },
): Promise<LoadResult[]> {
  const period = 1000 / shape.rate
  // Each seq gets a slot; sized for the run plus slack for timer catch-up.
  const capacity = Math.ceil(((times.warmupMs + times.durationMs) / period) * 1.5) + 16
  const latencies: number[][] = servers.map(() => [])
  const disconnects = servers.map(() => 0)
  const sendLagMs: number[] = []
  let phase: Phase = 'warmup'

  const slots: Slot[] = Array.from({ length: shape.rooms }, () => ({ rooms: [], seq: 0, inWindow: new Uint8Array(capacity), nextAt: 0, timer: undefined }))
  for (const [index, server] of servers.entries()) {
    const benchRooms: BenchRoom[] = []
    for (let i = 0; i < shape.rooms; i++) benchRooms.push(await server.createRoom(shape.clientsPerRoom - 1))
    const onDrop = () => disconnects[index]!++
    const connectRoom = async (room: BenchRoom, i: number) => {
      const slot = slots[i]!
      const writer = await connect(server.url, room.roomId, room.writerToken, onDrop)
      const readers: Reader[] = await Promise.all(
        room.readerTokens.map(async (token) => ({
          client: await connect(server.url, room.roomId, token, onDrop),
          seen: new Uint8Array(capacity),
          seenCount: 0,
        })),
      )
      for (const reader of readers) {
        reader.client.records.on('change', (changes: Map<string, { newValue?: TLRecord }>) => {
          const meta = changes.get(SHAPE_ID)?.newValue?.meta as { seq?: number; sentAt?: number } | undefined
          if (meta?.seq === undefined || meta.sentAt === undefined || meta.seq <= 0 || reader.seen[meta.seq]) return
          reader.seen[meta.seq] = 1
          reader.seenCount++
          if (slot.inWindow[meta.seq]) latencies[index]!.push(stamp() - meta.sentAt)
        })
      }
      // The reference server starts rooms empty; give them the records Mockboard seeds at room
      // creation (schema, document, page) so both servers hold the same document.
      if (server.kind === 'baseline') seedBoardDoc(writer.doc)
      // The shape exists before the load starts, so every measured update is a drag, not an insert.
      writer.records.set(SHAPE_ID, geoShape(0, 0))
      slot.rooms[index] = { writer, readers }
    }
    await inBatches(benchRooms, CONNECT_CONCURRENCY, connectRoom)
  }
  const allRooms = slots.flatMap((slot) => slot.rooms)
  await pollUntil(() => allRooms.every((room) => room.readers.every((r) => r.client.records.has(SHAPE_ID))), 30_000, 'initial shape')
  disconnects.fill(0)

  const tick = (slot: Slot) => {
    if (phase === 'stopped') return
    const seq = ++slot.seq
    if (seq >= capacity) throw new Error('seq capacity exceeded: the generator fell far behind its schedule')
    if (phase === 'window') {
      slot.inWindow[seq] = 1
      sendLagMs.push(performance.now() - slot.nextAt)
    }
    // With several servers, alternate which one gets the update first: neither gets a head start.
    const order = seq % 2 === 0 ? slot.rooms : [...slot.rooms].reverse()
    for (const room of order) room.writer.records.set(SHAPE_ID, geoShape(seq, stamp()))
    slot.nextAt += period
    slot.timer = setTimeout(() => tick(slot), Math.max(0, slot.nextAt - performance.now()))
  }
  // Spread the writers' phases evenly over one period: the server sees a steady stream, not bursts.
  const startAt = performance.now() + 50
  slots.forEach((slot, i) => {
    slot.nextAt = startAt + (i / slots.length) * period
    slot.timer = setTimeout(() => tick(slot), slot.nextAt - performance.now())
  })

  await sleep(times.warmupMs)
  await measure.start()
  const eluAtStart = performance.eventLoopUtilization()
  phase = 'window'
  await sleep(times.durationMs)
  phase = 'stopped'
  const generatorUtilization = performance.eventLoopUtilization(eluAtStart).utilization
  for (const slot of slots) clearTimeout(slot.timer)

  // Bounded wait for every receiver to have seen every update sent (warm-up included).
  const drainStart = performance.now()
  const missing = (index: number) => slots.reduce((sum, slot) => sum + slot.rooms[index]!.readers.reduce((n, r) => n + (slot.seq - r.seenCount), 0), 0)
  await pollUntil(() => servers.every((_, index) => missing(index) === 0), times.drainTimeoutMs, 'delivery of every update').catch(() => undefined)
  const drainMs = performance.now() - drainStart
  await measure.stop()

  const sentInWindow = slots.reduce((sum, slot) => sum + slot.inWindow.reduce((n, flag) => n + flag, 0), 0)
  const results = servers.map((_, index) => ({
    sentInWindow,
    deliveriesInWindow: sentInWindow * (shape.clientsPerRoom - 1),
    latencies: latencies[index]!,
    lost: missing(index),
    drainMs,
    sendLagMs,
    disconnects: disconnects[index]!,
    generatorUtilization,
  }))
  for (const room of allRooms) for (const client of [room.writer, ...room.readers.map((r) => r.client)]) destroy(client)
  return results
}

async function connect(baseUrl: string, roomId: string, token: string, onDrop: () => void): Promise<Client> {
  const doc = new Y.Doc()
  // Mockboard's board socket takes a single-use ticket (bought with the invite token); the reference server takes anything.
  const ticket =
    token === 'none'
      ? 'none'
      : await boardTicketSource(roomId, token, { name: 'bench', clientKey: `bench${Math.random().toString(36).slice(2, 12)}` }, { baseUrl })()
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + BOARD_SOCKET_PATH, roomId, doc, {
    params: { ticket },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  })
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'disconnected' && provider.shouldConnect) onDrop()
  })
  await pollUntil(() => provider.synced, 20_000, `sync of ${roomId}`)
  return { doc, provider, records: new YKeyValue<TLRecord>(doc.getArray(BOARD_RECORDS_KEY)) }
}

function destroy(client: Client): void {
  client.provider.destroy()
  client.doc.destroy()
}

/**
 * A geo shape with every prop tldraw 5 writes (~600 bytes of JSON), moved along a circle like a
 * drag; meta carries the sequence number and send time the receivers read back.
 */
function geoShape(seq: number, sentAt: number): TLRecord {
  const angle = seq / 10
  return {
    id: SHAPE_ID,
    typeName: 'shape',
    type: 'geo',
    x: Math.round(400 + 200 * Math.cos(angle)),
    y: Math.round(300 + 200 * Math.sin(angle)),
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: { seq, sentAt },
    props: {
      geo: 'rectangle',
      dash: 'draw',
      url: '',
      w: 240,
      h: 120,
      growY: 0,
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color: 'blue',
      fill: 'semi',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Load balancer' }] }] },
    },
  } as unknown as TLRecord
}

async function inBatches<T>(items: T[], concurrency: number, run: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      await run(items[index]!, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
}

/** Polls until `check` holds; never a fixed sleep standing in for a condition. */
export async function pollUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(5)
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
