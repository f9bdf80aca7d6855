import type { Request } from 'express'
import '../accounts/session-data.ts'
import { PERSONAL_TOKEN_PREFIX, PersonalTokenSchema } from '../../shared/accounts.ts'
import { BoardTicketSchema, InviteTokenSchema } from '../../shared/api.ts'
import { hashSecret } from '../accounts/account-tokens.ts'
import { findActiveMember, findActiveMemberByTokenHash, toIdentity, touchMember, touchToken } from '../accounts/member-store.ts'
import type { Db } from '../db/connection.ts'
import { roomFull } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { BoardTickets } from './board-tickets.ts'
import {
  ANONYMOUS,
  credentialRefused,
  type Caller,
  type Credential,
  type GuestCaller,
  type MemberCaller,
  type MemberIdentity,
  type ParticipantCaller,
} from './identity.ts'
import { hashInviteToken } from './invite-tokens.ts'
import { countParticipants, findInvite, findParticipantByKey, upsertParticipant } from './room-store.ts'

export interface IdentityDoorDeps {
  db: Db
  log: Logger
  tickets: BoardTickets
  maxParticipantsPerRoom: number
  now?: () => number
}

/** Where a credential must lead: a call under /rooms/:roomId, a board socket at /yjs/:roomId. */
export interface Scope {
  roomId: string
}

/**
 * The one door (STYLE.md §13): every credential on every transport — REST, the Socket.IO
 * handshake, the board upgrade — becomes a `Caller` here, or the one uniform refusal. Handlers
 * receive the caller and never parse a token themselves.
 */
export class IdentityDoor {
  private readonly deps: IdentityDoorDeps
  private readonly log: Logger
  private readonly now: () => number

  constructor(deps: IdentityDoorDeps) {
    this.deps = deps
    this.log = deps.log.child({ feature: 'identity' })
    this.now = deps.now ?? Date.now
  }

  /**
   * Who presents `credential` (null: none). With a scope, the credential must belong to that room,
   * and no credential is refused too. Throws `credentialRefused()` for every failure alike.
   */
  authenticate(credential: Credential | null, scope: Scope): GuestCaller
  authenticate(credential: Credential | null, scope?: Scope): Caller
  authenticate(credential: Credential | null, scope?: Scope): Caller {
    const caller = credential ? this.resolve(credential) : ANONYMOUS
    if (!scope) return caller
    if (caller.who !== 'guest') throw this.refuse(credential, 'no credential')
    if (caller.roomId !== scope.roomId) throw this.refuse(credential, 'credential for another room', { roomId: scope.roomId })
    return caller
  }

  /**
   * The REST form. `Authorization: Bearer mbp_…` is a member's personal token, any other Bearer an
   * invite token; without the header, the member signed in with the session cookie (if any). Any
   * other Authorization header is a credential that fails. With a scope (a room's route) only an
   * invite is accepted, and the signed-in member beside it (if any) is attached for linking.
   */
  authenticateRequest(req: Request, scope: Scope): GuestCaller
  authenticateRequest(req: Request, scope?: Scope): Caller
  authenticateRequest(req: Request, scope?: Scope): Caller {
    const header = req.get('authorization')
    const credential = header === undefined ? sessionCredential(req) : bearerCredential(header)
    const caller = this.authenticate(scope && header === undefined ? null : credential, scope)
    return caller.who === 'guest' ? { ...caller, member: this.sessionMember(req) } : caller
  }

  /**
   * The active member whose session cookie came with this request (REST, or the Socket.IO
   * handshake once express-session has run on it), or null. Never throws: a stale cookie on a
   * guest's request links nobody and refuses nothing.
   */
  sessionMember(req: { session?: { memberId?: string | undefined; passwordChangedAt?: number | undefined } }): MemberIdentity | null {
    const { memberId, passwordChangedAt } = req.session ?? {}
    const row = memberId ? findActiveMember(this.deps.db, memberId) : undefined
    return row && row.passwordChangedAt === passwordChangedAt ? toIdentity(row) : null
  }

