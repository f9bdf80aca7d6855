import type Database from 'better-sqlite3'
import { createTimelineWriter, type TimelineWriter } from '../timeline/index.ts'

export type BoardEntryKind = 'diff' | 'keyframe'

export interface BoardEntry {
  seq: number
  kind: BoardEntryKind
  /** Server time of the write, ms since epoch. */
  at: number
  data: Uint8Array
}

/**
 * Where a board's history lives. Sequence numbers are assigned by the room's owner (the process
 * holding its Y.Doc), so a store never invents them: a second writer would be a bug, and the
 * primary key turns it into an error instead of silent interleaving.
 */
export interface BoardStore {
  /** The newest keyframe (at or before `atOrBefore`, when given) and every later entry up to it. */
  loadLatest(roomId: string, atOrBefore?: number): BoardEntry[]
  /** Appends entries in one transaction: all of them are stored, or (when it throws) none. */
  append(roomId: string, entries: BoardEntry[]): void
  lastSeq(roomId: string): number
  /** Runs `run` in one transaction: every append inside it is stored, or (when anything throws) none is. */
  transaction(run: () => void): void
}

/**
 * The store of the unit tests, held to the same contract as SQLite (tests/unit/whiteboard/
 * board-store-contract.test.ts): an append or transaction that fails keeps none of its rows.
 */
export class MemoryBoardStore implements BoardStore {
  readonly rooms = new Map<string, BoardEntry[]>()

  loadLatest(roomId: string, atOrBefore = Number.POSITIVE_INFINITY): BoardEntry[] {
    const entries = (this.rooms.get(roomId) ?? []).filter((entry) => entry.at <= atOrBefore)
    let start = 0
    entries.forEach((entry, index) => {
      if (entry.kind === 'keyframe') start = index
    })
    return entries.slice(start)
  }

  append(roomId: string, entries: BoardEntry[]): void {
    const log = this.rooms.get(roomId) ?? []
    const seqs = new Set(log.map((existing) => existing.seq))
    // Check every entry before storing any, so a refused append leaves nothing behind.
    for (const entry of entries) {
      if (seqs.has(entry.seq)) throw new Error(`duplicate board seq ${entry.seq} in ${roomId}`)
      seqs.add(entry.seq)
    }
    log.push(...entries.map((entry) => ({ ...entry, data: entry.data.slice() })))
    this.rooms.set(roomId, log)
  }

  lastSeq(roomId: string): number {
    return this.rooms.get(roomId)?.at(-1)?.seq ?? -1
  }

  transaction(run: () => void): void {
    const before = new Map([...this.rooms].map(([roomId, log]) => [roomId, log.length]))
    try {
      run()
    } catch (error) {
      for (const [roomId, log] of this.rooms) {
        const length = before.get(roomId)
        if (length === undefined) this.rooms.delete(roomId)
        else log.length = length
      }
      throw error
    }
  }
}

interface Row {
  seq: number
  kind: BoardEntryKind
  at: number
  data: Buffer
}

/**
 * SQLite store on prepared statements: building a drizzle query costs ~60 µs, and a flush runs for
 * every live room every second (STACK.md), so the hot path skips the query builder.
 */
export class SqliteBoardStore implements BoardStore {
  private readonly selectLatestKeyframeSeq: Database.Statement<[string, number], { seq: number }>
  private readonly selectFrom: Database.Statement<[string, number, number], Row>
  private readonly insert: Database.Statement<[string, number, string, number, Buffer]>
  private readonly selectLastSeq: Database.Statement<[string], { seq: number | null }>
  private readonly appendAll: (roomId: string, entries: BoardEntry[]) => void
  private readonly runInTransaction: (run: () => void) => void
  private readonly timeline: TimelineWriter

  /**
   * Each diff is also put on the room's timeline (`board.diff` with its seq), in the same
   * transaction, so replay and reports find the board's changes among everything else that happened.
   */
  constructor(sqlite: Database.Database) {
    this.selectLatestKeyframeSeq = sqlite.prepare(`select seq from board_updates where room_id = ? and kind = 'keyframe' and at <= ? order by seq desc limit 1`)
    this.selectFrom = sqlite.prepare(`select seq, kind, at, data from board_updates where room_id = ? and seq >= ? and at <= ? order by seq`)
    this.insert = sqlite.prepare(`insert into board_updates (room_id, seq, kind, at, data) values (?, ?, ?, ?, ?)`)
    this.selectLastSeq = sqlite.prepare(`select max(seq) as seq from board_updates where room_id = ?`)
    this.timeline = createTimelineWriter(sqlite)
    this.appendAll = sqlite.transaction((roomId: string, entries: BoardEntry[]) => {
      for (const entry of entries) {
        this.insert.run(roomId, entry.seq, entry.kind, entry.at, Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength))
        if (entry.kind === 'diff')
          this.timeline.append({ roomId, at: entry.at, participantId: null, type: 'board.diff', payload: { seq: entry.seq, bytes: entry.data.byteLength } })
      }
    })
    // Appends inside it become savepoints of one commit: one WAL append for every board due at a tick.
    this.runInTransaction = sqlite.transaction((run: () => void) => run())
  }

  transaction(run: () => void): void {
    this.runInTransaction(run)
  }

  loadLatest(roomId: string, atOrBefore = Number.MAX_SAFE_INTEGER): BoardEntry[] {
    const keyframe = this.selectLatestKeyframeSeq.get(roomId, atOrBefore)
    return this.selectFrom.all(roomId, keyframe?.seq ?? 0, atOrBefore).map((row) => ({
      seq: row.seq,
      kind: row.kind,
      at: row.at,
      data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
    }))
  }

  append(roomId: string, entries: BoardEntry[]): void {
    if (entries.length > 0) this.appendAll(roomId, entries)
  }

  lastSeq(roomId: string): number {
    return this.selectLastSeq.get(roomId)?.seq ?? -1
  }
}
