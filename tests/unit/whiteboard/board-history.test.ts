import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { BoardHistory, boardStateAt, type Clock } from '../../../server/whiteboard/board-history.ts'
import { MemoryBoardStore } from '../../../server/whiteboard/board-store.ts'
import { boardRecords, seedBoardDoc } from '../../../server/whiteboard/board-seed.ts'

type Edit = { op: 'put'; id: number; x: number } | { op: 'delete'; id: number } | { op: 'flush' } | { op: 'tick'; ms: number }

const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('put' as const), id: fc.integer({ min: 0, max: 12 }), x: fc.integer({ min: -500, max: 500 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('flush' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 90_000 }) }) },
)

function recordsOf(doc: Y.Doc): Record<string, unknown> {
  return Object.fromEntries([...boardRecords(doc).map.entries()].map(([key, entry]) => [key, entry.val]))
}

function shape(id: number, x: number): TLRecord {
  return { id: `shape:${id}`, typeName: 'shape', type: 'geo', x, y: 0, props: { w: 10, h: 10 } } as unknown as TLRecord
}

/**
 * ARCHITECTURE.md: "state(t) = newest keyframe ≤ t + the diffs up to t". For random edit sequences
 * with flushes and keyframes at random times, the state rebuilt from the stored log at every
 * flush time equals the live doc at that time.
 */
describe('board history', () => {
  it('replaying keyframes + diffs up to any recorded time reproduces the doc at that time', () => {
    fc.assert(
      fc.property(fc.array(editArbitrary, { minLength: 1, maxLength: 80 }), fc.integer({ min: 1, max: 4 }), (edits, windowKb) => {
        const clock: Clock & { t: number } = { t: 1_000_000, now: () => clock.t }
        const store = new MemoryBoardStore()
        const seeded = new Y.Doc()
        seedBoardDoc(seeded)
        BoardHistory.create(store, 'room', seeded, clock)

        const doc = new Y.Doc()
        const history = BoardHistory.load(store, 'room', doc, clock, {
          maxWindowBytes: windowKb * 1024,
          keyframeIntervalMs: 120_000,
          maxDiffsBeforeKeyframe: 200,
        })
        const snapshots: { at: number; records: Record<string, unknown> }[] = [{ at: clock.t, records: recordsOf(doc) }]
        const records = boardRecords(doc)
        const flush = () => {
          clock.t += 1
          if (history.flush()) snapshots.push({ at: clock.t, records: recordsOf(doc) })
        }
        doc.on('update', (update: Uint8Array) => {
          if (history.noteUpdate(update)) flush()
        })

        for (const edit of edits) {
          if (edit.op === 'put') records.set(`shape:${edit.id}`, shape(edit.id, edit.x))
          else if (edit.op === 'delete') records.delete(`shape:${edit.id}`)
          else if (edit.op === 'flush') flush()
          else clock.t += edit.ms
        }
        flush()

        for (const snapshot of snapshots) {
          const rebuilt = boardStateAt(store, 'room', snapshot.at)
          expect(recordsOf(rebuilt)).toEqual(snapshot.records)
          rebuilt.destroy()
        }
        const reloaded = new Y.Doc()
        BoardHistory.load(store, 'room', reloaded, clock)
        expect(recordsOf(reloaded)).toEqual(recordsOf(doc))
      }),
      { numRuns: 150 },
    )
  })

  it('writes a keyframe once the interval has passed, and loads start from the newest one', () => {
    const clock = { t: 0, now: () => clock.t }
    const store = new MemoryBoardStore()
    const doc = new Y.Doc()
    seedBoardDoc(doc)
    const history = BoardHistory.create(store, 'room', doc, clock, { maxWindowBytes: 65_536, keyframeIntervalMs: 1000, maxDiffsBeforeKeyframe: 200 })
    doc.on('update', (update: Uint8Array) => history.noteUpdate(update))
    boardRecords(doc).set('shape:1', shape(1, 1))
    clock.t = 500
    history.flush()
    boardRecords(doc).set('shape:2', shape(2, 2))
    clock.t = 1500
    history.flush()
    expect(store.rooms.get('room')!.map((entry) => entry.kind)).toEqual(['keyframe', 'diff', 'diff', 'keyframe'])
    expect(store.loadLatest('room').map((entry) => entry.seq)).toEqual([3])
  })

  it('a clean doc writes nothing on flush', () => {
    const clock = { t: 0, now: () => clock.t }
    const store = new MemoryBoardStore()
    const doc = new Y.Doc()
    seedBoardDoc(doc)
    const history = BoardHistory.create(store, 'room', doc, clock)
    expect(history.flush()).toBeUndefined()
    expect(store.rooms.get('room')).toHaveLength(1)
  })
})
