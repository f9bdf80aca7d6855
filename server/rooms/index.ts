/**
 * The rooms feature's door: creating rooms, and who a caller is. Every credential on every
 * transport is turned into a `Caller` by `IdentityDoor.authenticate`; nothing outside this
 * folder reads an invite token or a board ticket.
 */
export { IdentityDoor, type IdentityDoorDeps, type Scope } from './authenticate.ts'
export { BoardTickets } from './board-tickets.ts'
export {
  ANONYMOUS,
  CREDENTIAL_REFUSED_MESSAGE,
  credentialRefused,
  principalOf,
  type AnonymousCaller,
  type Caller,
  type Credential,
  type CredentialKind,
  type GuestCaller,
  type ParticipantCaller,
  type ParticipantIdentity,
} from './identity.ts'
export { Presence } from './presence.ts'
export { createRoomsRouter, type RoomsRouterDeps } from './rooms-router.ts'
export { findRoom, insertRoom, mintInvite, type RoomRow } from './room-store.ts'
