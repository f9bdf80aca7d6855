import path from 'node:path'
import { z } from 'zod'

const port = z.coerce.number().int().min(0).max(65_535)
const positiveMs = z.coerce.number().int().positive()
const positiveInt = z.coerce.number().int().positive()
const optionalUrl = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined)
  .pipe(
    z
      .url({ protocol: /^https?$/ })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  )

/** Every setting Mockboard reads, each with a default that works on a laptop. Documented in README.md. */
const EnvSchema = z.object({
  /** TCP port of the one HTTP server (REST, client, Socket.IO, board WebSocket). 0 picks a free one. */
  PORT: port.default(3000),
  /** Interface to listen on. 127.0.0.1 keeps it on this machine; 0.0.0.0 serves the whole network. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Folder of the SQLite file (mockboard.db) and its WAL. Created when missing. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** The address people open, used in invite links and as the allowed Origin. Defaults to http://localhost:PORT. */
  PUBLIC_URL: optionalUrl,
  /** Extra browser origins allowed to open sockets, comma-separated (PUBLIC_URL and localhost are always allowed). */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    ),
  /**
   * Extra host names (optionally `name:port`) the server answers for, comma-separated. PUBLIC_URL's
   * host and localhost/127.0.0.1/[::1] on the listening port always are; any other Host is refused,
   * so that a DNS-rebinding page cannot drive a laptop's instance.
   */
  ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** How long a board ticket (taken over REST with the invite token, spent on one board connection) stays valid. */
  BOARD_TICKET_TTL_MS: positiveMs.default(60_000),
  /** Distinct participants a room admits; a new one beyond it is refused with ROOM_FULL, a returning one is not. */
  MAX_PARTICIPANTS_PER_ROOM: positiveInt.default(20),
  /** Chat messages one participant may send at once (burst), then per minute (sustained). */
  CHAT_RATE_BURST: positiveInt.default(10),
  CHAT_RATE_PER_MINUTE: positiveInt.default(30),
  /** Renames per participant: burst, then per minute. */
  RENAME_RATE_BURST: positiveInt.default(5),
  RENAME_RATE_PER_MINUTE: positiveInt.default(6),
  /**
   * Fetch-type requests per caller: list/history events on the socket, and REST reads of the
   * session and of board tickets (a reconnecting board takes one ticket per attempt): burst, then per minute.
   */
  READ_RATE_BURST: positiveInt.default(30),
  READ_RATE_PER_MINUTE: positiveInt.default(60),
  /**
   * Signs the session cookie (at least 32 characters). When unset, a random one is generated on
   * first start into DATA_DIR/session-secret and reused after; set it to rotate (everyone signs in again).
   */
  SESSION_SECRET: z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined)
    .pipe(z.string().min(32, 'must have at least 32 characters').optional()),
  /** How long a member stays signed in without using Mockboard (each request renews it). */
  SESSION_MAX_AGE_MS: positiveMs.default(14 * 24 * 60 * 60_000),
  /** Failed sign-ins allowed per account, and sign-in attempts per address, within SIGN_IN_RATE_WINDOW_MS. */
  SIGN_IN_RATE_PER_ACCOUNT: positiveInt.default(5),
  SIGN_IN_RATE_PER_ADDRESS: positiveInt.default(30),
  SIGN_IN_RATE_WINDOW_MS: positiveMs.default(15 * 60_000),
  /** How long a member invite link and a password-reset link stay valid. */
  MEMBER_INVITE_TTL_MS: positiveMs.default(7 * 24 * 60 * 60_000),
  PASSWORD_RESET_TTL_MS: positiveMs.default(24 * 60 * 60_000),
  /** tldraw licence key; needed only for a production build served over HTTPS on a real host name. */
  TLDRAW_LICENSE_KEY: z.string().trim().default(''),
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Longest time a board edit waits in memory before it is written to SQLite. */
  BOARD_FLUSH_INTERVAL_MS: positiveMs.default(1000),
  /** Longest wait between two attempts at a board write that keeps failing (retries start at the flush interval and double). */
  BOARD_RETRY_MAX_MS: positiveMs.default(30_000),
  /** How often a full keyframe of a live board is written beside the diffs. */
  BOARD_KEYFRAME_INTERVAL_MS: positiveMs.default(5 * 60_000),
  /** How long a board stays in memory after its last client leaves (reconnects within it are free). */
  ROOM_UNLOAD_GRACE_MS: positiveMs.default(5000),
  /** Largest a board may grow (bytes of its Yjs state); an edit past it is refused with "the board is full". */
  BOARD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(16 * 1024 * 1024),
  /** Most shapes one board may hold; an edit that would add more is refused with "the board is full". */
  BOARD_MAX_SHAPES: z.coerce.number().int().positive().default(5000),
  /** Sustained bytes per second one board connection may send (bursts of 4 s, at least two largest frames); over it, the socket is closed. */
  BOARD_MAX_BYTES_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1024)
    .default(512 * 1024),
  /** On SIGTERM/SIGINT, exit by force if the orderly shutdown takes longer than this. */
  SHUTDOWN_TIMEOUT_MS: positiveMs.default(10_000),
})

export type Config = z.infer<typeof EnvSchema> & {
  /** Absolute path of the SQLite file. */
  databaseFile: string
  /** Absolute path of DATA_DIR (the session secret and backups/ live there too). */
  dataDir: string
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const config = parsed.data
  return { ...config, databaseFile: path.resolve(config.DATA_DIR, 'mockboard.db'), dataDir: path.resolve(config.DATA_DIR) }
}

export class ConfigError extends Error {}

/** The client learns only these settings, through GET /api/config. */
export function publicClientConfig(config: Config) {
  return { tldrawLicenseKey: config.TLDRAW_LICENSE_KEY || undefined }
}
