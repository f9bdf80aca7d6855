import { eq, lt } from 'drizzle-orm'
import session from 'express-session'
import type { Db } from '../db/connection.ts'
import { memberSessions } from '../db/schema/index.ts'
import { hashSecret } from './account-tokens.ts'

/** Expired rows are swept at most this often, on a write (no timer to stop at shutdown). */
const SWEEP_INTERVAL_MS = 10 * 60_000

type Callback = (error?: unknown) => void

/**
 * express-session's Store over the `member_sessions` table. Rows are keyed by the SHA-256 of the
 * session id, so neither the database nor a backup of it holds a usable session id; the member
 * id is a column so that a deactivation or a reset ends that member's sessions with one DELETE.
 * better-sqlite3 is synchronous, so each method answers before it returns.
 */
export class SqliteSessionStore extends session.Store {
  private readonly db: Db
  private readonly now: () => number
  private lastSweepAt = 0

  constructor(db: Db, now: () => number = Date.now) {
    super()
    this.db = db
    this.now = now
  }

  override get(sid: string, callback: (error: unknown, value?: session.SessionData | null) => void): void {
    try {
      const row = this.db
        .select()
        .from(memberSessions)
        .where(eq(memberSessions.sidHash, hashSecret(sid)))
        .get()
      callback(null, !row || row.expiresAt <= this.now() ? null : (JSON.parse(row.data) as session.SessionData))
    } catch (error) {
      callback(error)
    }
  }

  override set(sid: string, value: session.SessionData, callback?: Callback): void {
    try {
      const row = { sidHash: hashSecret(sid), memberId: value.memberId ?? null, data: JSON.stringify(value), expiresAt: this.expiryOf(value) }
      this.db
        .insert(memberSessions)
        .values(row)
        .onConflictDoUpdate({ target: memberSessions.sidHash, set: { memberId: row.memberId, data: row.data, expiresAt: row.expiresAt } })
        .run()
      this.sweep()
      callback?.()
    } catch (error) {
      callback?.(error)
    }
  }

  override destroy(sid: string, callback?: Callback): void {
    try {
      this.db
        .delete(memberSessions)
        .where(eq(memberSessions.sidHash, hashSecret(sid)))
        .run()
      callback?.()
    } catch (error) {
      callback?.(error)
    }
  }

  /**
   * A rolling session's new expiry. A session that is no longer in the table (ended by a
   * deactivation) stays ended: touch updates, it never inserts.
   */
  override touch(sid: string, value: session.SessionData, callback?: () => void): void {
    try {
      this.db
        .update(memberSessions)
        .set({ expiresAt: this.expiryOf(value) })
        .where(eq(memberSessions.sidHash, hashSecret(sid)))
        .run()
    } finally {
      callback?.()
    }
  }

  private expiryOf(value: session.SessionData): number {
    const expires = value.cookie?.expires
    return expires ? new Date(expires).getTime() : this.now() + 24 * 60 * 60_000
  }

  private sweep(): void {
    const now = this.now()
    if (now - this.lastSweepAt < SWEEP_INTERVAL_MS) return
    this.lastSweepAt = now
    this.db.delete(memberSessions).where(lt(memberSessions.expiresAt, now)).run()
  }
}
