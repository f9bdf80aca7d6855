import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import type { WebSocket } from 'ws'
import { BoardMessage, MAX_BOARD_FRAME_BYTES } from '../../shared/board.ts'
import { BoardCloseCode } from '../../shared/errors.ts'
import type { Logger } from '../log.ts'
import { AwarenessGuard, type BoardIdentity } from './board-awareness-guard.ts'

export type { BoardIdentity }
import { checkBoardUpdate, type BoardLimits } from './board-update-guard.ts'
import type { BoardPeer, RoomDoc } from './room-doc.ts'

/** A socket whose unsent buffer grows past this cannot keep up; it is closed and resyncs on reconnect. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024
/** Token bucket per connection: a drag sends ~60 updates/s plus awareness at 30 Hz, so 300/s is generous. */
const RATE_LIMIT_PER_SECOND = 300
const RATE_LIMIT_BURST = 600
/** Log a connection's first dropped awareness entry, then every this many. */
const DROP_LOG_EVERY = 100

export interface BoardConnectionLimits extends BoardLimits {
  /** Sustained inbound bytes per second; the bucket holds 4 s of it and at least two largest frames. */
  maxBytesPerSecond: number
}

/**
 * The server side of one y-websocket connection. It speaks the sync and awareness protocols and
 * enforces what the identity allows: a read-only peer's document writes are dropped, every other
 * update is checked before it touches the room's doc (a refused one closes the socket with
 * CHANGE_REFUSED and its reason), and awareness stays within the sender's own identity.
 */
export class BoardConnection implements BoardPeer {
  readonly awarenessClientIds = new Set<number>()
  private readonly socket: WebSocket
  private readonly canWrite: boolean
  private readonly log: Logger
  private readonly limits: BoardConnectionLimits
  private readonly awarenessGuard: AwarenessGuard
  private readonly identity: BoardIdentity
  private room: RoomDoc | undefined
  private closed = false
  private tokens = RATE_LIMIT_BURST
  private tokensRefilledAt = performance.now()
  private readonly byteBurst: number
  private bytes: number
  private droppedWrites = 0
  private droppedPresence = 0

  constructor(socket: WebSocket, identity: BoardIdentity, canWrite: boolean, log: Logger, limits: BoardConnectionLimits) {
    this.socket = socket
    this.identity = identity
    this.canWrite = canWrite
    this.limits = limits
    this.identity = identity
    this.log = log.child({ role: identity.role, participantId: identity.participantId })
    this.awarenessGuard = new AwarenessGuard(identity, this.awarenessClientIds)
    this.byteBurst = Math.max(4 * limits.maxBytesPerSecond, 2 * MAX_BOARD_FRAME_BYTES)
    this.bytes = this.byteBurst
  }

  /** Starts the protocol once the room's state is loaded: our sync step 1, then everyone's presence. */
  attach(room: RoomDoc): void {
    this.room = room
    const sync = encoding.createEncoder()
    encoding.writeVarUint(sync, BoardMessage.SYNC)
    syncProtocol.writeSyncStep1(sync, room.doc)
    this.send(encoding.toUint8Array(sync))

    const states = room.awareness.getStates()
    if (states.size > 0) this.send(this.encodeAwareness(room, [...states.keys()]))
  }

