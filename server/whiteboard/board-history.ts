import * as Y from 'yjs'
import type { BoardEntry, BoardStore } from './board-store.ts'

export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

export interface BoardHistoryOptions {
  /** A window is written early once this many bytes of updates are waiting (ARCHITECTURE.md: 64 KB). */
  maxWindowBytes: number
  keyframeIntervalMs: number
  /** More diffs than this after the newest keyframe make load() write a fresh keyframe. */
  maxDiffsBeforeKeyframe: number
}

export const DEFAULT_HISTORY_OPTIONS: BoardHistoryOptions = {
  maxWindowBytes: 64 * 1024,
  keyframeIntervalMs: 5 * 60_000,
  maxDiffsBeforeKeyframe: 200,
}

/**
 * Turns a live Y.Doc into an append-only history of windowed diffs and keyframes.
 *
 * Each flush writes `encodeStateAsUpdate(doc, lastStateVector)`: everything since the previous
 * flush as one diff, however many raw updates that was (a drag emits one per frame; storing those
 * one by one would be 30 rows a second per person). `Y.mergeUpdates` would not help: it keeps
 * every intermediate struct, while a state-vector diff carries only what the new state needs.
 */
export class BoardHistory {
  private readonly store: BoardStore
  private readonly roomId: string
  private readonly doc: Y.Doc
  private readonly clock: Clock
  private readonly options: BoardHistoryOptions
  private lastStateVector: Uint8Array
  private lastSeq: number
  private lastKeyframeAt: number
  private pendingBytes = 0

  private constructor(store: BoardStore, roomId: string, doc: Y.Doc, clock: Clock, options: BoardHistoryOptions, lastSeq: number, lastKeyframeAt: number) {
    this.store = store
    this.roomId = roomId
    this.doc = doc
    this.clock = clock
    this.options = options
    this.lastSeq = lastSeq
    this.lastKeyframeAt = lastKeyframeAt
    this.lastStateVector = Y.encodeStateVector(doc)
  }

  /** Applies the stored history to `doc` (which must be empty) and returns the history writer for it. */
  static load(store: BoardStore, roomId: string, doc: Y.Doc, clock: Clock = systemClock, options = DEFAULT_HISTORY_OPTIONS): BoardHistory {
    const entries = store.loadLatest(roomId)
    applyEntries(doc, entries)
    const keyframe = entries.find((entry) => entry.kind === 'keyframe')
    const history = new BoardHistory(store, roomId, doc, clock, options, store.lastSeq(roomId), keyframe?.at ?? 0)
    if (entries.length - 1 > options.maxDiffsBeforeKeyframe) history.writeKeyframe()
    return history
  }

  /** Writes the doc's current state as the room's first keyframe (at room creation). */
  static create(store: BoardStore, roomId: string, doc: Y.Doc, clock: Clock = systemClock, options = DEFAULT_HISTORY_OPTIONS): BoardHistory {
    const history = new BoardHistory(store, roomId, doc, clock, options, store.lastSeq(roomId), 0)
    history.writeKeyframe()
    return history
  }

  get isDirty(): boolean {
    return this.pendingBytes > 0
  }

  get seq(): number {
    return this.lastSeq
  }

  /** Records that an update was applied; true when the window is full and should be flushed now. */
  noteUpdate(update: Uint8Array): boolean {
    this.pendingBytes += update.byteLength
    return this.pendingBytes >= this.options.maxWindowBytes
  }

  /** Writes everything since the last flush as one diff (plus a keyframe when one is due). */
  flush(): { seq: number; bytes: number } | undefined {
    const entries = this.pending()
    if (!entries) return undefined
    this.store.append(this.roomId, entries)
    return this.written(entries)
  }

  /**
   * The window to write, without writing it: the caller stores it (in a transaction shared with
   * other boards) and then calls written(). The doc must not change in between, so both happen in
   * the same synchronous turn.
   */
  pending(): BoardEntry[] | undefined {
    if (!this.isDirty) return undefined
    const at = this.clock.now()
    const entries: BoardEntry[] = [{ seq: this.lastSeq + 1, kind: 'diff', at, data: Y.encodeStateAsUpdate(this.doc, this.lastStateVector) }]
    if (at - this.lastKeyframeAt >= this.options.keyframeIntervalMs) {
      entries.push({ seq: this.lastSeq + 2, kind: 'keyframe', at, data: Y.encodeStateAsUpdate(this.doc) })
    }
    return entries
  }

  /** Records that entries from pending() are stored. */
  written(entries: BoardEntry[]): { seq: number; bytes: number } {
    this.commit(entries, entries[0]!.at)
    return { seq: entries[0]!.seq, bytes: entries[0]!.data.byteLength }
  }

  writeKeyframe(): void {
    const at = this.clock.now()
    const entry: BoardEntry = { seq: this.lastSeq + 1, kind: 'keyframe', at, data: Y.encodeStateAsUpdate(this.doc) }
    this.store.append(this.roomId, [entry])
    this.commit([entry], at)
  }

  private commit(entries: BoardEntry[], at: number): void {
    this.lastSeq = entries.at(-1)!.seq
    if (entries.some((entry) => entry.kind === 'keyframe')) this.lastKeyframeAt = at
    this.lastStateVector = Y.encodeStateVector(this.doc)
    this.pendingBytes = 0
  }
}

function applyEntries(doc: Y.Doc, entries: BoardEntry[]): void {
  doc.transact(() => {
    for (const entry of entries) Y.applyUpdate(doc, entry.data)
  })
}

/** The board as it was at server time `t`: the newest keyframe at or before t plus the diffs up to t. */
export function boardStateAt(store: BoardStore, roomId: string, t: number): Y.Doc {
  const doc = new Y.Doc()
  applyEntries(doc, store.loadLatest(roomId, t))
  return doc
}
