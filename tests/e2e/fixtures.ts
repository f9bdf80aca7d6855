import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test'
import type { CreateRoomResponse, CreateRoomBody } from '../../shared/api.ts'
import type { Role } from '../../shared/roles.ts'

const REPO_ROOT = path.resolve(import.meta.dirname, '../..')

/** A real Mockboard process (the built client, a temp SQLite file) that a test can restart. */
export interface MockboardServer {
  baseURL: string
  dataDir: string
  /** The admin made through the first-run setup, with a personal token (for API calls from tests). */
  admin: E2eAccount & { token: string }
  restart(): Promise<void>
}

export interface E2eAccount {
  login: string
  password: string
  displayName: string
}

const E2E_ADMIN: E2eAccount = { login: 'e2e-admin', password: 'e2e admin password', displayName: 'Ada Admin' }

/** First-run setup over the API, then a personal token made with the new session (cookie and CSRF header, as the page does). */
async function setUpAdmin(baseURL: string): Promise<MockboardServer['admin']> {
  const setup = await fetch(`${baseURL}/api/auth/setup`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(E2E_ADMIN) })
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${await setup.text()}`)
  const { csrfToken } = (await setup.json()) as { csrfToken: string }
  const cookie = setup.headers.get('set-cookie')!.split(';')[0]!
  const created = await fetch(`${baseURL}/api/account/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'e2e' }),
  })
  return { ...E2E_ADMIN, token: ((await created.json()) as { token: string }).token }
}

/** Starts a fresh Mockboard (no admin yet) for a test that needs the first run; `stop()` deletes its data. */
export async function launchMockboard(): Promise<{ baseURL: string; dataDir: string; stop(): Promise<void> }> {
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockboard-e2e-'))
  const baseURL = `http://localhost:${port}`
  const current = startProcess(port, dataDir)
  await waitUntilHealthy(baseURL, current.child, current.output)
  return {
    baseURL,
    dataDir,
    async stop() {
      await stopProcess(current.child)
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as net.AddressInfo).port
      probe.close(() => resolve(port))
    })
  })
}

async function waitUntilHealthy(baseURL: string, child: ChildProcess, output: () => string): Promise<void> {
  // A whole server process (drizzle, the bank, tldraw's schema) can take tens of seconds to start on a busy 2-core machine.
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`)
    const healthy = await fetch(`${baseURL}/healthz`).then(
      (response) => response.ok,
      () => false,
    )
    if (healthy) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`server did not become healthy:\n${output()}`)
}

function startProcess(port: number, dataDir: string): { child: ChildProcess; output: () => string } {
  let log = ''
  const child = spawn(process.execPath, ['server/index.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ROOM_UNLOAD_GRACE_MS: '1000',
      BOARD_RETRY_MAX_MS: '2000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
  return { child, output: () => log }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

export const test = base.extend<{ origins: { offOrigin: string[] } }, { mockboard: MockboardServer }>({
  mockboard: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this destructuring; this one has none.
    async ({}, use) => {
      const port = await freePort()
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockboard-e2e-'))
      const baseURL = `http://localhost:${port}`
      let current = startProcess(port, dataDir)
      await waitUntilHealthy(baseURL, current.child, current.output)
      await use({
        baseURL,
        dataDir,
        admin: await setUpAdmin(baseURL),
        async restart() {
          await stopProcess(current.child)
          current = startProcess(port, dataDir)
          await waitUntilHealthy(baseURL, current.child, current.output)
        },
      })
      await stopProcess(current.child)
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ mockboard }, use) => use(mockboard.baseURL),
  /** Every request a page of this test made to another origin; tests assert it stays empty. */
  origins: async ({ context, mockboard }, use) => {
    const offOrigin: string[] = []
    const ours = new URL(mockboard.baseURL).origin
    context.on('request', (request) => {
      const url = request.url()
      if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== ours) offOrigin.push(url)
    })
    await use({ offOrigin })
  },
})

export { expect }

/** Creates a room over the API with the admin's personal token. */
export async function createRoom(mockboard: Pick<MockboardServer, 'baseURL' | 'admin'>, body: CreateRoomBody = {}): Promise<CreateRoomResponse> {
  const response = await fetch(`${mockboard.baseURL}/api/rooms`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${mockboard.admin.token}` },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(201)
  return (await response.json()) as CreateRoomResponse
}

/** Signs the page's browser context in (the cookie is shared with the page), as the sign-in form would. */
export async function signIn(page: Page, account: Pick<E2eAccount, 'login' | 'password'>): Promise<void> {
  const response = await page.request.post('/api/auth/sign-in', { data: { login: account.login, password: account.password } })
  expect(response.status()).toBe(200)
}

/** Opens an invite link in a fresh browser context and enters the room under `name`. */
export async function openAs(browser: Browser, room: CreateRoomResponse, role: Role, name: string, offOrigin?: string[]): Promise<Page> {
  const context = await browser.newContext()
  if (offOrigin) {
    const ours = new URL(room.invites[role]).origin
    context.on('request', (request) => {
      const url = request.url()
      if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== ours) offOrigin.push(url)
    })
  }
  await watchCspViolations(context)
  const page = await context.newPage()
  await page.goto(room.invites[role])
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: /^Join as/ }).click()
  await expect(page.getByRole('heading', { name: /Get the interview ready|Waiting for the interviewer to start/ }).or(page.locator('.tl-canvas'))).toBeVisible()
  return page
}

declare global {
  interface Window {
    /** Every Content-Security-Policy violation the page reported, as "directive blocked-uri". */
    cspViolations?: string[]
  }
}

/** Records CSP violations in every page of the context from its first script on; read them with `cspViolations(page)`. */
export async function watchCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    window.cspViolations = []
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations!.push(`${event.effectiveDirective} ${event.blockedURI || 'inline'}`)
    })
  })
}

export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.cspViolations ?? [])
}

/** The interviewer starts the interview from the lobby; the board opens. */
export async function startInterview(interviewer: Page): Promise<void> {
  await interviewer.getByRole('button', { name: 'Start the interview' }).click()
  await expect(interviewer.locator('.tl-canvas')).toBeVisible()
}

/** Shapes on the current page, read through the editor's debug hook. */
export function shapeCount(page: Page): Promise<number> {
  return page.evaluate(() => window.mockboardEditor?.getCurrentPageShapes().length ?? -1)
}

/** Draws a rectangle the way a person does: press r, drag on the canvas. */
export async function drawRectangle(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  // Focus the canvas with a click on empty board first: tldraw's shortcuts only act when it has focus.
  await page.mouse.click(from.x - 40, from.y - 40)
  await page.keyboard.press('r')
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 })
  await page.mouse.move(to.x, to.y, { steps: 5 })
  await page.mouse.up()
}
