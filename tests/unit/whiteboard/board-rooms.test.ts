import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import type { BoardSavingNotice } from '../../../shared/board-events.ts'
import { BoardRooms, type BoardRoomsOptions, BoardsNotSavedError } from '../../../server/whiteboard/board-rooms.ts'
import { type BoardEntry, type BoardStore, MemoryBoardStore } from '../../../server/whiteboard/board-store.ts'
import { DEFAULT_WINDOW_OPTIONS, systemClock } from '../../../server/whiteboard/board-window.ts'
import { type BoardPeer, boardStateAt } from '../../../server/whiteboard/room-doc.ts'

const FLUSH_MS = 100
const RETRY_MAX_MS = 400
const GRACE_MS = 1000

/** The in-memory store, with a switch that makes writes fail the way a full or read-only disk does. */
class SwitchableStore implements BoardStore {
  readonly inner = new MemoryBoardStore()
  /** When set, appends throw it; `failRoom` limits the failure to one room. */
  failure: Error | undefined
  failRoom: string | undefined
  appends = 0
  transactions = 0
  loads = 0

  loadLatest(roomId: string, atOrBefore?: number): BoardEntry[] {
    this.loads++
    return this.inner.loadLatest(roomId, atOrBefore)
  }
  append(roomId: string, entries: BoardEntry[]): void {
    this.appends++
    if (this.failure && (this.failRoom === undefined || this.failRoom === roomId)) throw this.failure
    this.inner.append(roomId, entries)
  }
  lastSeq(roomId: string): number {
    return this.inner.lastSeq(roomId)
  }
  transaction(run: () => void): void {
    this.transactions++
    this.inner.transaction(run)
  }
  diffs(roomId: string): number {
    return (this.inner.rooms.get(roomId) ?? []).filter((entry) => entry.kind === 'diff').length
  }
}

function peer(): BoardPeer {
  return { send: () => undefined, awarenessClientIds: new Set() }
}

/** An update that sets `key` in a map, as a client's edit would arrive. */
function edit(key: string, value: unknown = key): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('board').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

function keysAt(store: BoardStore, roomId: string): string[] {
  const doc = boardStateAt(store, roomId, Number.MAX_SAFE_INTEGER)
  const keys = [...doc.getMap('board').keys()].sort()
  doc.destroy()
  return keys
}

let store: SwitchableStore
let notices: [string, BoardSavingNotice][]
let boards: BoardRooms

function createBoards(overrides: Partial<BoardRoomsOptions> = {}): BoardRooms {
  boards = new BoardRooms({
    store,
    clock: systemClock,
    log: pino({ level: 'silent' }),
    flushIntervalMs: FLUSH_MS,
    retryMaxMs: RETRY_MAX_MS,
    unloadGraceMs: GRACE_MS,
    window: DEFAULT_WINDOW_OPTIONS,
    onSavingChange: (roomId, notice) => notices.push([roomId, notice]),
    ...overrides,
  })
  boards.createBoard('a')
  boards.createBoard('b')
  return boards
}

beforeEach(() => {
  vi.useFakeTimers()
  store = new SwitchableStore()
  notices = []
})

afterEach(async () => {
  store.failure = undefined
  await boards.closeAll().catch(() => undefined)
  vi.useRealTimers()
})

