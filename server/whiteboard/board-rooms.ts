import * as Y from 'yjs'
import type { BoardSavingNotice } from '../../shared/board-events.ts'
import type { StarterBoard } from '../../shared/bank.ts'
import type { Logger } from '../log.ts'
import { seedBoardDoc } from './board-seed.ts'
import { RoomDoc, type BoardPeer, type RoomDocOptions } from './room-doc.ts'

/**
 * How often the registry writes the boards whose window is due, all in one transaction: one commit
 * (one WAL append) per tick instead of one per board per second, which at 300 live boards was most
 * of the persistence CPU (tests/bench). Short ticks keep each batch small (~6 boards at 300 live),
 * so a tick blocks the event loop well under a millisecond. Windows still last ≤ flushIntervalMs.
 */
const FLUSH_TICK_MS = 20
/** Shutdown tries the final write this many times, this far apart, before naming what it could not save. */
const FINAL_FLUSH_ATTEMPTS = 3
const FINAL_FLUSH_RETRY_MS = 250

export interface BoardRoomsOptions extends Omit<RoomDocOptions, 'onSavingChange'> {
  /** How long a board with no peers stays loaded (a reload reconnects within it for free). */
  unloadGraceMs: number
  /** Whether a room's board is frozen (its interview has ended), asked when the board loads. */
  isFrozen?: (roomId: string) => boolean
  /** Told when a room's saving pauses or resumes, to tell the people in it. */
  onSavingChange?: (roomId: string, notice: BoardSavingNotice) => void
}

/** What /healthz reports about board persistence. */
export interface BoardsHealth {
  /** Loaded boards whose edits are only in memory because their last write failed. */
  failing: number
  /** The most recent failure, e.g. `SQLITE_READONLY: attempt to write a readonly database`. */
  reason?: string
}

/** Thrown by closeAll() when some boards could not be written: their edits since the last write are lost. */
export class BoardsNotSavedError extends Error {
  readonly roomIds: string[]
  constructor(roomIds: string[]) {
    super(`boards not saved: ${roomIds.join(', ')}`)
    this.roomIds = roomIds
  }
}

/**
 * The one registry of live boards in this process: which RoomDoc owns which room, the in-flight
 * load and unload of each room id (concurrent joins share them), and the tick that writes every
 * due board. Everything per room that lives in memory is reachable from here, which is what makes
 * room affinity (one node per room) a routing change later.
 *
 * Loading is synchronous today (better-sqlite3), but callers go through promises so that an async
 * store drops in without changing them.
 */
export class BoardRooms {
  private readonly rooms = new Map<string, RoomDoc>()
  private readonly loading = new Map<string, Promise<RoomDoc>>()
  private readonly unloading = new Map<string, Promise<boolean>>()
  private readonly options: BoardRoomsOptions
  private readonly roomOptions: RoomDocOptions
  private readonly log: Logger
  /** Every timer the registry owns (rooms own theirs); closeAll() clears them. */
  private readonly timers: NodeJS.Timeout[] = []
  private closing: Promise<void> | undefined

  constructor(options: BoardRoomsOptions) {
    this.options = options
    this.log = options.log
    this.roomOptions = { ...options, onSavingChange: (room) => this.handleSavingChange(room) }
    const ticker = setInterval(() => this.flushDue(), Math.min(FLUSH_TICK_MS, options.flushIntervalMs))
    ticker.unref()
    this.timers.push(ticker)
  }

  get loadedCount(): number {
    return this.rooms.size
  }

  isLoaded(roomId: string): boolean {
    return this.rooms.has(roomId)
  }

  /** Seeds and persists the board of a room that was just created, with its question's starter board if any. */
  createBoard(roomId: string, starter: StarterBoard | null = null): void {
    const doc = new Y.Doc()
    seedBoardDoc(doc, starter)
    RoomDoc.create(roomId, doc, this.options)
    doc.destroy()
  }

  /**
   * Attaches a peer to the room's board, loading it first when needed. A join that meets an
   * unload's final flush waits for it: then the room is either gone (and loads again from what was
   * just written) or still live (the flush failed; its edits are in that doc) and is joined.
   */
  async join(roomId: string, peer: BoardPeer): Promise<RoomDoc> {
    for (;;) {
      if (this.closing !== undefined) throw new Error('board registry is closed')
      const unloading = this.unloading.get(roomId)
      if (unloading !== undefined) {
        await unloading
        continue
      }
      const room = this.rooms.get(roomId) ?? (await this.acquire(roomId))
      if (!room.isLive) continue
      room.addPeer(peer)
      return room
    }
  }

  leave(room: RoomDoc, peer: BoardPeer): void {
    room.removePeer(peer)
    if (room.peers.size === 0 && room.isLive) room.scheduleIdleUnload(this.options.unloadGraceMs, () => this.handleIdle(room))
  }

  /**
   * Applies a change made by the server itself (not by a peer) to the room's board, loading it
   * for the change when nobody is connected; every peer receives it like any other update.
   */
  async change(roomId: string, apply: (doc: Y.Doc) => void): Promise<void> {
    for (;;) {
      if (this.closing !== undefined) throw new Error('board registry is closed')
      const unloading = this.unloading.get(roomId)
      if (unloading !== undefined) {
        await unloading
        continue
      }
      const room = this.rooms.get(roomId) ?? (await this.acquire(roomId))
      if (!room.isLive) continue
      apply(room.doc)
      if (room.peers.size === 0) room.scheduleIdleUnload(this.options.unloadGraceMs, () => this.handleIdle(room))
      return
    }
  }

