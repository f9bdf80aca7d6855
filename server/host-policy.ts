import type { Config } from './config.ts'
import { publicUrlOf } from './origins.ts'

/**
 * Host names this server answers for. A DNS-rebinding page makes the browser send its own host
 * name to our address; refusing any Host we do not know stops it from driving a laptop's instance.
 * Allowed: PUBLIC_URL's host, localhost / 127.0.0.1 / [::1] on the listening port, and ALLOWED_HOSTS
 * (an entry without a port allows that name on any port).
 */
export class HostPolicy {
  private readonly exact = new Set<string>()
  private readonly anyPort = new Set<string>()

  constructor(config: Config, listeningPort: number) {
    const publicUrl = new URL(publicUrlOf(config, listeningPort))
    this.exact.add(publicUrl.host.toLowerCase())
    // A URL on its scheme's default port has no port in `host`, but a client may still send it.
    if (!publicUrl.port) this.exact.add(`${publicUrl.hostname.toLowerCase()}:${publicUrl.protocol === 'https:' ? 443 : 80}`)
    for (const host of ['localhost', '127.0.0.1', '[::1]']) this.exact.add(`${host}:${listeningPort}`)
    for (const entry of config.ALLOWED_HOSTS) (hasPort(entry) ? this.exact : this.anyPort).add(entry)
  }

  isAllowed(host: string | undefined): boolean {
    if (!host) return false
    const normalized = host.toLowerCase()
    if (this.exact.has(normalized)) return true
    return this.anyPort.has(hasPort(normalized) ? normalized.slice(0, normalized.lastIndexOf(':')) : normalized)
  }
}

/** `name:port` or `[v6]:port`; a bare `[v6]` or name has none. */
function hasPort(host: string): boolean {
  return /:\d+$/.test(host) && (!host.startsWith('[') || host.includes(']:'))
}