describe('board rooms: one owner per board', () => {
  it('joins of an unloaded board that arrive together share one load', async () => {
    createBoards()
    const [first, second] = await Promise.all([boards.join('a', peer()), boards.join('a', peer())])
    expect(first).toBe(second)
    expect(store.loads).toBe(1)
    expect(first.peers.size).toBe(2)
  })

  it('an edit is not written inside the update handler; the tick writes it within the flush interval', async () => {
    createBoards()
    const room = await boards.join('a', peer())
    room.applyUpdate(edit('shape:1'), peer())
    expect(store.diffs('a')).toBe(0)
    await vi.advanceTimersByTimeAsync(FLUSH_MS + 20)
    expect(store.diffs('a')).toBe(1)
    expect(keysAt(store, 'a')).toEqual(['shape:1'])
  })

  it('a full 64 KB window is due at once: the next tick writes it, the handler does not', async () => {
    createBoards({ flushIntervalMs: 60_000 })
    const room = await boards.join('a', peer())
    room.applyUpdate(edit('big', 'x'.repeat(70 * 1024)), peer())
    expect(store.diffs('a')).toBe(0)
    await vi.advanceTimersByTimeAsync(20)
    expect(store.diffs('a')).toBe(1)
  })

  it('boards due at the same tick are written in one transaction', async () => {
    createBoards()
    const a = await boards.join('a', peer())
    const b = await boards.join('b', peer())
    a.applyUpdate(edit('shape:a'), peer())
    b.applyUpdate(edit('shape:b'), peer())
    const before = store.transactions
    await vi.advanceTimersByTimeAsync(FLUSH_MS + 20)
    expect(store.transactions - before).toBe(1)
    expect(store.diffs('a') + store.diffs('b')).toBe(2)
  })

  it('a frozen board is written at the next tick', async () => {
    createBoards({ flushIntervalMs: 60_000 })
    const room = await boards.join('a', peer())
    room.applyUpdate(edit('shape:last'), peer())
    boards.freeze('a')
    expect(room.frozen).toBe(true)
    await vi.advanceTimersByTimeAsync(20)
    expect(keysAt(store, 'a')).toEqual(['shape:last'])
  })

  it('after the grace period with nobody in it the board is written and unloaded; the next join loads what was written', async () => {
    createBoards({ flushIntervalMs: 60_000 })
    const editor = peer()
    const room = await boards.join('a', editor)
    room.applyUpdate(edit('shape:kept'), editor)
    boards.leave(room, editor)
    await vi.advanceTimersByTimeAsync(GRACE_MS + 20)
    expect(boards.isLoaded('a')).toBe(false)
    expect(room.state).toBe('unloaded')
    const again = await boards.join('a', peer())
    expect([...again.doc.getMap('board').keys()]).toEqual(['shape:kept'])
  })

  it('a join during an unload’s final flush waits for it, then gets a freshly loaded doc with every edit', async () => {
    createBoards({ flushIntervalMs: 60_000 })
    const editor = peer()
    const room = await boards.join('a', editor)
    room.applyUpdate(edit('shape:in-flight'), editor)
    // Leave between two ticks, so that the unload starts and its flush waits for the next tick.
    await vi.advanceTimersByTimeAsync(5)
    boards.leave(room, editor)
    await vi.advanceTimersByTimeAsync(GRACE_MS)
    expect(room.state).toBe('flushing')
    let joined: Awaited<ReturnType<BoardRooms['join']>> | undefined
    const joining = boards.join('a', peer()).then((value) => (joined = value))
    await vi.advanceTimersByTimeAsync(0)
    expect(joined).toBeUndefined()
    await vi.advanceTimersByTimeAsync(20)
    await joining
    expect(room.state).toBe('unloaded')
    expect(joined).not.toBe(room)
    expect([...joined!.doc.getMap('board').keys()]).toEqual(['shape:in-flight'])
    expect(store.loads).toBe(2)
  })

  it('closeAll writes every board, frees it, and leaves no timer running', async () => {
    createBoards({ flushIntervalMs: 60_000 })
    const a = await boards.join('a', peer())
    const idle = peer()
    const b = await boards.join('b', idle)
    a.applyUpdate(edit('shape:a'), peer())
    boards.leave(b, idle)
    await boards.closeAll()
    expect(keysAt(store, 'a')).toEqual(['shape:a'])
    expect([a.state, b.state]).toEqual(['closed', 'closed'])
    expect(boards.loadedCount).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    await expect(boards.join('a', peer())).rejects.toThrow('closed')
  })
})

