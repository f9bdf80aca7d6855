import { Router } from 'express'
import { desc } from 'drizzle-orm'
import {
  AdminResetBodySchema,
  CreateMemberInviteBodySchema,
  TeamSettingsBodySchema,
  UpdateMemberBodySchema,
  type AdminResetResponse,
  type CreatedMemberInvite,
  type MemberListItem,
  type TeamSettings,
} from '../../shared/accounts.ts'
import { ErrorCode } from '../../shared/errors.ts'
import type { Config } from '../config.ts'
import type { Db } from '../db/connection.ts'
import { members } from '../db/schema/index.ts'
import { notFound } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { IdentityDoor } from '../rooms/authenticate.ts'
import { generateJoinCode, hashSecret } from './account-tokens.ts'
import type { AccountsService } from './accounts-service.ts'
import { parseBody } from './auth-router.ts'
import { requireAdmin } from './guards.ts'
import { findMember, type MemberRow } from './member-store.ts'
import { insertMemberInvite, insertPasswordReset, listMemberInvites, readTeamSettings, revokeMemberInvite, toInvite, writeTeamSettings } from './team-store.ts'

export interface MembersRouterDeps {
  db: Db
  log: Logger
  door: IdentityDoor
  accounts: AccountsService
  config: Pick<Config, 'MEMBER_INVITE_TTL_MS' | 'PASSWORD_RESET_TTL_MS'>
  publicUrl: () => string
}

export function toMemberListItem(row: MemberRow): MemberListItem {
  return {
    memberId: row.id,
    login: row.login,
    displayName: row.displayName,
    role: row.role,
    active: row.deactivatedAt === null,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
  }
}

export const memberInviteLink = (publicUrl: string, token: string) => `${publicUrl}/sign-up#invite=${token}`
export const passwordResetLink = (publicUrl: string, token: string) => `${publicUrl}/reset#token=${token}`

/** Mounted at /api/members: the admin's page. Every route is admin only. */
export function createMembersRouter(deps: MembersRouterDeps): Router {
  const router = Router()
  const log = deps.log.child({ feature: 'accounts' })
  const memberOr404 = (memberId: string) =>
    findMember(deps.db, memberId) ??
    (() => {
      throw notFound(ErrorCode.NOT_FOUND, 'There is no such member.')
    })()

  router.get('/', (req, res) => {
    requireAdmin(deps.door, req)
    res.json({ items: deps.db.select().from(members).orderBy(desc(members.createdAt)).all().map(toMemberListItem) })
  })

  router.get('/invites', (req, res) => {
    requireAdmin(deps.door, req)
    const now = Date.now()
    res.json({ items: listMemberInvites(deps.db).map((row) => toInvite(row, now)) })
  })

  router.post('/invites', (req, res) => {
    const admin = requireAdmin(deps.door, req)
    const { role, note } = parseBody(CreateMemberInviteBodySchema, req.body)
    const now = Date.now()
    const { row, token } = insertMemberInvite(deps.db, { role, note, createdBy: admin.member.memberId, ttlMs: deps.config.MEMBER_INVITE_TTL_MS }, now)
    log.info({ inviteId: row.id, role, by: admin.member.memberId }, 'member invite created')
    const body: CreatedMemberInvite = { ...toInvite(row, now), link: memberInviteLink(deps.publicUrl(), token) }
    res.status(201).set('Cache-Control', 'no-store').json(body)
  })

  router.delete('/invites/:inviteId', (req, res) => {
    requireAdmin(deps.door, req)
    if (!revokeMemberInvite(deps.db, String(req.params.inviteId), Date.now())) throw notFound(ErrorCode.NOT_FOUND, 'There is no open invite with that id.')
    res.status(204).end()
  })

  router.get('/settings', (req, res) => {
    requireAdmin(deps.door, req)
    const settings = readTeamSettings(deps.db)
    const body: TeamSettings = { selfSignUp: settings.selfSignUp, hasJoinCode: settings.joinCodeHash !== null }
    res.json(body)
  })

  router.put('/settings', (req, res) => {
    const admin = requireAdmin(deps.door, req)
    const { selfSignUp, rotateJoinCode } = parseBody(TeamSettingsBodySchema, req.body)
    const current = readTeamSettings(deps.db)
    // Turning self-sign-up on the first time makes a code; after that only when asked (the old one stops working).
    const joinCode = rotateJoinCode || (selfSignUp && current.joinCodeHash === null) ? generateJoinCode() : undefined
    const joinCodeHash = joinCode ? hashSecret(joinCode) : current.joinCodeHash
    writeTeamSettings(deps.db, { selfSignUp, joinCodeHash }, Date.now())
    log.info({ selfSignUp, rotated: joinCode !== undefined, by: admin.member.memberId }, 'team settings changed')
    const body: TeamSettings = { selfSignUp, hasJoinCode: joinCodeHash !== null, ...(joinCode ? { joinCode } : {}) }
    res.set('Cache-Control', 'no-store').json(body)
  })

  router.patch('/:memberId', (req, res) => {
    const admin = requireAdmin(deps.door, req)
    const update = parseBody(UpdateMemberBodySchema, req.body)
    let row = memberOr404(String(req.params.memberId))
    if (update.role !== undefined && update.role !== row.role) row = deps.accounts.setRole(row.id, update.role)
    if (update.active !== undefined && update.active !== (row.deactivatedAt === null)) row = deps.accounts.setActive(row.id, update.active)
    log.info({ memberId: row.id, by: admin.member.memberId, ...update }, 'member updated')
    res.json(toMemberListItem(row))
  })

  router.post('/:memberId/reset-password', async (req, res) => {
    const admin = requireAdmin(deps.door, req)
    const { temporaryPassword } = parseBody(AdminResetBodySchema, req.body)
    const row = memberOr404(String(req.params.memberId))
    let body: AdminResetResponse = { link: null, expiresAt: null }
    if (temporaryPassword) await deps.accounts.setPassword(row.id, temporaryPassword, 'temporary password set by an admin')
    else {
      const { token, expiresAt } = insertPasswordReset(deps.db, row.id, deps.config.PASSWORD_RESET_TTL_MS, Date.now())
      body = { link: passwordResetLink(deps.publicUrl(), token), expiresAt }
    }
    log.info({ memberId: row.id, by: admin.member.memberId, kind: temporaryPassword ? 'temporary password' : 'link' }, 'password reset issued')
    res.set('Cache-Control', 'no-store').json(body)
  })

  return router
}
