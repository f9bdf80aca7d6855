import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { BoardMessage } from '../../shared/board.ts'
import type { Logger } from '../log.ts'
import { applyEntries, BoardWindow, type BoardWindowOptions, type Clock } from './board-window.ts'
import type { BoardEntry, BoardStore } from './board-store.ts'

/** What a RoomDoc needs from a board connection: a way to send it frames and the awareness ids it owns. */
export interface BoardPeer {
  send(frame: Uint8Array): void
  readonly awarenessClientIds: Set<number>
}

export interface RoomDocOptions {
  store: BoardStore
  clock: Clock
  log: Logger
  /** Longest time an edit waits in memory before its window is due (BOARD_FLUSH_INTERVAL_MS). */
  flushIntervalMs: number
  /** Longest wait between two attempts at a write that keeps failing (BOARD_RETRY_MAX_MS). */
  retryMaxMs: number
  window: BoardWindowOptions
  /** Called when the room's saving pauses (a write failed) or resumes (a retry succeeded). */
  onSavingChange?: (room: RoomDoc) => void
}

/**
 * loading → live ⇄ flushing → unloaded, or → closed from anywhere. `flushing` is an unload's final
 * flush: no peer is attached, and a join waits for its outcome instead of attaching to a doc that
 * is about to be freed. The window lives in the states that have a doc to write.
 */
export type RoomDocState =
  | { kind: 'loading' }
  | { kind: 'live'; window: BoardWindow }
  | { kind: 'flushing'; window: BoardWindow }
  | { kind: 'unloaded' }
  | { kind: 'closed' }

/** Whether the room's edits reach the store. While `retrying`, they are kept in memory and retried with backoff. */
export type SavingState = { kind: 'ok' } | { kind: 'retrying'; since: number; attempts: number; reason: string }

interface FlushWaiter {
  resolve(): void
  reject(error: unknown): void
}

/**
 * The one owner of a room's live whiteboard: its Y.Doc, awareness, peers, and its history in the
 * store. Nothing else reads or writes a board's rows. Writes happen in one place, writeDue(), which
 * the registry calls on a short tick so that every board due at that moment shares one commit;
 * the doc's update handler only marks the window due, so an edit never waits on (or fails with) a write.
 */
export class RoomDoc {
  readonly roomId: string
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness: awarenessProtocol.Awareness
  readonly peers = new Set<BoardPeer>()
  /** Once the interview has ended nobody may edit the board; the server drops every write. */
  frozen = false
  private readonly options: RoomDocOptions
  private readonly log: Logger
  private current: RoomDocState = { kind: 'loading' }
  private savingState: SavingState = { kind: 'ok' }
  /** Clock time by which the unsaved window must be written; undefined while nothing is unsaved. */
  private dueAt: number | undefined
  private waiters: FlushWaiter[] = []
  /** Every timer this room owns; close() clears them all. */
  private readonly timers = new Set<NodeJS.Timeout>()
  private idleTimer: NodeJS.Timeout | undefined
  /** The last stored sequence number, kept for the log line after the doc is freed. */
  private releasedSeq = -1

  constructor(roomId: string, options: RoomDocOptions) {
    this.roomId = roomId
    this.options = options
    this.log = options.log.child({ roomId })
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    // The server has no cursor of its own; without this it would show up as a participant.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.handleAwarenessUpdate)
  }

  /** Writes a new room's first keyframe: the seeded records every tldraw document needs. */
  static create(roomId: string, seeded: Y.Doc, { store, clock }: Pick<RoomDocOptions, 'store' | 'clock'>): void {
    store.append(roomId, [{ seq: store.lastSeq(roomId) + 1, kind: 'keyframe', at: clock.now(), data: Y.encodeStateAsUpdate(seeded) }])
  }

  /** The board as it was at server time `t`: the newest keyframe at or before t plus the diffs up to t (replay). */
  static stateAt(store: BoardStore, roomId: string, t: number): Y.Doc {
    const doc = new Y.Doc()
    applyEntries(doc, store.loadLatest(roomId, t))
    return doc
  }

