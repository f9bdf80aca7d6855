import { createTLSchema } from '@tldraw/tlschema'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Awareness } from 'y-protocols/awareness'
import { MAX_PRESENCE_STATE_BYTES, PRESENCE_MAX_HZ } from '../../shared/board.ts'
import type { Role } from '../../shared/roles.ts'

/** Who is on the other end of a board connection, as the server knows it (never as the client says). */
export interface BoardIdentity {
  participantId: string
  name: string
  role: Role
}

/** A connection normally publishes one awareness client (its Y.Doc's); two leaves room for a reload racing a close. */
const MAX_CLIENTS_PER_CONNECTION = 2
/** Presence is throttled to PRESENCE_MAX_HZ by our client; half as much again absorbs timer jitter and bursts. */
const PRESENCE_RATE_PER_SECOND = PRESENCE_MAX_HZ * 1.5
const PRESENCE_BURST = PRESENCE_MAX_HZ

const presenceValidator = (createTLSchema().types as unknown as Record<string, { validate(record: unknown): unknown }>).instance_presence!

/** Which connection introduced each awareness client id of a room, shared by the room's connections. */
const owners = new WeakMap<Awareness, Map<number, AwarenessGuard>>()

export type AwarenessDrop = 'not-own-client' | 'too-many-clients' | 'too-large' | 'too-fast' | 'invalid'

/**
 * Keeps one connection's awareness to its own identity. It may set, change and remove only the
 * client ids it introduced; its presence carries the name, user id and role the server knows; a
 * state over MAX_PRESENCE_STATE_BYTES, a presence tldraw's schema rejects, or updates faster than
 * the presence rate are dropped. What remains is re-encoded and applied to the room's awareness.
 */
export class AwarenessGuard {
  readonly clientIds: Set<number>
  private readonly identity: BoardIdentity
  private tokens = PRESENCE_BURST
  private refilledAt = performance.now()

  constructor(identity: BoardIdentity, clientIds: Set<number>) {
    this.identity = identity
    this.clientIds = clientIds
  }

  /** The update to apply to `awareness` (undefined when nothing is left), and what was dropped. */
  filter(awareness: Awareness, update: Uint8Array): { update: Uint8Array | undefined; dropped: AwarenessDrop[] } {
    const dropped: AwarenessDrop[] = []
    if (!this.takeToken()) return { update: undefined, dropped: ['too-fast'] }
    const decoder = decoding.createDecoder(update)
    const kept: [number, number, string][] = []
    const count = decoding.readVarUint(decoder)
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const json = decoding.readVarString(decoder)
      // y-websocket clients echo every change they receive back to the server: an entry the room
      // already has at this clock or later is that echo, and is skipped without a word.
      if (!this.clientIds.has(clientId) && clock <= (awareness.meta.get(clientId)?.clock ?? -1)) continue
      // A removal counts only for an id this connection already holds; it never claims one.
      const problem =
        json === 'null' && !this.clientIds.has(clientId)
          ? 'not-own-client'
          : (this.claim(awareness, clientId) ?? (Buffer.byteLength(json) > MAX_PRESENCE_STATE_BYTES ? 'too-large' : undefined))
      const state = problem ? undefined : this.ownState(json)
      if (problem || state === undefined) dropped.push(problem ?? 'invalid')
      else kept.push([clientId, clock, state])
    }
    return { update: kept.length > 0 ? encodeEntries(kept) : undefined, dropped }
  }

  /** Forgets this connection's client ids (it closed). */
  release(awareness: Awareness): void {
    const room = owners.get(awareness)
    for (const id of this.clientIds) if (room?.get(id) === this) room.delete(id)
  }

  private claim(awareness: Awareness, clientId: number): AwarenessDrop | undefined {
    if (this.clientIds.has(clientId)) return undefined
    if (clientId === awareness.clientID) return 'not-own-client'
    let room = owners.get(awareness)
    if (!room) {
      room = new Map()
      owners.set(awareness, room)
    }
    const owner = room.get(clientId)
    // The same person reconnecting may take its client id over from a socket not yet known to be dead.
    if (owner && owner.identity.participantId !== this.identity.participantId) return 'not-own-client'
    if (this.clientIds.size >= MAX_CLIENTS_PER_CONNECTION) return 'too-many-clients'
    owner?.clientIds.delete(clientId)
    room.set(clientId, this)
    this.clientIds.add(clientId)
    return undefined
  }

  /** The state as others will see it: only `presence`, carrying our identity; undefined when invalid. */
  private ownState(json: string): string | undefined {
    let state: unknown
    try {
      state = JSON.parse(json)
    } catch {
      return undefined
    }
    if (state === null) return 'null'
    if (typeof state !== 'object' || Array.isArray(state)) return undefined
    const presence = (state as { presence?: unknown }).presence
    if (presence === undefined || presence === null) return '{}'
    if (typeof presence !== 'object' || Array.isArray(presence)) return undefined
    const meta = (presence as { meta?: unknown }).meta
    const own = {
      ...presence,
      userId: `user:${this.identity.participantId}`,
      userName: this.identity.name,
      meta: { ...(typeof meta === 'object' && meta !== null && !Array.isArray(meta) ? meta : {}), role: this.identity.role },
    }
    try {
      presenceValidator.validate(own)
    } catch {
      return undefined
    }
    return JSON.stringify({ presence: own })
  }

  private takeToken(): boolean {
    const now = performance.now()
    this.tokens = Math.min(PRESENCE_BURST, this.tokens + ((now - this.refilledAt) / 1000) * PRESENCE_RATE_PER_SECOND)
    this.refilledAt = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}

function encodeEntries(entries: [number, number, string][]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, state)
  }
  return encoding.toUint8Array(encoder)
}