  send(frame: Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN) return
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.log.warn({ bufferedBytes: this.socket.bufferedAmount }, 'board socket too slow, closing')
      this.socket.close(BoardCloseCode.TOO_SLOW, 'too slow')
      return
    }
    this.socket.send(frame, { binary: true })
  }

  /** Handles one inbound frame; returns false when the socket was closed for it (later frames are ignored). */
  handleFrame(data: Uint8Array): boolean {
    if (this.closed) return false
    if (!this.takeToken(data.byteLength)) {
      this.log.warn({ bytes: data.byteLength }, 'board socket rate limited, closing')
      return this.close(BoardCloseCode.RATE_LIMITED, 'rate limited')
    }
    const room = this.room
    if (!room) return true
    try {
      this.dispatch(room, data)
      return !this.closed
    } catch (error) {
      this.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'board frame rejected')
      return this.close(BoardCloseCode.PROTOCOL_ERROR, 'protocol error')
    }
  }

  /** The socket closed: its awareness client ids are free again. */
  detach(): void {
    this.closed = true
    if (this.room) this.awarenessGuard.release(this.room.awareness)
  }

  private close(code: number, reason: string): false {
    this.closed = true
    this.socket.close(code, reason)
    return false
  }

  private dispatch(room: RoomDoc, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case BoardMessage.SYNC:
        this.handleSync(room, decoder)
        return
      case BoardMessage.AWARENESS:
        this.handleAwareness(room, decoding.readVarUint8Array(decoder))
        return
      case BoardMessage.QUERY_AWARENESS:
        this.send(this.encodeAwareness(room, [...room.awareness.getStates().keys()]))
        return
      case BoardMessage.AUTH:
        return
      default:
        throw new Error(`unknown board message type ${type}`)
    }
  }

  private handleSync(room: RoomDoc, decoder: decoding.Decoder): void {
    const kind = decoding.readVarUint(decoder)
    if (kind === syncProtocol.messageYjsSyncStep1) {
      const reply = encoding.createEncoder()
      encoding.writeVarUint(reply, BoardMessage.SYNC)
      syncProtocol.writeSyncStep2(reply, room.doc, decoding.readVarUint8Array(decoder))
      this.send(encoding.toUint8Array(reply))
      return
    }
    if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) {
      throw new Error(`unknown sync message ${kind}`)
    }
    const update = decoding.readVarUint8Array(decoder)
    if (!this.canWrite || room.frozen) {
      // Log the first drop and then every 100th: an observer's idle client sends an empty step 2 on
      // every connect, and a modified client could send thousands.
      if (this.droppedWrites++ % 100 === 0) this.log.info({ dropped: this.droppedWrites, bytes: update.byteLength }, 'read-only board write dropped')
      return
    }
    const verdict = checkBoardUpdate(room.doc, update, this.limits, this.identity.participantId)
    if (!verdict.ok) {
      // Not stored, not relayed. The client starts over from the server's state; its later updates
      // would build on this one, so the socket must not carry them.
      this.log.warn({ reason: verdict.reason, detail: verdict.detail, bytes: update.byteLength }, 'board update refused')
      this.close(BoardCloseCode.CHANGE_REFUSED, verdict.reason)
      return
    }
    room.applyUpdate(update, this)
  }

  private handleAwareness(room: RoomDoc, update: Uint8Array): void {
    const { update: own, dropped } = this.awarenessGuard.filter(room.awareness, update)
    if (dropped.length > 0 && this.droppedPresence++ % DROP_LOG_EVERY === 0) {
      this.log.info({ dropped: this.droppedPresence, why: [...new Set(dropped)] }, 'board awareness dropped')
    }
    if (own) awarenessProtocol.applyAwarenessUpdate(room.awareness, own, this)
  }

  private encodeAwareness(room: RoomDoc, clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, BoardMessage.AWARENESS)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, clients))
    return encoding.toUint8Array(encoder)
  }

  /** Two token buckets refilled together: messages per second, and bytes per second. */
  private takeToken(bytes: number): boolean {
    const now = performance.now()
    const seconds = (now - this.tokensRefilledAt) / 1000
    this.tokens = Math.min(RATE_LIMIT_BURST, this.tokens + seconds * RATE_LIMIT_PER_SECOND)
    this.bytes = Math.min(this.byteBurst, this.bytes + seconds * this.limits.maxBytesPerSecond)
    this.tokensRefilledAt = now
    if (this.tokens < 1 || this.bytes < bytes) return false
    this.tokens -= 1
    this.bytes -= bytes
    return true
  }
}