  /** Makes the board read-only for everyone from now on (the interview ended), and writes it at the next tick. */
  freeze(roomId: string): void {
    const room = this.rooms.get(roomId)
    if (room) {
      room.frozen = true
      // A failure is logged by the tick and retried like any other; nothing waits for it here.
      room.flush().catch(() => undefined)
    }
    this.log.info({ roomId }, 'board frozen')
  }

  /** The notice a socket joining this room should get now, if its saving is paused. */
  savingNotice(roomId: string): BoardSavingNotice | undefined {
    const saving = this.rooms.get(roomId)?.saving
    return saving?.kind === 'retrying' ? { paused: true, since: saving.since } : undefined
  }

  health(): BoardsHealth {
    let failing = 0
    let latest: { since: number; reason: string } | undefined
    for (const room of this.rooms.values()) {
      const saving = room.saving
      if (saving.kind !== 'retrying') continue
      failing++
      if (!latest || saving.since >= latest.since) latest = saving
    }
    return latest ? { failing, reason: latest.reason } : { failing }
  }

  /**
   * Writes every board (retrying a few times), then frees them all; joins after this are refused.
   * Rejects with BoardsNotSavedError naming the rooms whose edits could not be written. Idempotent.
   */
  closeAll(): Promise<void> {
    this.closing ??= this.shutDown()
    return this.closing
  }

  private async shutDown(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer)
    await Promise.allSettled([...this.loading.values()])
    let failed: RoomDoc[] = []
    for (let attempt = 1; attempt <= FINAL_FLUSH_ATTEMPTS; attempt++) {
      failed = RoomDoc.writeDue(this.rooms.values(), Number.POSITIVE_INFINITY, this.options)
      if (failed.length === 0 || attempt === FINAL_FLUSH_ATTEMPTS) break
      await new Promise((resolve) => setTimeout(resolve, FINAL_FLUSH_RETRY_MS))
    }
    await Promise.allSettled([...this.unloading.values()])
    for (const room of this.rooms.values()) room.close()
    this.rooms.clear()
    if (failed.length > 0) {
      const roomIds = failed.map((room) => room.roomId)
      this.log.error({ roomIds }, 'boards not saved at shutdown')
      throw new BoardsNotSavedError(roomIds)
    }
  }

  /** Writes every board whose window would outlast flushIntervalMs before the next tick, in one transaction. */
  private flushDue(): void {
    RoomDoc.writeDue(this.rooms.values(), this.options.clock.now() + Math.min(FLUSH_TICK_MS, this.options.flushIntervalMs), this.options)
  }

  private acquire(roomId: string): Promise<RoomDoc> {
    let pending = this.loading.get(roomId)
    if (pending === undefined) {
      pending = this.load(roomId).finally(() => this.loading.delete(roomId))
      this.loading.set(roomId, pending)
    }
    return pending
  }

  private async load(roomId: string): Promise<RoomDoc> {
    const startedAt = performance.now()
    const room = new RoomDoc(roomId, this.roomOptions)
    try {
      await room.load()
    } catch (error) {
      room.close()
      throw error
    }
    room.frozen = this.options.isFrozen?.(roomId) ?? false
    this.rooms.set(roomId, room)
    this.log.info({ roomId, seq: room.lastSeq, durationMs: Math.round(performance.now() - startedAt) }, 'board loaded')
    return room
  }

  /** The grace period passed with nobody in the room. While its saving is paused the doc holds the only copy of its edits: keep it. */
  private handleIdle(room: RoomDoc): void {
    if (room.peers.size > 0 || !room.isLive) return
    if (room.saving.kind === 'retrying') {
      room.scheduleIdleUnload(this.options.unloadGraceMs, () => this.handleIdle(room))
      return
    }
    this.unload(room).catch((error: unknown) => this.log.error({ err: error, roomId: room.roomId }, 'board unload failed'))
  }

  /** One in-flight unload per room id; joins that arrive meanwhile wait for it (see join()). */
  private unload(room: RoomDoc): Promise<boolean> {
    const existing = this.unloading.get(room.roomId)
    if (existing !== undefined) return existing
    const unloading = room
      .unload()
      .then((unloaded) => {
        if (unloaded) {
          this.rooms.delete(room.roomId)
          this.log.info({ roomId: room.roomId, seq: room.lastSeq }, 'board unloaded')
        } else if (room.isLive && room.peers.size === 0 && this.closing === undefined) {
          room.scheduleIdleUnload(this.options.unloadGraceMs, () => this.handleIdle(room))
        }
        return unloaded
      })
      .finally(() => this.unloading.delete(room.roomId))
    this.unloading.set(room.roomId, unloading)
    return unloading
  }

  private handleSavingChange(room: RoomDoc): void {
    const saving = room.saving
    this.options.onSavingChange?.(room.roomId, saving.kind === 'retrying' ? { paused: true, since: saving.since } : { paused: false })
  }
}
