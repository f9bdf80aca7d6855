// Crockford base32: no I, L, O or U, so ids read unambiguously and match the server's client-id pattern.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const TIME_CHARS = 10
const RANDOM_CHARS = 16

/**
 * A ULID-shaped id (48-bit time, 80 random bits): ids sort by creation time, which keeps notes in
 * typing order. getRandomValues, unlike randomUUID, also works on plain-http LAN deployments.
 */
export function newClientId(now: number = Date.now()): string {
  let time = ''
  let rest = Math.max(0, Math.floor(now))
  for (let i = 0; i < TIME_CHARS; i++) {
    time = ALPHABET[rest % 32] + time
    rest = Math.floor(rest / 32)
  }
  const bytes = crypto.getRandomValues(new Uint8Array(RANDOM_CHARS))
  let random = ''
  for (const byte of bytes) random += ALPHABET[byte % 32]
  return time + random
}
