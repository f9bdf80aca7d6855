import type { Config } from './config.ts'

/**
 * Browser origins allowed to open our sockets. Browsers always send Origin on WebSocket and
 * Socket.IO requests, so a missing Origin means a non-browser client (a script, the benchmark),
 * which still needs a valid invite token; a present but foreign Origin is a cross-site page
 * trying to ride someone's link and is refused.
 */
export class OriginPolicy {
  private readonly allowed = new Set<string>()

  constructor(config: Config, listeningPort: number) {
    this.allowed.add(publicUrlOf(config, listeningPort))
    for (const host of ['localhost', '127.0.0.1', '[::1]']) this.allowed.add(`http://${host}:${listeningPort}`)
    for (const origin of config.ALLOWED_ORIGINS) this.allowed.add(origin)
  }

  isAllowed(origin: string | undefined): boolean {
    return origin === undefined || this.allowed.has(origin)
  }
}

/** The base URL people open, used in invite links. */
export function publicUrlOf(config: Config, listeningPort: number): string {
  return config.PUBLIC_URL ?? `http://localhost:${listeningPort}`
}
