import type { NewAccount } from '../../shared/accounts.ts'
import type { MemberRole } from '../../shared/roles.ts'
import type { Db } from '../db/connection.ts'
import { AppError, conflict, forbidden, notFound } from '../errors.ts'
import { ErrorCode } from '../../shared/errors.ts'
import type { Logger } from '../log.ts'
import { eq } from 'drizzle-orm'
import { members } from '../db/schema/index.ts'
import { hashSecret } from './account-tokens.ts'
import { endMemberSessions, findMember, findMemberByLogin, hasAdmin, insertMember, type MemberRow } from './member-store.ts'
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './passwords.ts'
import { findOpenInvite, findOpenReset, readTeamSettings, spendInvite, spendReset } from './team-store.ts'
import { revokeAllTokens } from './token-revocation.ts'

export const SIGN_IN_REFUSED_MESSAGE = 'That login and password do not match an active account.'
export const signInRefused = () => new AppError(ErrorCode.UNAUTHORIZED, 401, SIGN_IN_REFUSED_MESSAGE)

export interface AccountsServiceDeps {
  db: Db
  log: Logger
  now?: () => number
}

/**
 * What people and operators do with accounts, for the routes and the CLI alike. Passwords are
 * hashed before a transaction opens (argon2 is async); each transaction then re-checks what it
 * depends on, with BEGIN IMMEDIATE, so that two racing requests (or the CLI beside the server)
 * cannot both pass a check.
 */
export class AccountsService {
  private readonly db: Db
  private readonly log: Logger
  private readonly now: () => number

  constructor(deps: AccountsServiceDeps) {
    this.db = deps.db
    this.log = deps.log.child({ feature: 'accounts' })
    this.now = deps.now ?? Date.now
  }

  isSetupRequired(): boolean {
    return !hasAdmin(this.db)
  }

  /** The first admin. Refused (409) once any admin exists, even when two requests race. */
  async setUpFirstAdmin(account: NewAccount): Promise<MemberRow> {
    if (!this.isSetupRequired()) throw setupDone()
    const passwordHash = await hashPassword(account.password)
    const row = this.db.transaction(
      (tx) => {
        if (hasAdmin(tx as unknown as Db)) throw setupDone()
        return insertMember(tx as unknown as Db, { ...account, passwordHash, role: 'admin' }, this.now())
      },
      { behavior: 'immediate' },
    )
    this.log.info({ memberId: row.id }, 'first admin created')
    return row
  }

  /** Creates a member (the CLI, an invite, self-sign-up); a taken login is a 409. */
  async createMember(account: NewAccount & { role: MemberRole }, beforeInsert?: (tx: Db, memberId: () => string) => void): Promise<MemberRow> {
    const passwordHash = await hashPassword(account.password)
    const row = this.db.transaction(
      (tx) => {
        const db = tx as unknown as Db
        if (findMemberByLogin(db, account.login)) throw conflict(`The login "${account.login}" is taken.`)
        const created = insertMember(db, { ...account, passwordHash }, this.now())
        beforeInsert?.(db, () => created.id)
        return created
      },
      { behavior: 'immediate' },
    )
    this.log.info({ memberId: row.id, role: row.role }, 'member created')
    return row
  }

  /** Sign-up through a member invite (single use) or the team's join code (when self-sign-up is on). */
  async signUp(account: NewAccount, proof: { inviteToken?: string | undefined; joinCode?: string | undefined }): Promise<MemberRow> {
    if (proof.inviteToken) {
      const invite = findOpenInvite(this.db, proof.inviteToken, this.now())
      if (!invite) throw linkRefused()
      return this.createMember({ ...account, role: invite.role }, (tx, memberId) => {
        if (!spendInvite(tx, invite.id, memberId(), this.now())) throw linkRefused()
      })
    }
    const settings = readTeamSettings(this.db)
    if (!settings.selfSignUp || !settings.joinCodeHash || !proof.joinCode || hashSecret(proof.joinCode.toLowerCase()) !== settings.joinCodeHash) {
      throw new AppError(ErrorCode.UNAUTHORIZED, 401, 'That join code is not valid, or self-sign-up is off.')
    }
    return this.createMember({ ...account, role: 'member' })
  }

