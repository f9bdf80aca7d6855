import { NO_CREDENTIAL, type Principal, type Role } from '../../shared/roles.ts'
import { AppError } from '../errors.ts'
import { ErrorCode } from '../../shared/errors.ts'

/**
 * Everything a caller can present, tagged by kind. The team-accounts feature adds its own kinds
 * here (a member's session cookie, an API token) and one branch in `authenticate`; nothing else
 * changes, because every transport already goes through that one function.
 */
export type Credential = { kind: 'invite-token'; token: string } | { kind: 'board-ticket'; ticket: string }
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
}

export interface ParticipantCaller extends GuestCaller {
  participant: ParticipantIdentity
}

export type Caller = AnonymousCaller | GuestCaller

export const ANONYMOUS: AnonymousCaller = { who: NO_CREDENTIAL }

/** The row of the permission table this caller reads. */
export function principalOf(caller: Caller): Principal {
  return caller.who === 'guest' ? caller.role : NO_CREDENTIAL
}

/**
 * The one refusal every credential problem gets, on every transport: an unknown token, a
 * malformed one, another room's, an expired or spent ticket. The caller learns nothing about
 * which; the server log says why.
 */
export const CREDENTIAL_REFUSED_MESSAGE = 'This link is not valid or has expired.'
export const credentialRefused = () => new AppError(ErrorCode.UNAUTHORIZED, 401, CREDENTIAL_REFUSED_MESSAGE)