  /**
   * Makes a guest a participant of its room: the same browser key in the same role is the same
   * participant (renamed if the name changed). A new participant beyond the room's cap gets
   * ROOM_FULL; a returning one always gets in.
   */
  admit(caller: GuestCaller, visitor: { clientKey: string; name: string }): ParticipantCaller {
    const { db, maxParticipantsPerRoom } = this.deps
    const returning = findParticipantByKey(db, { roomId: caller.roomId, clientKey: visitor.clientKey, role: caller.role })
    if (!returning && countParticipants(db, caller.roomId) >= maxParticipantsPerRoom) {
      this.log.warn({ roomId: caller.roomId, role: caller.role, max: maxParticipantsPerRoom }, 'participant refused: room full')
      throw roomFull(maxParticipantsPerRoom)
    }
    const row = upsertParticipant(
      db,
      { roomId: caller.roomId, clientKey: visitor.clientKey, role: caller.role, name: visitor.name, memberId: caller.member?.memberId },
      this.now(),
    )
    return { ...caller, participant: { participantId: row.id, name: row.name } }
  }

  /** A single-use ticket for one board connection of this participant (the board socket never carries the invite token). */
  issueBoardTicket(caller: ParticipantCaller): { ticket: string; expiresAt: number } {
    return this.deps.tickets.issue({ roomId: caller.roomId, role: caller.role, ...caller.participant }, this.now())
  }

  private resolve(credential: Credential): GuestCaller | MemberCaller {
    switch (credential.kind) {
      case 'member-session': {
        const row = findActiveMember(this.deps.db, credential.memberId)
        if (!row) throw this.refuse(credential, 'session of an unknown or deactivated member')
        if (row.passwordChangedAt !== credential.passwordChangedAt) throw this.refuse(credential, 'session from before a password change')
        touchMember(this.deps.db, row, this.now())
        return { who: 'member', member: toIdentity(row), via: 'session', rateKey: `member:${row.id}` }
      }
      case 'personal-token': {
        const token = PersonalTokenSchema.safeParse(credential.token)
        if (!token.success) throw this.refuse(credential, 'malformed personal token')
        const found = findActiveMemberByTokenHash(this.deps.db, hashSecret(token.data))
        if (!found) throw this.refuse(credential, 'unknown, revoked or deactivated personal token')
        touchMember(this.deps.db, found.member, this.now())
        touchToken(this.deps.db, found, this.now())
        return { who: 'member', member: toIdentity(found.member), via: 'token', rateKey: `member:${found.member.id}` }
      }
      case 'invite-token': {
        const token = InviteTokenSchema.safeParse(credential.token)
        if (!token.success) throw this.refuse(credential, 'malformed invite token')
        const invite = findInvite(this.deps.db, token.data)
        if (!invite) throw this.refuse(credential, 'unknown invite token')
        return {
          who: 'guest',
          roomId: invite.roomId,
          role: invite.role,
          participant: null,
          rateKey: `invite:${hashInviteToken(token.data).slice(0, 24)}`,
          member: null,
        }
      }
      case 'board-ticket': {
        const ticket = BoardTicketSchema.safeParse(credential.ticket)
        if (!ticket.success) throw this.refuse(credential, 'malformed board ticket')
        const taken = this.deps.tickets.take(ticket.data, this.now())
        if (!taken.ok) throw this.refuse(credential, taken.reason)
        const { roomId, role, participantId, name } = taken.grant
        return { who: 'guest', roomId, role, participant: { participantId, name }, rateKey: `participant:${participantId}`, member: null }
      }
    }
  }

  private refuse(credential: Credential | null, reason: string, fields: Record<string, unknown> = {}) {
    // Never the token itself: only what kind it was and why it failed.
    this.log.warn({ ...fields, kind: credential?.kind ?? 'none', reason }, 'credential refused')
    return credentialRefused()
  }
}

/** Anything but `Bearer <token>` is a credential that fails (never "no credential"). The prefix tells a personal token from an invite. */
function bearerCredential(header: string): Credential {
  const token = /^Bearer +(\S+)$/i.exec(header)?.[1] ?? ''
  return token.startsWith(PERSONAL_TOKEN_PREFIX) ? { kind: 'personal-token', token } : { kind: 'invite-token', token }
}

/** The member id a signed-in session holds (express-session has read and verified the cookie); none → no credential. */
function sessionCredential(req: Request): Credential | null {
  const { memberId, passwordChangedAt } = req.session ?? {}
  return memberId ? { kind: 'member-session', memberId, passwordChangedAt: passwordChangedAt ?? 0 } : null
}
