import * as Y from 'yjs'
import type { BoardEntry } from './board-store.ts'

export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

export interface BoardWindowOptions {
  /** A window is due at once when this many bytes of updates are waiting (ARCHITECTURE.md: 64 KB). */
  maxWindowBytes: number
  keyframeIntervalMs: number
  /** More diffs than this after the newest keyframe make the next write include a fresh keyframe. */
  maxDiffsBeforeKeyframe: number
}

export const DEFAULT_WINDOW_OPTIONS: BoardWindowOptions = {
  maxWindowBytes: 64 * 1024,
  keyframeIntervalMs: 5 * 60_000,
  maxDiffsBeforeKeyframe: 200,
}

/**
 * What of a live Y.Doc is not stored yet, as the entries that would store it. Pure bookkeeping: it
 * never touches a store, so its owner (RoomDoc) decides when and how the entries are written.
 *
 * Each window is `encodeStateAsUpdate(doc, lastStateVector)`: everything since the previous write
 * as one diff, however many raw updates that was (a drag emits one per frame; storing those one by
 * one would be 30 rows a second per person). `Y.mergeUpdates` would not help: it keeps every
 * intermediate struct, while a state-vector diff carries only what the new state needs. A failed
 * write changes nothing here, so the next window still covers everything since the last success.
 */
export class BoardWindow {
  private readonly doc: Y.Doc
  private readonly clock: Clock
  private readonly options: BoardWindowOptions
  private lastStateVector: Uint8Array
  private lastSeq: number
  private lastKeyframeAt: number
  private pendingBytes = 0
  private keyframeRequested: boolean

  constructor(doc: Y.Doc, clock: Clock, options: BoardWindowOptions, stored: { lastSeq: number; lastKeyframeAt: number; diffsSinceKeyframe: number }) {
    this.doc = doc
    this.clock = clock
    this.options = options
    this.lastSeq = stored.lastSeq
    this.lastKeyframeAt = stored.lastKeyframeAt
    this.keyframeRequested = stored.diffsSinceKeyframe > options.maxDiffsBeforeKeyframe
    this.lastStateVector = Y.encodeStateVector(doc)
  }

  /** Whether something must be written: unsaved updates, or a keyframe asked for at load. */
  get isDirty(): boolean {
    return this.pendingBytes > 0 || this.keyframeRequested
  }

  get seq(): number {
    return this.lastSeq
  }

  /** Records that an update was applied; true when the window is full and should be written now. */
  noteUpdate(update: Uint8Array): boolean {
    this.pendingBytes += update.byteLength
    return this.pendingBytes >= this.options.maxWindowBytes
  }

  /**
   * The entries to write, without writing them; hand them to written() once stored. The doc must
   * not change in between, so both happen in the same synchronous turn. Sequence numbers are
   * assigned here, by the owner of the doc, never by a store.
   */
  pending(): BoardEntry[] | undefined {
    if (!this.isDirty) return undefined
    const at = this.clock.now()
    const entries: BoardEntry[] = []
    if (this.pendingBytes > 0) entries.push({ seq: this.lastSeq + 1, kind: 'diff', at, data: Y.encodeStateAsUpdate(this.doc, this.lastStateVector) })
    if (this.keyframeRequested || at - this.lastKeyframeAt >= this.options.keyframeIntervalMs) {
      entries.push({ seq: this.lastSeq + entries.length + 1, kind: 'keyframe', at, data: Y.encodeStateAsUpdate(this.doc) })
    }
    return entries
  }

  /** Records that entries from pending() are stored. */
  written(entries: BoardEntry[]): void {
    const last = entries.at(-1)
    if (!last) return
    this.lastSeq = last.seq
    if (last.kind === 'keyframe') {
      this.lastKeyframeAt = last.at
      this.keyframeRequested = false
    }
    this.lastStateVector = Y.encodeStateVector(this.doc)
    this.pendingBytes = 0
  }
}

/** Applies stored entries (a keyframe and the diffs after it) to `doc` in one transaction. */
export function applyEntries(doc: Y.Doc, entries: BoardEntry[]): void {
  doc.transact(() => {
    for (const entry of entries) Y.applyUpdate(doc, entry.data)
  })
}
