import * as Y from 'yjs'
import { BOARD_RECORDS_KEY } from '../../shared/board.ts'

/** One `{ key, val }` entry of the YKeyValue, the very object the doc holds (identity matters). */
export interface BoardEntry {
  key: string
  val: Record<string, unknown>
}

/** At most one exact size measurement (a full encode of the doc) per room per this long. */
const MEASURE_INTERVAL_MS = 1000

const indexes = new WeakMap<Y.Doc, BoardIndex>()

/**
 * What the update guard needs to know about a room's board without walking it on every update:
 * which entry of the `tl_records` YKeyValue is each key's current value, how many shapes and
 * pages there are, and how large the doc is. Built once, on the first check, then kept up to date
 * from each transaction's own inserts and deletes (not by observing the Y.Array: its event walks
 * the whole list every time).
 *
 * It follows y-utility's YKeyValue rule exactly, because every client runs that: of the live
 * entries with one key, the rightmost wins; when the winner is deleted the key is gone.
 */
export class BoardIndex {
  readonly records: Y.Array<BoardEntry>
  private readonly doc: Y.Doc
  private readonly current = new Map<string, BoardEntry>()
  /** Which participant wrote each `user:` record while the room is live (tldraw writes one per browser). */
  private readonly userAuthors = new Map<string, string>()
  private shapes = 0
  private pages = 0
  /** Exact encoded size at the last measurement, and the bytes of every update since (an upper bound of the growth). */
  private measuredBytes: number
  private bytesSinceMeasured = 0
  private measuredAt = performance.now()

  /** The index of a room's doc, built on first use; it lives and dies with the doc. */
  static of(doc: Y.Doc): BoardIndex {
    let index = indexes.get(doc)
    if (!index) {
      index = new BoardIndex(doc)
      indexes.set(doc, index)
    }
    return index
  }

  private constructor(doc: Y.Doc) {
    this.doc = doc
    this.records = doc.getArray<BoardEntry>(BOARD_RECORDS_KEY)
    const entries = this.records.toArray()
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]!
      if (!this.current.has(entry.key)) this.setCurrent(entry)
    }
    this.measuredBytes = Y.encodeStateAsUpdate(doc).byteLength
    doc.on('afterTransaction', this.handleTransaction)
    doc.on('update', this.handleUpdate)
  }

  get shapeCount(): number {
    return this.shapes
  }

  get pageCount(): number {
    return this.pages
  }

  has(key: string): boolean {
    return this.current.has(key)
  }

  /** The current record of `key`, as stored (for validating a change against the last good version). */
  get(key: string): Record<string, unknown> | undefined {
    return this.current.get(key)?.val
  }

  /** Records `author` as the writer of this user record; false when another participant wrote it. */
  claimUser(key: string, author: string): boolean {
    const owner = this.userAuthors.get(key)
    if (owner !== undefined && owner !== author) return false
    this.userAuthors.set(key, author)
    return true
  }

  /** Whether this entry object is its key's current value (deleting it removes the record). */
  isCurrent(entry: unknown): entry is BoardEntry {
    return typeof entry === 'object' && entry !== null && this.current.get((entry as BoardEntry).key) === entry
  }

  /**
   * Whether `extraBytes` more would keep the doc within `maxBytes`. The running bound is cheap and
   * pessimistic (a drag's update is ~450 bytes, while the doc grows by a few: the old value becomes
   * a tombstone); only when the bound says "over" is the doc measured exactly, at most once a second.
   * Between two measurements a board may overshoot by what arrives in that second, which the
   * per-connection byte budget bounds.
   */
  fits(extraBytes: number, maxBytes: number): boolean {
    if (this.measuredBytes + this.bytesSinceMeasured + extraBytes <= maxBytes) return true
    if (performance.now() - this.measuredAt >= MEASURE_INTERVAL_MS) {
      this.measuredBytes = Y.encodeStateAsUpdate(this.doc).byteLength
      this.bytesSinceMeasured = 0
      this.measuredAt = performance.now()
    }
    return this.measuredBytes + extraBytes <= maxBytes
  }

  private setCurrent(entry: BoardEntry): void {
    const previous = this.current.get(entry.key)
    this.current.set(entry.key, entry)
    if (!previous) this.count(entry.key, 1)
  }

  private removeCurrent(entry: BoardEntry): void {
    this.current.delete(entry.key)
    this.count(entry.key, -1)
  }

  private count(key: string, delta: number): void {
    if (key.startsWith('shape:')) this.shapes += delta
    else if (key.startsWith('page:')) this.pages += delta
  }

  private readonly handleUpdate = (update: Uint8Array): void => {
    this.bytesSinceMeasured += update.byteLength
  }

  // Runs before Yjs garbage-collects the transaction's deletions, so deleted items still hold their values.
  private readonly handleTransaction = (transaction: Y.Transaction): void => {
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      if (!(struct instanceof Y.Item) || struct.parent !== this.records || !(struct.content instanceof Y.ContentAny)) return
      for (const value of struct.content.arr) if (this.isCurrent(value)) this.removeCurrent(value)
    })
    transaction.afterState.forEach((after, client) => {
      const before = transaction.beforeState.get(client) ?? 0
      if (after > before) this.indexInserted(client, before, after)
    })
  }

  private indexInserted(client: number, from: number, to: number): void {
    const structs = this.doc.store.clients.get(client)
    if (!structs) return
    for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
      const struct = structs[i]!
      if (struct.id.clock >= to) break
      if (!(struct instanceof Y.Item) || struct.deleted || struct.parent !== this.records || !(struct.content instanceof Y.ContentAny)) continue
      for (const value of struct.content.arr as BoardEntry[]) {
        const previous = this.current.get(value.key)
        if (!previous || !isRightOf(struct, previous)) this.setCurrent(value)
      }
    }
  }
}

/** Whether the live item holding `entry` lies to the right of `item` (then it keeps winning). */
function isRightOf(item: Y.Item, entry: BoardEntry): boolean {
  for (let next = item.right; next !== null; next = next.right) {
    if (!next.deleted && next.content instanceof Y.ContentAny && next.content.arr.includes(entry)) return true
  }
  return false
}
