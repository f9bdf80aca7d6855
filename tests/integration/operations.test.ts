import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../server/index.ts'
import { startTestServer, type TestServer } from './helpers/test-server.ts'

const run = promisify(execFile)
let server: TestServer | undefined

afterEach(async () => {
  await server?.destroy()
  server = undefined
})

/** Runs one of the npm scripts' entry files as npm would, against the test server's DATA_DIR. */
function cli(file: string, args: string[], dataDir: string) {
  return run(process.execPath, [path.join(REPO_ROOT, file), ...args], { cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' } })
}

/** Each command line is a fresh Node process (a few seconds on a busy machine). */
const CLI_TEST_TIMEOUT_MS = 120_000

const countRows = (db: { prepare(sql: string): { get(): unknown } }, table: string) =>
  (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n

describe('the admin command line, beside the running server', () => {
  it(
    'create-user, then create-token prints the token alone on stdout, and the token creates a room over REST',
    async () => {
      server = await startTestServer()
      const created = await cli(
        'server/accounts/admin-cli.ts',
        ['create-user', 'grace', '--password', 'grace password 1', '--name', 'Grace Hopper'],
        server.dataDir,
      )
      expect(created.stdout).toBe('')
      expect(created.stderr).toContain('Created member "grace"')
      const { stdout } = await cli('server/accounts/admin-cli.ts', ['create-token', 'grace'], server.dataDir)
      expect(stdout).toMatch(/^mbp_[A-Za-z0-9_-]{43}\n$/)
      const room = await fetch(`${server.url}/api/rooms`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${stdout.trim()}`, 'Content-Type': 'application/json' },
        body: '{}',
      })
      expect(room.status).toBe(201)
    },
    CLI_TEST_TIMEOUT_MS,
  )

  it(
    'reset-password prints a one-time link that works in the page’s API; a bad command exits non-zero and changes nothing',
    async () => {
      server = await startTestServer()
      await cli('server/accounts/admin-cli.ts', ['create-user', 'linus', '--password', 'linus password', '--admin'], server.dataDir)
      const { stdout } = await cli('server/accounts/admin-cli.ts', ['reset-password', 'linus'], server.dataDir)
      const resetToken = new URL(stdout.trim()).hash.replace('#token=', '')
      const reset = await fetch(`${server.url}/api/auth/reset-password`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ resetToken, password: 'a new password' }),
      })
      expect(reset.status).toBe(200)
      await expect(cli('server/accounts/admin-cli.ts', ['create-user', 'x', '--password', 'short'], server.dataDir)).rejects.toMatchObject({ code: 2 })
      await expect(cli('server/accounts/admin-cli.ts', ['create-token', 'nobody'], server.dataDir)).rejects.toMatchObject({ code: 2 })
      expect(countRows(server.db.$client, 'members')).toBe(1)
    },
    CLI_TEST_TIMEOUT_MS,
  )
})

describe('backup and restore', () => {
  it(
    'a backup taken while rooms are being written is consistent, and restoring it brings every row back',
    async () => {
      server = await startTestServer()
      const admin = await server.admin()
      let writing = true
      const writer = (async () => {
        let made = 0
        while (writing || made < 5) {
          await server!.createRoom({ title: `Room ${made}` })
          made++
        }
        return made
      })()
      const response = await fetch(`${server.url}/api/admin/backups`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${admin.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      })
      expect(response.status).toBe(201)
      const { name, downloadUrl } = (await response.json()) as { name: string; downloadUrl: string }
      const viaCli = (await cli('server/db/backup-cli.ts', [path.join(server.dataDir, 'copy.db')], server.dataDir)).stdout.trim()
      writing = false
      const made = await writer

      const backupFile = path.join(server.dataDir, 'backups', name)
      for (const file of [backupFile, viaCli]) {
        const copy = new Database(file, { readonly: true })
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
        // Each room was written with its invites and its first event in one transaction: a consistent copy has all three or none.
        expect(countRows(copy, 'invites')).toBe(countRows(copy, 'rooms') * 3)
        expect(countRows(copy, 'members')).toBe(1)
        copy.close()
      }
      const download = await fetch(`${server.url}${downloadUrl}`, { headers: { Authorization: `Bearer ${admin.token}` } })
      expect(Buffer.from(await download.arrayBuffer()).equals(fs.readFileSync(backupFile))).toBe(true)
      expect((await fetch(`${server.url}${downloadUrl}`)).status).toBe(401)

      // Restore: stop, put the copy in place of the database, start again.
      const roomsInBackup = countRows(new Database(viaCli, { readonly: true }), 'rooms')
      const dataDir = server.dataDir
      await server.close()
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dataDir, `mockboard.db${suffix}`), { force: true })
      fs.copyFileSync(viaCli, path.join(dataDir, 'mockboard.db'))
      server = await startTestServer({}, dataDir)
      expect(made).toBeGreaterThanOrEqual(5)
      expect(countRows(server.db.$client, 'rooms')).toBe(roomsInBackup)
      const stillWorks = await fetch(`${server.url}/api/questions?limit=1`, { headers: { Authorization: `Bearer ${admin.token}` } })
      expect(stillWorks.status).toBe(200)
    },
    CLI_TEST_TIMEOUT_MS,
  )
})
