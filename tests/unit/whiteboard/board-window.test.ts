import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { BoardWindow, type BoardWindowOptions, type Clock, DEFAULT_WINDOW_OPTIONS } from '../../../server/whiteboard/board-window.ts'
import { MemoryBoardStore } from '../../../server/whiteboard/board-store.ts'
import { boardRecords, seedBoardDoc } from '../../../server/whiteboard/board-seed.ts'
import { boardStateAt, RoomDoc } from '../../../server/whiteboard/room-doc.ts'
import { applyEntries } from '../../../server/whiteboard/board-window.ts'

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

/** Loads the stored history into `doc` the way RoomDoc.load does, and returns its window. */
function loadWindow(store: MemoryBoardStore, doc: Y.Doc, clock: Clock, options: BoardWindowOptions = DEFAULT_WINDOW_OPTIONS): BoardWindow {
  const entries = store.loadLatest('room')
  applyEntries(doc, entries)
  const keyframe = entries.find((entry) => entry.kind === 'keyframe')
  return new BoardWindow(doc, clock, options, { lastSeq: store.lastSeq('room'), lastKeyframeAt: keyframe?.at ?? 0, diffsSinceKeyframe: entries.length - 1 })
}

/** Stores the window's pending entries, as RoomDoc.writeDue does; returns them (undefined when clean). */
function write(store: MemoryBoardStore, window: BoardWindow) {
  const entries = window.pending()
  if (!entries) return undefined
  store.append('room', entries)
  window.written(entries)
  return entries
}

function shape(id: number, x: number): TLRecord {
  return { id: `shape:${id}`, typeName: 'shape', type: 'geo', x, y: 0, props: { w: 10, h: 10 } } as unknown as TLRecord
}

/**
 * ARCHITECTURE.md: "state(t) = newest keyframe ≤ t + the diffs up to t". For random edit sequences
 * with flushes and keyframes at random times, the state rebuilt from the stored log at every
 * flush time equals the live doc at that time.
 */
describe('board window', () => {
  it('replaying keyframes + diffs up to any recorded time reproduces the doc at that time', () => {
    fc.assert(
      fc.property(fc.array(editArbitrary, { minLength: 1, maxLength: 80 }), fc.integer({ min: 1, max: 4 }), (edits, windowKb) => {
        const clock: Clock & { t: number } = { t: 1_000_000, now: () => clock.t }
        const store = new MemoryBoardStore()
        const seeded = new Y.Doc()
        seedBoardDoc(seeded)
        RoomDoc.create('room', seeded, { store, clock })

        const doc = new Y.Doc()
        const window = loadWindow(store, doc, clock, {
          maxWindowBytes: windowKb * 1024,
          keyframeIntervalMs: 120_000,
          maxDiffsBeforeKeyframe: 200,
        })
        const snapshots: { at: number; records: Record<string, unknown> }[] = [{ at: clock.t, records: recordsOf(doc) }]
        const records = boardRecords(doc)
        const flush = () => {
          clock.t += 1
          if (write(store, window)) snapshots.push({ at: clock.t, records: recordsOf(doc) })
        }
        doc.on('update', (update: Uint8Array) => {
          if (window.noteUpdate(update)) flush()
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
        loadWindow(store, reloaded, clock)
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
    RoomDoc.create('room', doc, { store, clock })
    const live = new Y.Doc()
    const window = loadWindow(store, live, clock, { maxWindowBytes: 65_536, keyframeIntervalMs: 1000, maxDiffsBeforeKeyframe: 200 })
    live.on('update', (update: Uint8Array) => window.noteUpdate(update))
    boardRecords(live).set('shape:1', shape(1, 1))
    clock.t = 500
    write(store, window)
    boardRecords(live).set('shape:2', shape(2, 2))
    clock.t = 1500
    write(store, window)
    expect(store.rooms.get('room')!.map((entry) => entry.kind)).toEqual(['keyframe', 'diff', 'diff', 'keyframe'])
    expect(store.loadLatest('room').map((entry) => entry.seq)).toEqual([3])
  })

  it('a clean doc writes nothing on flush', () => {
    const clock = { t: 0, now: () => clock.t }
    const store = new MemoryBoardStore()
    const doc = new Y.Doc()
    seedBoardDoc(doc)
    RoomDoc.create('room', doc, { store, clock })
    const window = loadWindow(store, new Y.Doc(), clock)
    expect(write(store, window)).toBeUndefined()
    expect(store.rooms.get('room')).toHaveLength(1)
  })

  it('a window that was not stored is part of the next one: a failed write loses nothing', () => {
    const clock = { t: 0, now: () => clock.t }
    const store = new MemoryBoardStore()
    const seeded = new Y.Doc()
    seedBoardDoc(seeded)
    RoomDoc.create('room', seeded, { store, clock })
    const live = new Y.Doc()
    const window = loadWindow(store, live, clock)
    live.on('update', (update: Uint8Array) => window.noteUpdate(update))
    boardRecords(live).set('shape:1', shape(1, 1))
    expect(window.pending()).toBeDefined() // computed, then "the write failed": written() is never called
    boardRecords(live).set('shape:2', shape(2, 2))
    write(store, window)
    expect(
      Object.keys(recordsOf(boardStateAt(store, 'room', clock.t)))
        .filter((key) => key.startsWith('shape:'))
        .sort(),
    ).toEqual(['shape:1', 'shape:2'])
  })

  it('more diffs than maxDiffsBeforeKeyframe after the newest keyframe make the next write a keyframe, not the load', () => {
    const clock = { t: 0, now: () => clock.t }
    const store = new MemoryBoardStore()
    const seeded = new Y.Doc()
    seedBoardDoc(seeded)
    RoomDoc.create('room', seeded, { store, clock })
    const options = { ...DEFAULT_WINDOW_OPTIONS, maxDiffsBeforeKeyframe: 3 }
    const live = new Y.Doc()
    const window = loadWindow(store, live, clock, options)
    live.on('update', (update: Uint8Array) => window.noteUpdate(update))
    for (let i = 0; i < 4; i++) {
      boardRecords(live).set(`shape:${i}`, shape(i, i))
      write(store, window)
    }
    const rowsBefore = store.rooms.get('room')!.length
    const reloaded = loadWindow(store, new Y.Doc(), clock, options)
    expect(store.rooms.get('room')).toHaveLength(rowsBefore)
    expect(reloaded.isDirty).toBe(true)
    expect(reloaded.pending()!.map((entry) => entry.kind)).toEqual(['keyframe'])
  })
})