  /**
   * Writes the window of every room due by `horizon` in one transaction: one commit for the whole
   * tick (tests/bench/RESULTS.md). If it fails, each room is tried alone, so one bad board cannot
   * hold back the others; the rooms that still fail keep their edits and retry with backoff.
   * Returns the rooms that could not be written.
   */
  static writeDue(rooms: Iterable<RoomDoc>, horizon: number, { store, log }: Pick<RoomDocOptions, 'store' | 'log'>): RoomDoc[] {
    const due: [RoomDoc, BoardEntry[]][] = []
    for (const room of rooms) {
      const entries = room.dueEntries(horizon)
      if (entries) due.push([room, entries])
    }
    if (due.length === 0) return []
    try {
      store.transaction(() => {
        for (const [room, entries] of due) store.append(room.roomId, entries)
      })
    } catch (error) {
      log.error({ err: error, boards: due.length }, 'board flush failed')
      if (due.length > 1) return RoomDoc.writeEach(due, store)
      const [room] = due[0]!
      room.failed(error)
      return [room]
    }
    for (const [room, entries] of due) room.written(entries)
    return []
  }

  private static writeEach(due: [RoomDoc, BoardEntry[]][], store: BoardStore): RoomDoc[] {
    const failed: RoomDoc[] = []
    for (const [room, entries] of due) {
      try {
        store.append(room.roomId, entries)
        room.written(entries)
      } catch (error) {
        room.failed(error)
        failed.push(room)
      }
    }
    return failed
  }

  get state(): RoomDocState['kind'] {
    return this.current.kind
  }

  get isLive(): boolean {
    return this.current.kind === 'live'
  }

  get saving(): SavingState {
    return this.savingState
  }

  get lastSeq(): number {
    return 'window' in this.current ? this.current.window.seq : this.releasedSeq
  }

  /** Whether edits are in memory that the store does not have yet. */
  get hasUnsavedEdits(): boolean {
    return 'window' in this.current && this.current.window.isDirty
  }

  /** Reads the stored history into the doc; the first sync answer must wait for this. */
  async load(): Promise<void> {
    if (this.current.kind !== 'loading') throw new Error(`cannot load a board that is ${this.current.kind}`)
    const { store, clock, window } = this.options
    const entries = store.loadLatest(this.roomId)
    applyEntries(this.doc, entries)
    const keyframe = entries.find((entry) => entry.kind === 'keyframe')
    const boardWindow = new BoardWindow(this.doc, clock, window, {
      lastSeq: store.lastSeq(this.roomId),
      lastKeyframeAt: keyframe?.at ?? 0,
      diffsSinceKeyframe: entries.length - 1,
    })
    // A long tail of diffs asks for a keyframe; it is written by the next tick, not here, so a
    // failing disk cannot make the board unloadable.
    if (boardWindow.isDirty) this.dueAt = clock.now()
    this.doc.on('update', this.handleDocUpdate)
    this.current = { kind: 'live', window: boardWindow }
  }

  addPeer(peer: BoardPeer): void {
    if (this.current.kind !== 'live') throw new Error(`cannot join a board that is ${this.current.kind}`)
    this.cancelIdleUnload()
    this.peers.add(peer)
  }

  removePeer(peer: BoardPeer): void {
    this.peers.delete(peer)
    const ids = [...peer.awarenessClientIds]
    if (ids.length > 0 && this.current.kind === 'live') awarenessProtocol.removeAwarenessStates(this.awareness, ids, null)
  }

  /**
   * Applies a peer's update (validation of its content happens before this call). Malformed bytes
   * throw; the caller closes that connection. Storage never throws from here.
   */
  applyUpdate(update: Uint8Array, origin: BoardPeer): void {
    Y.applyUpdate(this.doc, update, origin)
  }

