import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../server/db/connection.ts'
import { insertRoom } from '../../../server/rooms/room-store.ts'
import { type BoardEntry, type BoardStore, MemoryBoardStore, SqliteBoardStore } from '../../../server/whiteboard/board-store.ts'

/** A store under test and two rooms it may write (SQLite's rows must belong to real rooms). */
interface OpenStore {
  store: BoardStore
  rooms: [string, string]
  close(): void
}

/**
 * Every BoardStore must pass this suite (the rules are the docblocks of `BoardStore` in
 * server/whiteboard/board-store.ts). A new store is one new line here.
 */
const STORES: [name: string, open: () => OpenStore][] = [
  ['in-memory', () => ({ store: new MemoryBoardStore(), rooms: ['room-a', 'room-b'], close: () => undefined })],
  ['SQLite', openSqliteStore],
]

function openSqliteStore(): OpenStore {
  const db = openDatabase(':memory:')
  const room = () => insertRoom(db, { title: 'Contract' }, 0).room.id
  return { store: new SqliteBoardStore(db.$client), rooms: [room(), room()], close: () => db.$client.close() }
}

function entry(seq: number, kind: BoardEntry['kind'], at: number, byte = seq): BoardEntry {
  return { seq, kind, at, data: Uint8Array.of(byte, byte + 1, byte + 2) }
}

/** What a store gave back, in a form toEqual compares exactly (Buffer and Uint8Array differ in class). */
function plain(entries: BoardEntry[]) {
  return entries.map((e) => ({ seq: e.seq, kind: e.kind, at: e.at, data: [...e.data] }))
}

describe.each(STORES)('board store contract: %s', (_name, open) => {
  let opened: OpenStore
  afterEach(() => opened.close())
  const setup = () => {
    opened = open()
    return opened
  }

  it('an unknown room has no entries and lastSeq −1 (the owner starts at 0)', () => {
    const { store, rooms } = setup()
    expect(store.loadLatest(rooms[0])).toEqual([])
    expect(store.lastSeq(rooms[0])).toBe(-1)
  })

  it('sequence numbers are the owner’s: stored as given, and lastSeq is the highest', () => {
    const { store, rooms } = setup()
    store.append(rooms[0], [entry(0, 'keyframe', 10), entry(1, 'diff', 20)])
    store.append(rooms[0], [entry(2, 'diff', 30)])
    expect(store.lastSeq(rooms[0])).toBe(2)
    expect(store.loadLatest(rooms[0]).map((e) => e.seq)).toEqual([0, 1, 2])
  })

  it('loadLatest returns the newest keyframe and every later entry, in seq order, bytes intact', () => {
    const { store, rooms } = setup()
    store.append(rooms[0], [entry(0, 'keyframe', 10), entry(1, 'diff', 20), entry(2, 'keyframe', 30), entry(3, 'diff', 40), entry(4, 'diff', 50)])
    expect(plain(store.loadLatest(rooms[0]))).toEqual(plain([entry(2, 'keyframe', 30), entry(3, 'diff', 40), entry(4, 'diff', 50)]))
  })

  it('loadLatest at time t returns the newest keyframe at or before t and the diffs up to t (replay)', () => {
    const { store, rooms } = setup()
    store.append(rooms[0], [entry(0, 'keyframe', 10), entry(1, 'diff', 20), entry(2, 'keyframe', 30), entry(3, 'diff', 40), entry(4, 'diff', 50)])
    expect(store.loadLatest(rooms[0], 25).map((e) => e.seq)).toEqual([0, 1])
    expect(store.loadLatest(rooms[0], 30).map((e) => e.seq)).toEqual([2])
    expect(store.loadLatest(rooms[0], 45).map((e) => e.seq)).toEqual([2, 3])
    expect(store.loadLatest(rooms[0], 5)).toEqual([])
  })

  it('rooms are independent: one room’s entries and seqs never show in another', () => {
    const { store, rooms } = setup()
    store.append(rooms[0], [entry(0, 'keyframe', 10), entry(1, 'diff', 20)])
    store.append(rooms[1], [entry(0, 'keyframe', 15, 99)])
    expect(plain(store.loadLatest(rooms[1]))).toEqual(plain([entry(0, 'keyframe', 15, 99)]))
    expect(store.lastSeq(rooms[1])).toBe(0)
    expect(store.lastSeq(rooms[0])).toBe(1)
  })

  it('the store keeps its own copy: changing the bytes after append changes nothing stored', () => {
    const { store, rooms } = setup()
    const written = entry(0, 'keyframe', 10)
    store.append(rooms[0], [written])
    written.data.fill(0)
    expect([...store.loadLatest(rooms[0])[0]!.data]).toEqual([0, 1, 2])
  })

  it('a second writer is an error, not interleaving: a duplicate seq throws and that append keeps no rows', () => {
    const { store, rooms } = setup()
    store.append(rooms[0], [entry(0, 'keyframe', 10)])
    expect(() => store.append(rooms[0], [entry(1, 'diff', 20), entry(0, 'diff', 20)])).toThrow()
    expect(store.lastSeq(rooms[0])).toBe(0)
    expect(store.loadLatest(rooms[0]).map((e) => e.seq)).toEqual([0])
  })

  it('a transaction stores every append inside it', () => {
    const { store, rooms } = setup()
    store.transaction(() => {
      store.append(rooms[0], [entry(0, 'keyframe', 10)])
      store.append(rooms[1], [entry(0, 'keyframe', 10), entry(1, 'diff', 11)])
    })
    expect(store.lastSeq(rooms[0])).toBe(0)
    expect(store.lastSeq(rooms[1])).toBe(1)
  })

  it('a failed transaction keeps NO rows: an append that throws undoes the appends before it, in every room', () => {
    const { store, rooms } = setup()
    store.append(rooms[0], [entry(0, 'keyframe', 10)])
    expect(() =>
      store.transaction(() => {
        store.append(rooms[1], [entry(0, 'keyframe', 20)])
        store.append(rooms[0], [entry(1, 'diff', 20)])
        store.append(rooms[0], [entry(1, 'diff', 21)])
      }),
    ).toThrow()
    expect(store.loadLatest(rooms[0]).map((e) => e.seq)).toEqual([0])
    expect(store.loadLatest(rooms[1])).toEqual([])
    expect(store.lastSeq(rooms[1])).toBe(-1)
  })

  it('a failed transaction keeps NO rows: an error thrown by the caller inside it undoes its appends and reaches the caller', () => {
    const { store, rooms } = setup()
    const failure = new Error('the caller gave up')
    expect(() =>
      store.transaction(() => {
        store.append(rooms[0], [entry(0, 'keyframe', 10)])
        throw failure
      }),
    ).toThrow(failure)
    expect(store.loadLatest(rooms[0])).toEqual([])
    // And the store still works afterwards: the same seq can be written once the failure is over.
    store.append(rooms[0], [entry(0, 'keyframe', 10)])
    expect(store.lastSeq(rooms[0])).toBe(0)
  })
})
