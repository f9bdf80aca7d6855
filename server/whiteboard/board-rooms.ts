import * as Y from 'yjs'
import type { Logger } from '../log.ts'
import { seedBoardDoc } from './board-seed.ts'
import type { BoardEntry } from './board-store.ts'
import { RoomDoc, type BoardPeer, type RoomDocOptions } from './room-doc.ts'

/**
 * How often the registry writes the boards whose window is due, all in one transaction: one commit
 * (one WAL append) per tick instead of one per board per second, which at 300 live boards was most
 * of the persistence CPU (tests/bench). Short ticks keep each batch small (~6 boards at 300 live),
 * so a tick blocks the event loop well under a millisecond. Windows still last ≤ flushIntervalMs.
 */
const FLUSH_TICK_MS = 20

export interface BoardRoomsOptions extends RoomDocOptions {
  /** How long a board with no peers stays loaded (a reload reconnects within it for free). */
  unloadGraceMs: number
  /** Whether a room's board is frozen (its interview has ended), asked when the board loads. */
  isFrozen?: (roomId: string) => boolean
}

/**
 * The one registry of live boards in this process. Everything per room that lives in memory is
 * reachable from here, which is what makes room affinity (one node per room) a routing change later.
 *
 * Loading is synchronous today (better-sqlite3), but callers go through promises so that an async
 * store drops in without changing them; joins that arrive together still share one load.
 */
export class BoardRooms {
  private readonly live = new Map<string, RoomDoc>()
  private readonly loading = new Map<string, Promise<RoomDoc>>()
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>()
  private readonly options: BoardRoomsOptions
  private readonly log: Logger
  private closed = false
  private readonly flushTicker: NodeJS.Timeout

  constructor(options: BoardRoomsOptions) {
    this.options = options
    this.log = options.log
    this.flushTicker = setInterval(() => this.flushDue(), Math.min(FLUSH_TICK_MS, options.flushIntervalMs))
    this.flushTicker.unref()
  }

  get loadedCount(): number {
    return this.live.size
  }

  isLoaded(roomId: string): boolean {
    return this.live.has(roomId)
  }

  /** Seeds and persists the board of a room that was just created. */
  createBoard(roomId: string): void {
    const doc = new Y.Doc()
    seedBoardDoc(doc)
    RoomDoc.persistInitial(roomId, doc, this.options)
    doc.destroy()
  }

  /** Attaches a peer to the room's board, loading it first when needed. */
  async join(roomId: string, peer: BoardPeer): Promise<RoomDoc> {
    if (this.closed) throw new Error('board registry is closed')
    this.cancelUnload(roomId)
    const room = await this.acquire(roomId)
    room.addPeer(peer)
    return room
  }

  leave(room: RoomDoc, peer: BoardPeer): void {
    room.removePeer(peer)
    if (room.peers.size === 0 && room.isLive) this.scheduleUnload(room)
  }

  /** Makes the board read-only for everyone from now on (the interview ended). */
  freeze(roomId: string): void {
    const room = this.live.get(roomId)
    if (room) {
      room.flush()
      room.frozen = true
    }
    this.log.info({ roomId }, 'board frozen')
  }

  /** Flushes every live board (used by shutdown before the database closes). */
  flushAll(): void {
    for (const room of this.live.values()) room.flush()
  }

  /** Flushes and frees every board; joins after this are refused. */
  async closeAll(): Promise<void> {
    this.closed = true
    clearInterval(this.flushTicker)
    await Promise.allSettled([...this.loading.values()])
    for (const roomId of [...this.live.keys()]) this.unload(roomId)
  }

  /** Writes every board whose window would outlast flushIntervalMs before the next tick, in one transaction. */
  private flushDue(): void {
    const horizon = this.options.clock.now() + Math.min(FLUSH_TICK_MS, this.options.flushIntervalMs)
    const due: [RoomDoc, BoardEntry[]][] = []
    for (const room of this.live.values()) {
      const entries = room.isFlushDue(horizon) ? room.pendingFlush() : undefined
      if (entries) due.push([room, entries])
    }
    if (due.length === 0) return
    try {
      this.options.store.transaction(() => {
        for (const [room, entries] of due) this.options.store.append(room.roomId, entries)
      })
    } catch (error) {
      // Nothing was stored and every window stays pending: retry after a full interval, not every tick.
      this.log.error({ err: error, boards: due.length }, 'board flush failed')
      for (const [room] of due) room.postponeFlush(this.options.flushIntervalMs)
      return
    }
    for (const [room, entries] of due) room.flushed(entries)
  }

  private acquire(roomId: string): Promise<RoomDoc> {
    const room = this.live.get(roomId)
    if (room) return Promise.resolve(room)
    let pending = this.loading.get(roomId)
    if (!pending) {
      pending = this.load(roomId).finally(() => this.loading.delete(roomId))
      this.loading.set(roomId, pending)
    }
    return pending
  }

  private async load(roomId: string): Promise<RoomDoc> {
    const startedAt = performance.now()
    const room = RoomDoc.load(roomId, this.options)
    room.frozen = this.options.isFrozen?.(roomId) ?? false
    this.live.set(roomId, room)
    this.log.info({ roomId, seq: room.lastSeq, durationMs: Math.round(performance.now() - startedAt) }, 'board loaded')
    return room
  }

  private scheduleUnload(room: RoomDoc): void {
    this.cancelUnload(room.roomId)
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.roomId)
      if (room.peers.size === 0) this.unload(room.roomId)
    }, this.options.unloadGraceMs)
    this.unloadTimers.set(room.roomId, timer)
  }

  private cancelUnload(roomId: string): void {
    const timer = this.unloadTimers.get(roomId)
    if (timer) clearTimeout(timer)
    this.unloadTimers.delete(roomId)
  }

  /**
   * Final flush, then free. It runs to completion synchronously, so a join can never observe a
   * half-unloaded room: it either finds the live doc or loads a fresh one from the flushed state.
   * If the flush fails the doc stays in memory and is retried: freeing it would lose the edits.
   */
  private unload(roomId: string): void {
    this.cancelUnload(roomId)
    const room = this.live.get(roomId)
    if (!room) return
    try {
      room.flush()
    } catch (error) {
      this.log.error({ err: error, roomId }, 'board final flush failed')
      if (!this.closed) this.scheduleUnload(room)
      return
    }
    this.live.delete(roomId)
    room.unload()
    this.log.info({ roomId, seq: room.lastSeq }, 'board unloaded')
  }
}
