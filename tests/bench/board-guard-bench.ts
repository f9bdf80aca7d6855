/**
 * `node tests/bench/board-guard-bench.ts` — what the board update guard costs per update, beside
 * what applying the same update costs. A writer drags one tldraw geo shape (the board benchmark's
 * record: every prop tldraw 5 writes, ~450-byte updates) on a board that also holds `--shapes`
 * other shapes; each update is checked and then applied to the server's doc, as BoardConnection does.
 *
 *   --updates <n>   measured updates (default 20000, after as many unmeasured to warm the JIT)
 *   --shapes <n>    other shapes on the board (default 200)
 */
import { parseArgs } from 'node:util'
import type { TLRecord } from '@tldraw/tlschema'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { BOARD_RECORDS_KEY } from '../../shared/board.ts'
import { seedBoardDoc } from '../../server/whiteboard/board-seed.ts'
import { readUpdate } from '../../server/whiteboard/board-update-reader.ts'
import { checkBoardUpdate } from '../../server/whiteboard/board-update-guard.ts'

const { values } = parseArgs({ options: { updates: { type: 'string', default: '20000' }, shapes: { type: 'string', default: '200' } } })
const updates = Number(values.updates)
const shapes = Number(values.shapes)
const limits = { maxBoardBytes: 16 * 1024 * 1024, maxShapes: 100_000 }

function geoShape(id: string, seq: number): TLRecord {
  return {
    id,
    typeName: 'shape',
    type: 'geo',
    x: Math.round(400 + 200 * Math.cos(seq / 10)),
    y: Math.round(300 + 200 * Math.sin(seq / 10)),
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: { seq, sentAt: Date.now() },
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

/** The drag's updates, recorded from a client doc, and a fresh server doc to replay them on. */
function record(count: number): { server: Y.Doc; frames: Uint8Array[] } {
  const server = new Y.Doc()
  seedBoardDoc(server)
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  const records = new YKeyValue<TLRecord>(client.getArray(BOARD_RECORDS_KEY))
  client.transact(() => {
    for (let i = 0; i < shapes; i++) records.set(`shape:other${i}`, geoShape(`shape:other${i}`, i))
  })
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client))
  // Like RoomDoc, which relays every applied update: Yjs then encodes each transaction once.
  server.on('update', () => undefined)
  const frames: Uint8Array[] = []
  client.on('update', (update: Uint8Array) => frames.push(update))
  for (let i = 0; i < count; i++) records.set('shape:dragged', geoShape('shape:dragged', i))
  client.destroy()
  return { server, frames }
}

/** CPU time of this process, not wall time: on a shared machine other processes' load then matters less. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage()
  return user + system
}

function microsPerUpdate(label: string, frames: Uint8Array[], run: (frame: Uint8Array) => void): number {
  const half = frames.length / 2
  for (let i = 0; i < half; i++) run(frames[i]!)
  const startedAt = cpuMicros()
  for (let i = half; i < frames.length; i++) run(frames[i]!)
  const micros = (cpuMicros() - startedAt) / half
  console.log(`${label.padEnd(44)} ${micros.toFixed(2).padStart(7)} µs/update`)
  return micros
}

const decodeOnly = record(2 * updates)
const bytes = decodeOnly.frames.reduce((sum, frame) => sum + frame.byteLength, 0) / decodeOnly.frames.length
console.log(`drag of one geo shape on a board of ${shapes + 1} shapes, ${Math.round(bytes)} bytes per update, ${updates} measured updates`)
microsPerUpdate('Y.decodeUpdate (for comparison)', decodeOnly.frames, (frame) => Y.decodeUpdate(frame))
microsPerUpdate('readUpdate (the guard’s decoder)', decodeOnly.frames, (frame) => readUpdate(frame))

const applied = record(2 * updates)
const apply = microsPerUpdate('Y.applyUpdate alone', applied.frames, (frame) => Y.applyUpdate(applied.server, frame))

const guarded = record(2 * updates)
let checkMicros = 0
let applyMicros = 0
microsPerUpdate('checkBoardUpdate + Y.applyUpdate', guarded.frames, (frame) => {
  const checkedAt = cpuMicros()
  const verdict = checkBoardUpdate(guarded.server, frame, limits, 'participant')
  const appliedAt = cpuMicros()
  if (!verdict.ok) throw new Error(`a valid drag was refused: ${verdict.reason} ${verdict.detail}`)
  Y.applyUpdate(guarded.server, frame)
  checkMicros += appliedAt - checkedAt
  applyMicros += cpuMicros() - appliedAt
})
const total = guarded.frames.length
console.log(`${'  of which checkBoardUpdate'.padEnd(44)} ${(checkMicros / total).toFixed(2).padStart(7)} µs/update`)
console.log(`${'  of which Y.applyUpdate (with the index)'.padEnd(44)} ${(applyMicros / total).toFixed(2).padStart(7)} µs/update (alone: ${apply.toFixed(2)})`)
