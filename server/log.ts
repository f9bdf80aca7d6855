import { pino, type Logger } from 'pino'

export type { Logger }

/** The root logger. Features take a child (`log.child({ feature: 'timer' })`); messages are fixed phrases. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    // Tokens never reach a log line, even by accident through a logged request.
    redact: ['token', '*.token', 'req.headers.authorization', 'headers.authorization'],
  })
}
