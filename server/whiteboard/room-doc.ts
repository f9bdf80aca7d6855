import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { BoardMessage } from '../../shared/board.ts'
import type { Logger } from '../log.ts'
import { BoardHistory, type BoardHistoryOptions, type Clock } from './board-history.ts'
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
  flushIntervalMs: number
  history: BoardHistoryOptions
}

type RoomDocState = 'live' | 'unloading' | 'closed'

/**
 * One room's live whiteboard: its Y.Doc, awareness, the peers connected to it, and when its
 * pending window is due (BoardRooms writes due windows in batches). Lifecycle: load() → live → unload() (final flush) → closed.
 */
export class RoomDoc {
  readonly roomId: string
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness: awarenessProtocol.Awareness
  readonly peers = new Set<BoardPeer>()
  private readonly history: BoardHistory
  private readonly options: RoomDocOptions
  private readonly log: Logger
  private state: RoomDocState = 'live'
  /** Once the interview has ended nobody may edit the board; the server drops every write. */
  frozen = false
  /** Clock time by which the unsaved window must be written; undefined while nothing is unsaved. */
  private dueAt: number | undefined

  private constructor(roomId: string, options: RoomDocOptions, loadHistory: (doc: Y.Doc) => BoardHistory) {
    this.roomId = roomId
    this.options = options
    this.log = options.log.child({ roomId })
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    // The server has no cursor of its own; without this it would show up as a participant.
    this.awareness.setLocalState(null)
    this.history = loadHistory(this.doc)
    this.doc.on('update', this.handleDocUpdate)
    this.awareness.on('update', this.handleAwarenessUpdate)
  }

  /** Loads the persisted state before any peer is attached, so the first sync answer is complete. */
  static load(roomId: string, options: RoomDocOptions): RoomDoc {
    return new RoomDoc(roomId, options, (doc) => BoardHistory.load(options.store, roomId, doc, options.clock, options.history))
  }

  /** Writes a new room's first keyframe from a doc the caller has already seeded. */
  static persistInitial(roomId: string, seeded: Y.Doc, options: RoomDocOptions): void {
    BoardHistory.create(options.store, roomId, seeded, options.clock, options.history)
  }

  get isLive(): boolean {
    return this.state === 'live'
  }

  get lastSeq(): number {
    return this.history.seq
  }

  addPeer(peer: BoardPeer): void {
    this.peers.add(peer)
  }

  removePeer(peer: BoardPeer): void {
    this.peers.delete(peer)
    const ids = [...peer.awarenessClientIds]
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null)
  }

  /** Applies a peer's update; malformed bytes throw, and the connection closes with a protocol error. */
  applyUpdate(update: Uint8Array, origin: BoardPeer): void {
    Y.applyUpdate(this.doc, update, origin)
  }

  /** Writes the pending window now. Safe to call at any time; a clean doc writes nothing. */
  flush(): void {
    const written = this.history.flush()
    this.dueAt = undefined
    if (written) this.log.debug({ seq: written.seq, bytes: written.bytes }, 'board flushed')
  }

  /** Whether the window must be written by `time` (BoardRooms writes every due board in one transaction). */
  isFlushDue(time: number): boolean {
    return this.dueAt !== undefined && this.dueAt <= time
  }

  /** The window to store in a batched flush; hand it back to flushed() once stored. */
  pendingFlush(): BoardEntry[] | undefined {
    return this.history.pending()
  }

  flushed(entries: BoardEntry[]): void {
    this.dueAt = undefined
    const written = this.history.written(entries)
    this.log.debug({ seq: written.seq, bytes: written.bytes }, 'board flushed')
  }

  /** After a failed batch: try again in `byMs`, not at every tick. */
  postponeFlush(byMs: number): void {
    if (this.dueAt !== undefined) this.dueAt = this.options.clock.now() + byMs
  }

  /** Final flush, then frees the doc. After this the RoomDoc is closed for good. */
  unload(): void {
    if (this.state === 'closed') return
    this.state = 'unloading'
    try {
      this.flush()
    } finally {
      this.close()
    }
  }

  private close(): void {
    this.dueAt = undefined
    this.doc.off('update', this.handleDocUpdate)
    this.awareness.off('update', this.handleAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
    this.peers.clear()
    this.state = 'closed'
  }

  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown): void => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, BoardMessage.SYNC)
    syncProtocol.writeUpdate(encoder, update)
    const frame = encoding.toUint8Array(encoder)
    for (const peer of this.peers) if (peer !== origin) peer.send(frame)

    if (this.history.noteUpdate(update)) this.flush()
    else if (this.state === 'live') this.dueAt ??= this.options.clock.now() + this.options.flushIntervalMs
  }

  private readonly handleAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
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