  /**
   * Makes the unsaved window due now. Resolves once it is stored; rejects if that attempt fails (the
   * edits stay in memory and are retried). While saving is paused the next attempt keeps its backoff.
   */
  flush(): Promise<void> {
    if (!this.hasUnsavedEdits) return Promise.resolve()
    if (this.savingState.kind === 'ok') this.dueAt = this.options.clock.now()
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }))
  }

  /** Runs `run` once the room has been idle for `ms`; a join (addPeer) or close() cancels it. */
  scheduleIdleUnload(ms: number, run: () => void): void {
    this.cancelIdleUnload()
    this.idleTimer = this.later(ms, run)
  }

  /**
   * Final flush, then frees the doc. True once unloaded; false when it is still needed (the flush
   * failed, and the edits are only in memory, or the room was closed meanwhile).
   */
  async unload(): Promise<boolean> {
    const live = this.current
    if (live.kind !== 'live') return live.kind === 'unloaded'
    this.current = { kind: 'flushing', window: live.window }
    try {
      await this.flush()
    } catch {
      if (this.current.kind === 'flushing') this.current = { kind: 'live', window: live.window }
      return false
    }
    if (this.current.kind !== 'flushing') return false
    this.release({ kind: 'unloaded' })
    return true
  }

  /** Frees the doc now, written or not (shutdown decides whether that loses anything). Idempotent. */
  close(): void {
    if (this.current.kind === 'closed' || this.current.kind === 'unloaded') return
    this.release({ kind: 'closed' })
  }

  private release(final: { kind: 'unloaded' } | { kind: 'closed' }): void {
    this.releasedSeq = this.lastSeq
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    this.idleTimer = undefined
    this.dueAt = undefined
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error(`board ${final.kind}`))
    this.doc.off('update', this.handleDocUpdate)
    this.awareness.off('update', this.handleAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
    this.peers.clear()
    this.current = final
  }

  private later(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      run()
    }, ms)
    this.timers.add(timer)
    return timer
  }

  private cancelIdleUnload(): void {
    if (!this.idleTimer) return
    clearTimeout(this.idleTimer)
    this.timers.delete(this.idleTimer)
    this.idleTimer = undefined
  }

  private dueEntries(horizon: number): BoardEntry[] | undefined {
    if (this.dueAt === undefined || this.dueAt > horizon || !('window' in this.current)) return undefined
    return this.current.window.pending()
  }

  private written(entries: BoardEntry[]): void {
    if (!('window' in this.current)) return
    this.current.window.written(entries)
    this.dueAt = undefined
    this.log.debug({ seq: entries.at(-1)!.seq, bytes: entries[0]!.data.byteLength }, 'board flushed')
    if (this.savingState.kind === 'retrying') {
      this.log.info({ attempts: this.savingState.attempts, pausedMs: this.options.clock.now() - this.savingState.since }, 'board saving resumed')
      this.savingState = { kind: 'ok' }
      this.options.onSavingChange?.(this)
    }
    for (const waiter of this.waiters.splice(0)) waiter.resolve()
  }

  /** Backoff doubles from the flush interval up to retryMaxMs: a full disk is not hammered, a blip costs one interval. */
  private failed(error: unknown): void {
    const now = this.options.clock.now()
    const previous = this.savingState
    const attempts = previous.kind === 'retrying' ? previous.attempts + 1 : 1
    const retryInMs = Math.min(this.options.flushIntervalMs * 2 ** Math.min(attempts - 1, 20), this.options.retryMaxMs)
    this.dueAt = now + retryInMs
    this.savingState = { kind: 'retrying', since: previous.kind === 'retrying' ? previous.since : now, attempts, reason: describeError(error) }
    if (previous.kind === 'ok') {
      this.log.warn({ reason: this.savingState.reason, retryInMs }, 'board saving paused')
      this.options.onSavingChange?.(this)
    }
    for (const waiter of this.waiters.splice(0)) waiter.reject(error)
  }

  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown): void => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, BoardMessage.SYNC)
    syncProtocol.writeUpdate(encoder, update)
    const frame = encoding.toUint8Array(encoder)
    for (const peer of this.peers) if (peer !== origin) peer.send(frame)

    if (!('window' in this.current)) return
    // A full window is due now, but written by the tick: never from inside this handler, where a
    // failing write would surface as the editor's protocol error. While saving is paused the
    // retry keeps its backoff.
    if (this.current.window.noteUpdate(update) && this.savingState.kind === 'ok') this.dueAt = this.options.clock.now()
    else this.dueAt ??= this.options.clock.now() + this.options.flushIntervalMs
  }

  private readonly handleAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const changed = [...added, ...updated, ...removed]
    const owner = this.isPeer(origin) ? origin : undefined
    if (owner) {
      for (const id of added) owner.awarenessClientIds.add(id)
      for (const id of removed) owner.awarenessClientIds.delete(id)
    }
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, BoardMessage.AWARENESS)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    const frame = encoding.toUint8Array(encoder)
    for (const peer of this.peers) if (peer !== owner) peer.send(frame)
  }

  private isPeer(value: unknown): value is BoardPeer {
    return this.peers.has(value as BoardPeer)
  }
}

/** The board as it was at server time `t`, for replay and reports. */
export const boardStateAt = RoomDoc.stateAt

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message
}