describe('board rooms: failing writes lose nothing', () => {
  it('a failed write keeps the edits in memory, pauses saving, retries with doubling backoff, and resumes when the store recovers', async () => {
    createBoards()
    const room = await boards.join('a', peer())
    store.failure = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' })
    room.applyUpdate(edit('shape:1'), peer())
    await vi.advanceTimersByTimeAsync(FLUSH_MS + 20)
    expect(room.saving).toMatchObject({ kind: 'retrying', attempts: 1, reason: 'SQLITE_IOERR: disk I/O error' })
    expect(notices).toEqual([['a', { paused: true, since: expect.any(Number) }]])
    expect(boards.health()).toEqual({ failing: 1, reason: 'SQLITE_IOERR: disk I/O error' })

    // Retries at +100, +200, +400, then every 400 ms (RETRY_MAX_MS): not at every 20 ms tick.
    const appendsAt = store.appends
    await vi.advanceTimersByTimeAsync(100 + 200 + 400 + 400)
    expect(store.appends - appendsAt).toBe(4)
    room.applyUpdate(edit('shape:2'), peer())
    expect(room.peers.size).toBe(1)

    store.failure = undefined
    await vi.advanceTimersByTimeAsync(RETRY_MAX_MS + 20)
    expect(room.saving).toEqual({ kind: 'ok' })
    expect(notices.at(-1)).toEqual(['a', { paused: false }])
    expect(boards.health()).toEqual({ failing: 0 })
    expect(keysAt(store, 'a')).toEqual(['shape:1', 'shape:2'])
  })

  it('one board whose writes fail does not hold back the others written at the same tick', async () => {
    createBoards()
    const a = await boards.join('a', peer())
    const b = await boards.join('b', peer())
    store.failure = new Error('row too big')
    store.failRoom = 'a'
    a.applyUpdate(edit('shape:a'), peer())
    b.applyUpdate(edit('shape:b'), peer())
    await vi.advanceTimersByTimeAsync(FLUSH_MS + 20)
    expect(keysAt(store, 'b')).toEqual(['shape:b'])
    expect(keysAt(store, 'a')).toEqual([])
    expect([a.saving.kind, b.saving.kind]).toEqual(['retrying', 'ok'])
  })

  it('a board whose saving is paused stays loaded past the grace period, and unloads once its edits are written', async () => {
    createBoards()
    const editor = peer()
    const room = await boards.join('a', editor)
    store.failure = new Error('disk full')
    room.applyUpdate(edit('shape:only-in-memory'), editor)
    boards.leave(room, editor)
    await vi.advanceTimersByTimeAsync(GRACE_MS * 3)
    expect(boards.isLoaded('a')).toBe(true)
    expect(room.hasUnsavedEdits).toBe(true)

    store.failure = undefined
    await vi.advanceTimersByTimeAsync(RETRY_MAX_MS + GRACE_MS + 40)
    expect(boards.isLoaded('a')).toBe(false)
    expect(keysAt(store, 'a')).toEqual(['shape:only-in-memory'])
  })

  it('a board with a pending keyframe loads even while writes fail (load never writes)', async () => {
    createBoards({ window: { ...DEFAULT_WINDOW_OPTIONS, maxDiffsBeforeKeyframe: 0 } })
    const editor = peer()
    const room = await boards.join('a', editor)
    room.applyUpdate(edit('shape:1'), editor)
    await vi.advanceTimersByTimeAsync(FLUSH_MS + 20)
    boards.leave(room, editor)
    await vi.advanceTimersByTimeAsync(GRACE_MS + 20)
    store.failure = new Error('read-only')
    const again = await boards.join('a', peer())
    expect([...again.doc.getMap('board').keys()]).toEqual(['shape:1'])
    expect(again.hasUnsavedEdits).toBe(true)
  })

  it('closeAll rejects with BoardsNotSavedError naming exactly the boards it could not write', async () => {
    createBoards()
    const a = await boards.join('a', peer())
    await boards.join('b', peer())
    store.failure = new Error('disk full')
    a.applyUpdate(edit('shape:lost'), peer())
    const closing = boards.closeAll()
    const outcome = closing.catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(1000)
    const error = await outcome
    expect(error).toBeInstanceOf(BoardsNotSavedError)
    expect((error as BoardsNotSavedError).roomIds).toEqual(['a'])
    expect(vi.getTimerCount()).toBe(0)
  })
})
