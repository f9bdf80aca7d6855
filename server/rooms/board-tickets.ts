import { createHash, randomBytes } from 'node:crypto'
import type { Role } from '../../shared/roles.ts'
import type { ParticipantIdentity } from './identity.ts'

export interface TicketGrant extends ParticipantIdentity {
  roomId: string
  role: Role
}

/** Past this many live tickets, expired ones are swept on the next issue. */
const SWEEP_ABOVE = 1_000

/**
 * Short-lived, single-use board tickets. They live in memory: a restart invalidates them, and the
 * client simply takes a new one before it reconnects. Only a hash is kept, like invite tokens.
 */
export class BoardTickets {
  private readonly grants = new Map<string, TicketGrant & { expiresAt: number }>()
  private readonly ttlMs: number

  constructor(ttlMs: number) {
    this.ttlMs = ttlMs
  }

  issue(grant: TicketGrant, now: number): { ticket: string; expiresAt: number } {
    if (this.grants.size >= SWEEP_ABOVE) this.sweep(now)
    const ticket = randomBytes(32).toString('base64url')
    const expiresAt = now + this.ttlMs
    this.grants.set(hashTicket(ticket), { ...grant, expiresAt })
    return { ticket, expiresAt }
  }

  /** Spends a ticket: the grant, or why there is none. A ticket works once, even when it is refused for being late. */
  take(ticket: string, now: number): { ok: true; grant: TicketGrant } | { ok: false; reason: 'unknown ticket' | 'expired ticket' } {
    const key = hashTicket(ticket)
    const entry = this.grants.get(key)
    if (!entry) return { ok: false, reason: 'unknown ticket' }
    this.grants.delete(key)
    if (entry.expiresAt <= now) return { ok: false, reason: 'expired ticket' }
    const { expiresAt: _expiresAt, ...grant } = entry
    return { ok: true, grant }
  }

  get size(): number {
    return this.grants.size
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.grants) if (entry.expiresAt <= now) this.grants.delete(key)
  }
}

function hashTicket(ticket: string): string {
  return createHash('sha256').update(ticket).digest('base64url')
}
