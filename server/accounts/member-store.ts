import { and, count, eq, isNull } from 'drizzle-orm'
import type { MemberRole } from '../../shared/roles.ts'
import type { Db } from '../db/connection.ts'
import { members, memberSessions, personalTokens } from '../db/schema/index.ts'
import { generateId } from '../rooms/invite-tokens.ts'
import type { MemberIdentity } from '../rooms/identity.ts'

export type MemberRow = typeof members.$inferSelect

/** How often a member's "last seen" is written at most: one UPDATE per request would be wasteful. */
const LAST_SEEN_RESOLUTION_MS = 60_000

export function toIdentity(row: MemberRow): MemberIdentity {
  return { memberId: row.id, login: row.login, displayName: row.displayName, role: row.role }
}

export function findMember(db: Db, memberId: string): MemberRow | undefined {
  return db.select().from(members).where(eq(members.id, memberId)).get()
}

export function findMemberByLogin(db: Db, login: string): MemberRow | undefined {
  return db.select().from(members).where(eq(members.login, login.toLowerCase())).get()
}

/** An active member by id; undefined for an unknown or deactivated one. */
export function findActiveMember(db: Db, memberId: string): MemberRow | undefined {
  return db
    .select()
    .from(members)
    .where(and(eq(members.id, memberId), isNull(members.deactivatedAt)))
    .get()
}

/** The active owner of an unrevoked personal token (looked up by the token's SHA-256). */
export function findActiveMemberByTokenHash(db: Db, tokenHash: string): { member: MemberRow; tokenId: string; lastUsedAt: number | null } | undefined {
  const row = db
    .select({ member: members, tokenId: personalTokens.id, lastUsedAt: personalTokens.lastUsedAt })
    .from(personalTokens)
    .innerJoin(members, eq(members.id, personalTokens.memberId))
    .where(and(eq(personalTokens.tokenHash, tokenHash), isNull(personalTokens.revokedAt), isNull(members.deactivatedAt)))
    .get()
  return row
}

export function hasAdmin(db: Db): boolean {
  return (db.select({ n: count() }).from(members).where(eq(members.role, 'admin')).get()?.n ?? 0) > 0
}

export interface NewMember {
  login: string
  displayName: string
  passwordHash: string
  role: MemberRole
}

/** Inserts a member inside the caller's transaction; a taken login is the caller's to check first. */
export function insertMember(db: Db, input: NewMember, now: number): MemberRow {
  return db
    .insert(members)
    .values({ id: generateId(), ...input, login: input.login.toLowerCase(), createdAt: now, passwordChangedAt: now })
    .returning()
    .get()
}

export function touchMember(db: Db, row: { id: string; lastSeenAt: number | null }, now: number): void {
  if (row.lastSeenAt !== null && now - row.lastSeenAt < LAST_SEEN_RESOLUTION_MS) return
  db.update(members).set({ lastSeenAt: now }).where(eq(members.id, row.id)).run()
}

export function touchToken(db: Db, token: { tokenId: string; lastUsedAt: number | null }, now: number): void {
  if (token.lastUsedAt !== null && now - token.lastUsedAt < LAST_SEEN_RESOLUTION_MS) return
  db.update(personalTokens).set({ lastUsedAt: now }).where(eq(personalTokens.id, token.tokenId)).run()
}

/** Ends every session of the member at once (deactivation, a password reset): their next request has no session. */
export function endMemberSessions(db: Db, memberId: string, exceptSidHash?: string): number {
  const rows = db.select({ sidHash: memberSessions.sidHash }).from(memberSessions).where(eq(memberSessions.memberId, memberId)).all()
  const doomed = rows.filter((row) => row.sidHash !== exceptSidHash)
  for (const row of doomed) db.delete(memberSessions).where(eq(memberSessions.sidHash, row.sidHash)).run()
  return doomed.length
}
