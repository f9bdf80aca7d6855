import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import type { WebSocket } from 'ws'
import { BoardMessage } from '../../shared/board.ts'
import { BoardCloseCode } from '../../shared/errors.ts'
import type { Role } from '../../shared/roles.ts'
import type { Logger } from '../log.ts'
import type { BoardPeer, RoomDoc } from './room-doc.ts'

/** A socket whose unsent buffer grows past this cannot keep up; it is closed and resyncs on reconnect. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024
/** Token bucket per connection: a drag sends ~60 updates/s plus awareness at 30 Hz, so 300/s is generous. */
const RATE_LIMIT_PER_SECOND = 300
const RATE_LIMIT_BURST = 600

/** Who is on the other end of a board connection, as the server knows it (from the board ticket). */
export interface BoardIdentity {
  participantId: string
  name: string
  role: Role
}

/**
 * The server side of one y-websocket connection. It speaks the sync and awareness protocols and
 * enforces what the token allows: a read-only peer's document writes are dropped, not applied.
 */
export class BoardConnection implements BoardPeer {
  readonly awarenessClientIds = new Set<number>()
  private readonly socket: WebSocket
  private readonly canWrite: boolean
  private readonly log: Logger
  private room: RoomDoc | undefined
  private tokens = RATE_LIMIT_BURST
  private tokensRefilledAt = performance.now()
  private droppedWrites = 0

  readonly identity: BoardIdentity

  constructor(socket: WebSocket, identity: BoardIdentity, canWrite: boolean, log: Logger) {
    this.socket = socket
    this.identity = identity
    this.canWrite = canWrite
    this.log = log.child({ role: identity.role })
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

  /** Handles one inbound frame; returns false when the socket was closed for it. */
  handleFrame(data: Uint8Array): boolean {
    if (!this.takeToken()) {
      this.log.warn('board socket rate limited, closing')
      this.socket.close(BoardCloseCode.RATE_LIMITED, 'rate limited')
      return false
    }
    const room = this.room
    if (!room) return true
    try {
      this.dispatch(room, data)
      return true
    } catch (error) {
      this.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'board frame rejected')
      this.socket.close(BoardCloseCode.PROTOCOL_ERROR, 'protocol error')
      return false
    }
  }

  private dispatch(room: RoomDoc, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case BoardMessage.SYNC:
        return this.handleSync(room, decoder)
      case BoardMessage.AWARENESS:
        awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), this)
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
    room.applyUpdate(update, this)
  }

  private encodeAwareness(room: RoomDoc, clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, BoardMessage.AWARENESS)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, clients))
    return encoding.toUint8Array(encoder)
  }

  private takeToken(): boolean {
    const now = performance.now()
    this.tokens = Math.min(RATE_LIMIT_BURST, this.tokens + ((now - this.tokensRefilledAt) / 1000) * RATE_LIMIT_PER_SECOND)
    this.tokensRefilledAt = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
