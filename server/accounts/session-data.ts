import type {} from 'express-session'

/** What Mockboard keeps (csrf-sync adds `csrfToken`, the session's synchroniser token) in an express-session session. Nothing is put there before sign-in. */
declare module 'express-session' {
  interface SessionData {
    /** The signed-in member; the identity door looks them up afresh on every request. */
    memberId: string
    signedInAt: number
    /**
     * The member's `passwordChangedAt` when this session signed in: a password change or reset
     * elsewhere ends it even if a request in flight writes the session back after it was deleted.
     */
    passwordChangedAt: number
  }
}
