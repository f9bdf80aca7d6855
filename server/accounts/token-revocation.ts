import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../db/connection.ts'
import { personalTokens } from '../db/schema/index.ts'

/** Deactivation revokes every token for good: reactivating a member does not bring old tokens back. */
export function revokeAllTokens(db: Db, memberId: string, now: number): void {
  db.update(personalTokens)
    .set({ revokedAt: now })
    .where(and(eq(personalTokens.memberId, memberId), isNull(personalTokens.revokedAt)))
    .run()
}
