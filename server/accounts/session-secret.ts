import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.ts'
import type { Logger } from '../log.ts'

export const SESSION_SECRET_FILE = 'session-secret'

/**
 * SESSION_SECRET, or the one generated into DATA_DIR on first start (mode 0600), so that a
 * laptop install needs no configuration and sessions survive a restart.
 */
export function resolveSessionSecret(config: Config, log: Logger): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET
  const file = path.join(config.dataDir, SESSION_SECRET_FILE)
  try {
    const existing = fs.readFileSync(file, 'utf8').trim()
    if (existing.length >= 32) return existing
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const secret = randomBytes(48).toString('base64url')
  fs.mkdirSync(config.dataDir, { recursive: true })
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  log.info({ file }, 'session secret generated')
  return secret
}
