import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import type { CreateRoomResponse } from '../../../shared/api.ts'
import type { Role } from '../../../shared/roles.ts'
import { parseConfig } from '../../../server/config.ts'
import { startServer, type RunningServer } from '../../../server/index.ts'
import { createMemberWithToken, type TestMember } from './accounts.ts'

export interface LogLine {
  level: number
  msg: string
  [field: string]: unknown
}

export interface TestServer extends RunningServer {
  dataDir: string
  /** Every log line the server wrote, parsed, for tests that check something was logged. */
  logs: LogLine[]
  /** Creates a room as the test admin (made on first use), or as `as` when given. */
  createRoom(body?: Record<string, unknown>, as?: Pick<TestMember, 'token'>): Promise<TestRoom>
  /** The admin account every test server gets on first use, with a personal token. */
  admin(): Promise<TestMember>
  /** Stops the server and deletes its data folder. */
  destroy(): Promise<void>
}

export interface TestRoom extends CreateRoomResponse {
  tokens: Record<Role, string>
}

/**
 * Boots the real server on port 0 with a fresh SQLite file (or `dataDir`, to restart over an
 * existing one). Short flush and unload intervals keep the tests fast; the code paths are the same.
 */
export async function startTestServer(overrides: Record<string, string> = {}, dataDir?: string): Promise<TestServer> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mockboard-test-'))
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    LOG_LEVEL: 'info',
    BOARD_FLUSH_INTERVAL_MS: '50',
    ROOM_UNLOAD_GRACE_MS: '150',
    ...overrides,
  })
  const logs: LogLine[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) logs.push(JSON.parse(line) as LogLine)
      done()
    },
  })
  const server = await startServer(config, pino({ level: config.LOG_LEVEL, base: undefined }, sink))
  let admin: Promise<TestMember> | undefined
  const getAdmin = () => (admin ??= createMemberWithToken(server, { role: 'admin', login: 'test-admin' }))

  return {
    ...server,
    dataDir: dir,
    logs,
    admin: getAdmin,
    async createRoom(body = {}, as) {
      return createRoomAt(server.url, body, (as ?? (await getAdmin())).token)
    },
    async destroy() {
      await server.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Creates a room over the REST API of the server at `baseUrl` and returns its invite tokens by role. */
/** Creates a room on any running server with a member's personal token (rooms are the team's). */
export async function createRoomAt(baseUrl: string, body: Record<string, unknown>, token: string): Promise<TestRoom> {
  const response = await fetch(`${baseUrl}/api/rooms`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })
  if (response.status !== 201) throw new Error(`room creation failed: ${response.status} ${await response.text()}`)
  const room = (await response.json()) as CreateRoomResponse
  const tokens = Object.fromEntries(Object.entries(room.invites).map(([role, link]) => [role, new URL(link).hash.replace('#invite=', '')])) as Record<
    Role,
    string
  >
  return { ...room, tokens }
}
