import { and, desc, eq, gt, isNull } from 'drizzle-orm'
import type { MemberInvite, PersonalTokenItem } from '../../shared/accounts.ts'
import type { MemberRole } from '../../shared/roles.ts'
import type { Db } from '../db/connection.ts'
import { memberInvites, passwordResets, personalTokens, teamSettings } from '../db/schema/index.ts'
import { generateId } from '../rooms/invite-tokens.ts'
import { generateLinkToken, generatePersonalToken, hashSecret, tokenHint } from './account-tokens.ts'

type InviteRow = typeof memberInvites.$inferSelect

export function inviteState(row: InviteRow, now: number): MemberInvite['state'] {
  if (row.usedAt !== null) return 'used'
  if (row.revokedAt !== null) return 'revoked'
  return row.expiresAt <= now ? 'expired' : 'open'
}

export function toInvite(row: InviteRow, now: number): MemberInvite {
  return { inviteId: row.id, role: row.role, note: row.note, createdAt: row.createdAt, expiresAt: row.expiresAt, state: inviteState(row, now) }
}

export function insertMemberInvite(db: Db, input: { role: MemberRole; note: string; createdBy: string; ttlMs: number }, now: number) {
  const token = generateLinkToken()
  const row = db
    .insert(memberInvites)
    .values({
      id: generateId(),
      tokenHash: hashSecret(token),
      role: input.role,
      note: input.note,
      createdBy: input.createdBy,
      createdAt: now,
      expiresAt: now + input.ttlMs,
    })
    .returning()
    .get()
  return { row, token }
}

export function listMemberInvites(db: Db): InviteRow[] {
  return db.select().from(memberInvites).orderBy(desc(memberInvites.createdAt)).all()
}

/** An open invite by its token: unused, unrevoked, unexpired. */
export function findOpenInvite(db: Db, token: string, now: number): InviteRow | undefined {
  return db
    .select()
    .from(memberInvites)
    .where(and(eq(memberInvites.tokenHash, hashSecret(token)), isNull(memberInvites.usedAt), isNull(memberInvites.revokedAt), gt(memberInvites.expiresAt, now)))
    .get()
}

/** Spends the invite; false when another sign-up spent it first (the UPDATE matches no open row). */
export function spendInvite(db: Db, inviteId: string, memberId: string, now: number): boolean {
  const result = db
    .update(memberInvites)
    .set({ usedAt: now, usedBy: memberId })
    .where(and(eq(memberInvites.id, inviteId), isNull(memberInvites.usedAt), isNull(memberInvites.revokedAt), gt(memberInvites.expiresAt, now)))
    .run()
  return result.changes === 1
}

export function revokeMemberInvite(db: Db, inviteId: string, now: number): boolean {
  return (
    db
      .update(memberInvites)
      .set({ revokedAt: now })
      .where(and(eq(memberInvites.id, inviteId), isNull(memberInvites.usedAt)))
      .run().changes === 1
  )
}

export function insertPasswordReset(db: Db, memberId: string, ttlMs: number, now: number): { token: string; expiresAt: number } {
  const token = generateLinkToken()
  // A new link replaces any older one still open: only the latest reset link works.
  db.update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.memberId, memberId), isNull(passwordResets.usedAt)))
    .run()
  db.insert(passwordResets)
    .values({ tokenHash: hashSecret(token), memberId, createdAt: now, expiresAt: now + ttlMs })
    .run()
  return { token, expiresAt: now + ttlMs }
}

export function findOpenReset(db: Db, token: string, now: number) {
  return db
    .select()
    .from(passwordResets)
    .where(and(eq(passwordResets.tokenHash, hashSecret(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .get()
}

export function spendReset(db: Db, tokenHash: string, now: number): boolean {
  return (
    db
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt)))
      .run().changes === 1
  )
}

export function insertPersonalToken(db: Db, memberId: string, name: string, now: number) {
  const token = generatePersonalToken()
  const row = db
    .insert(personalTokens)
    .values({ id: generateId(), memberId, name, tokenHash: hashSecret(token), hint: tokenHint(token), createdAt: now })
    .returning()
    .get()
  return { item: toTokenItem(row), token }
}

export function listPersonalTokens(db: Db, memberId: string): PersonalTokenItem[] {
  return db
    .select()
    .from(personalTokens)
    .where(and(eq(personalTokens.memberId, memberId), isNull(personalTokens.revokedAt)))
    .orderBy(desc(personalTokens.createdAt))
    .all()
    .map(toTokenItem)
}

export function revokePersonalToken(db: Db, memberId: string, tokenId: string, now: number): boolean {
  return (
    db
      .update(personalTokens)
      .set({ revokedAt: now })
      .where(and(eq(personalTokens.id, tokenId), eq(personalTokens.memberId, memberId), isNull(personalTokens.revokedAt)))
      .run().changes === 1
  )
}

function toTokenItem(row: typeof personalTokens.$inferSelect): PersonalTokenItem {
  return { tokenId: row.id, name: row.name, hint: row.hint, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt }
}

export function readTeamSettings(db: Db): { selfSignUp: boolean; joinCodeHash: string | null } {
  const row = db.select().from(teamSettings).where(eq(teamSettings.id, 1)).get()
  return { selfSignUp: row?.selfSignUp ?? false, joinCodeHash: row?.joinCodeHash ?? null }
}

export function writeTeamSettings(db: Db, settings: { selfSignUp: boolean; joinCodeHash: string | null }, now: number): void {
  db.insert(teamSettings)
    .values({ id: 1, ...settings, updatedAt: now })
    .onConflictDoUpdate({ target: teamSettings.id, set: { ...settings, updatedAt: now } })
    .run()
}
