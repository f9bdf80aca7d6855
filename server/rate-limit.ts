import type { Config } from './config.ts'

export interface RateLimit {
  /** How many may come at once. */
  burst: number
  /** How many more are allowed per minute once the burst is spent. */
  perMinute: number
}

/** Past this many callers, buckets that have refilled completely are forgotten (they carry no state). */
const PRUNE_ABOVE_KEYS = 10_000

/**
 * A token bucket per caller key (a participant id, an invite's hash). In memory on purpose: a
 * restart forgives everyone, which is harmless, and the room-affinity plan keeps a room's
 * participants on one node.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private readonly limit: RateLimit
  private readonly now: () => number

  constructor(limit: RateLimit, now: () => number = () => performance.now()) {
    this.limit = limit
    this.now = now
  }

  /** Spends one token of `key`; false (and nothing spent) when it has none left. */
  take(key: string): boolean {
    const bucket = this.refill(key)
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }

  /** How long until `key` may try again, rounded up to whole seconds (for Retry-After and messages). */
  retryAfterSeconds(key: string): number {
    const missing = 1 - this.refill(key).tokens
    return missing <= 0 ? 0 : Math.ceil((missing * 60) / this.limit.perMinute)
  }

  private refill(key: string): { tokens: number; at: number } {
    const now = this.now()
    let bucket = this.buckets.get(key)
    if (!bucket) {
      if (this.buckets.size >= PRUNE_ABOVE_KEYS) this.prune(now)
      bucket = { tokens: this.limit.burst, at: now }
      this.buckets.set(key, bucket)
    }
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) / 60_000) * this.limit.perMinute)
    bucket.at = now
    return bucket
  }

  private prune(now: number): void {
    const fullAfterMs = (this.limit.burst * 60_000) / this.limit.perMinute
    for (const [key, bucket] of this.buckets) if (now - bucket.at >= fullAfterMs) this.buckets.delete(key)
  }
}

/** The per-caller caps of the whole server, numbers from config (README, "Configuration"). */
export interface CallerLimits {
  chat: RateLimiter
  rename: RateLimiter
  /** List/history requests on the socket and REST reads of the session and of board tickets. */
  read: RateLimiter
}

export function createCallerLimits(config: Config): CallerLimits {
  return {
    chat: new RateLimiter({ burst: config.CHAT_RATE_BURST, perMinute: config.CHAT_RATE_PER_MINUTE }),
    rename: new RateLimiter({ burst: config.RENAME_RATE_BURST, perMinute: config.RENAME_RATE_PER_MINUTE }),
    read: new RateLimiter({ burst: config.READ_RATE_BURST, perMinute: config.READ_RATE_PER_MINUTE }),
  }
}