  /** The active member with this login and password, or the one refusal (unknown login, wrong password, deactivated alike). */
  async checkPassword(login: string, password: string): Promise<MemberRow> {
    const row = findMemberByLogin(this.db, login)
    const matches = row ? await verifyPassword(row.passwordHash, password) : await verifyAgainstDecoy(password)
    if (!row || !matches || row.deactivatedAt !== null) throw signInRefused()
    return row
  }

  /** Changes a password; every session of the member ends (the caller keeps its own by signing in again). */
  async setPassword(memberId: string, password: string, reason: string): Promise<MemberRow> {
    const passwordHash = await hashPassword(password)
    const now = Math.max(this.now(), (findMember(this.db, memberId)?.passwordChangedAt ?? 0) + 1)
    const row = this.db.transaction((tx) => {
      const db = tx as unknown as Db
      const updated = db.update(members).set({ passwordHash, passwordChangedAt: now }).where(eq(members.id, memberId)).returning().get()
      if (!updated) throw notFound(ErrorCode.NOT_FOUND, 'There is no such member.')
      endMemberSessions(db, memberId)
      return updated
    })
    this.log.info({ memberId, reason }, 'password changed')
    return row
  }

  async changeOwnPassword(memberId: string, currentPassword: string, newPassword: string): Promise<MemberRow> {
    const row = findMember(this.db, memberId)
    if (!row || !(await verifyPassword(row.passwordHash, currentPassword))) throw forbidden('The current password is not right.')
    return this.setPassword(memberId, newPassword, 'changed by the member')
  }

  /** Spends a one-time reset link and sets the new password. */
  async resetWithLink(resetToken: string, password: string): Promise<MemberRow> {
    const reset = findOpenReset(this.db, resetToken, this.now())
    const member = reset ? findMember(this.db, reset.memberId) : undefined
    if (!reset || !member || member.deactivatedAt !== null || !spendReset(this.db, reset.tokenHash, this.now())) throw linkRefused()
    return this.setPassword(member.id, password, 'reset link')
  }

  /** Deactivates (sessions and tokens end at once) or reactivates a member. The last active admin stays. */
  setActive(memberId: string, active: boolean): MemberRow {
    const row = this.db.transaction(
      (tx) => {
        const db = tx as unknown as Db
        const member = findMember(db, memberId)
        if (!member) throw notFound(ErrorCode.NOT_FOUND, 'There is no such member.')
        if (!active && member.role === 'admin') requireAnotherActiveAdmin(db, memberId)
        const updated = db
          .update(members)
          .set({ deactivatedAt: active ? null : this.now() })
          .where(eq(members.id, memberId))
          .returning()
          .get()!
        if (!active) {
          endMemberSessions(db, memberId)
          revokeAllTokens(db, memberId, this.now())
        }
        return updated
      },
      { behavior: 'immediate' },
    )
    this.log.info({ memberId }, active ? 'member reactivated' : 'member deactivated')
    return row
  }

  setRole(memberId: string, role: MemberRole): MemberRow {
    const row = this.db.transaction(
      (tx) => {
        const db = tx as unknown as Db
        const member = findMember(db, memberId)
        if (!member) throw notFound(ErrorCode.NOT_FOUND, 'There is no such member.')
        if (member.role === 'admin' && role !== 'admin') requireAnotherActiveAdmin(db, memberId)
        return db.update(members).set({ role }).where(eq(members.id, memberId)).returning().get()!
      },
      { behavior: 'immediate' },
    )
    this.log.info({ memberId, role }, 'member role changed')
    return row
  }
}

function requireAnotherActiveAdmin(db: Db, memberId: string): void {
  const others = db
    .select({ id: members.id, deactivatedAt: members.deactivatedAt })
    .from(members)
    .where(eq(members.role, 'admin'))
    .all()
    .filter((admin) => admin.id !== memberId && admin.deactivatedAt === null)
  if (others.length === 0) throw conflict('The team needs at least one active admin: make another member admin first.')
}

const setupDone = () => conflict('The admin account exists already: sign in instead.')
const linkRefused = () => new AppError(ErrorCode.UNAUTHORIZED, 401, 'This link is not valid, has been used or has expired.')
