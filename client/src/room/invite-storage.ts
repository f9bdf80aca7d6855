/**
 * The invite token arrives in the link's fragment (#invite=…), which browsers never send to a
 * server. We keep it per room so a reload works, and take it out of the address bar.
 */
const tokenKey = (roomId: string) => `mockboard:invite:${roomId}`
const clientKeyKey = (roomId: string) => `mockboard:client:${roomId}`
const NAME_KEY = 'mockboard:name'
const joinedKey = (roomId: string) => `mockboard:joined:${roomId}`

export function takeInviteToken(roomId: string): string | undefined {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('invite')
  if (fromHash) {
    sessionStorage.setItem(tokenKey(roomId), fromHash)
    localStorage.setItem(tokenKey(roomId), fromHash)
    window.history.replaceState(null, '', window.location.pathname + window.location.search)
    return fromHash
  }
  // sessionStorage first: two tabs of one browser may hold two roles of the same room.
  return sessionStorage.getItem(tokenKey(roomId)) ?? localStorage.getItem(tokenKey(roomId)) ?? undefined
}

export function rememberedName(): string {
  return localStorage.getItem(NAME_KEY) ?? ''
}

/** Remembers the name for next time, and that this browser has entered this room (a reload skips the prompt). */
export function rememberName(roomId: string, name: string): void {
  localStorage.setItem(NAME_KEY, name)
  sessionStorage.setItem(joinedKey(roomId), name)
}

/** The name this tab entered the room with, if it already did. */
export function joinedName(roomId: string): string | undefined {
  return sessionStorage.getItem(joinedKey(roomId)) ?? undefined
}

/** A random id per browser and room, so that a reload rejoins as the same participant. */
export function clientKeyFor(roomId: string): string {
  let key = localStorage.getItem(clientKeyKey(roomId))
  if (!key) {
    key = crypto.randomUUID().replaceAll('-', '')
    localStorage.setItem(clientKeyKey(roomId), key)
  }
  return key
}
