import type { Request } from 'express'
import { can, type Action } from '../../shared/roles.ts'
import { ErrorCode } from '../../shared/errors.ts'
import { AppError, forbidden } from '../errors.ts'
import type { IdentityDoor } from '../rooms/authenticate.ts'
import { principalOf, type Caller, type MemberCaller } from '../rooms/identity.ts'

export const SIGN_IN_REQUIRED_MESSAGE = 'Sign in to do that.'
export const signInRequired = () => new AppError(ErrorCode.UNAUTHORIZED, 401, SIGN_IN_REQUIRED_MESSAGE)

/**
 * The guard of every member-only route: a member (cookie or personal token) whom the permission
 * table allows `action`. No credential → 401 (sign in); an invite link → 403 (it opens its own
 * session only); a member without the right (an admin action) → 403. A bad credential has
 * already been refused by the door with its uniform 401.
 */
export function requireMember(door: IdentityDoor, req: Request, action?: Action): MemberCaller {
  return requireMemberCaller(door.authenticateRequest(req), action)
}

/** `requireMember` for an already authenticated caller (e.g. one a route resolved for other checks). */
export function requireMemberCaller(caller: Caller, action?: Action): MemberCaller {
  if (caller.who === 'anonymous') throw signInRequired()
  if (caller.who === 'guest') throw forbidden('An invite link opens its own session only; sign in as a member of the team to do that.')
  if (action && !can(principalOf(caller), action))
    throw forbidden(action === 'members:manage' || action === 'team:backup' ? 'Only an admin may do that.' : undefined)
  return caller
}

/** An admin (cookie or personal token). */
export function requireAdmin(door: IdentityDoor, req: Request): MemberCaller {
  return requireMember(door, req, 'members:manage')
}

/** `can` for any caller: the one lookup in the permission table. */
export function callerCan(caller: Caller, action: Action): boolean {
  return can(principalOf(caller), action)
}
