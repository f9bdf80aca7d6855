import { NO_CREDENTIAL, type MemberRole, type Principal, type Role } from '../../shared/roles.ts'
import { AppError } from '../errors.ts'
import { ErrorCode } from '../../shared/errors.ts'

/**
 * Everything a caller can present, tagged by kind: an invite link's token, a board ticket, a
 * member's session (the cookie, already read by express-session: what reaches the door is the
 * member id the session holds) or a member's personal API token (`Bearer mbp_…`).
 */
export type Credential =
  | { kind: 'invite-token'; token: string }
  | { kind: 'board-ticket'; ticket: string }
  | { kind: 'member-session'; memberId: string; passwordChangedAt: number }
  | { kind: 'personal-token'; token: string }
export type CredentialKind = Credential['kind']

/** A person in a room, as the server knows them (never as a client claims). */
export interface ParticipantIdentity {
  participantId: string
  name: string
}

/** Someone who presented no credential. */
export interface AnonymousCaller {
  who: typeof NO_CREDENTIAL
}

/**
 * A guest: an invite link's holder, one role in one room. `participant` is known once they have
 * entered the room with a browser key (the Socket.IO handshake, a board ticket), null for a bare
 * REST call with the invite token. `rateKey` names the caller for per-caller caps.
 */
export interface GuestCaller {
  who: 'guest'
  roomId: string
  role: Role
  participant: ParticipantIdentity | null
  rateKey: string
  /**
   * The member signed in in the same browser (their session cookie came with the invite token),
   * or null. It grants nothing in the room — the invite decides that — it only links the
   * participant to the member ("my sessions").
   */
  member: MemberIdentity | null
}

/** A member of the team as the server knows them, looked up afresh on every request. */
export interface MemberIdentity {
  memberId: string
  login: string
  displayName: string
  role: MemberRole
}

/** A signed-in member (`via: 'session'`, the cookie) or a script with their personal token (`via: 'token'`). */
export interface MemberCaller {
  who: 'member'
  member: MemberIdentity
  via: 'session' | 'token'
  rateKey: string
}

export interface ParticipantCaller extends GuestCaller {
  participant: ParticipantIdentity
}

export type Caller = AnonymousCaller | GuestCaller | MemberCaller

export const ANONYMOUS: AnonymousCaller = { who: NO_CREDENTIAL }

/** The row of the permission table this caller reads. */
export function principalOf(caller: Caller): Principal {
  if (caller.who === 'member') return caller.member.role
  return caller.who === 'guest' ? caller.role : NO_CREDENTIAL
}

/**
 * The one refusal every credential problem gets, on every transport: an unknown token, a
 * malformed one, another room's, an expired or spent ticket. The caller learns nothing about
 * which; the server log says why.
 */
export const CREDENTIAL_REFUSED_MESSAGE = 'This link is not valid or has expired.'
export const credentialRefused = () => new AppError(ErrorCode.UNAUTHORIZED, 401, CREDENTIAL_REFUSED_MESSAGE)
