import { createHash, randomBytes } from 'node:crypto'
import { PERSONAL_TOKEN_PREFIX } from '../../shared/accounts.ts'

/**
 * Personal API tokens, invite and reset links: 32 random bytes, URL-safe. Only the SHA-256 is
 * stored (a fast hash is right here: the token has 256 bits of entropy, nothing to brute-force),
 * so a copy of the database signs nobody in.
 */
export function generatePersonalToken(): string {
  return `${PERSONAL_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`
}

export function generateLinkToken(): string {
  return randomBytes(32).toString('base64url')
}

/** A join code people type: 4 groups of 4 letters and digits without look-alikes (0/O, 1/l/I). */
export function generateJoinCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const bytes = randomBytes(16)
  const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length])
  return [0, 4, 8, 12].map((start) => chars.slice(start, start + 4).join('')).join('-')
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/** What the owner sees of a token in their list: enough to tell it apart, useless to an attacker. */
export function tokenHint(token: string): string {
  return `${token.slice(0, PERSONAL_TOKEN_PREFIX.length + 4)}…`
}
