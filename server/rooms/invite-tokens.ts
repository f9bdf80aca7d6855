import { createHash, randomBytes } from 'node:crypto'

/** 32 random bytes (256 bits), URL-safe. Only its hash is stored, so a leaked database opens no room. */
export function generateInviteToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Room ids appear in URLs; 12 url-safe characters (72 bits) keep them short and unguessable enough to not be enumerable. */
export function generateRoomId(): string {
  return randomBytes(9).toString('base64url')
}

export function generateId(): string {
  return randomBytes(12).toString('base64url')
}
