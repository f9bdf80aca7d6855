import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CreateRoomResponse } from '../../shared/api.ts'

export type ServerKind = 'mockboard' | 'baseline'

export const SERVER_LABEL: Record<ServerKind, string> = {
  mockboard: 'Mockboard',
  baseline: '@y/websocket-server',
}

/** What a server child reports about itself at the end of the measured window. */
export interface ServerReport {
  type: 'report'
  cpuUserMs: number
  cpuSystemMs: number
  windowMs: number
  /** Share of the window the server's event loop was busy (0..1): near 1 means it was saturated. */
  eventLoopUtilization: number
  /** Event-loop stalls during the window (ms): the server's own contribution to tail latency. */
  loopDelayP99Ms: number
  loopDelayMaxMs: number
  gcCount: number
  gcPauseTotalMs: number
  gcPauseMaxMs: number
  maxRssBytes: number
  rssBytes: number
  /** SQLite file + WAL, Mockboard only. */
  databaseBytes: number | undefined
}

/** The invite tokens of one room: the writer's and one per receiver (roles cycle candidate, observer…). */
export interface BenchRoom {
  roomId: string
  writerToken: string
  readerTokens: string[]
}

export interface ServerUnderTest {
  kind: ServerKind
  url: string
  pid: number
  /** Where the child's stdout (Mockboard's pino lines) goes; read it before close(), which deletes it. */
  logFile: string
  createRoom(readers: number): Promise<BenchRoom>
  mark(): Promise<void>
  report(): Promise<ServerReport>
  /** Orderly stop (Mockboard flushes every board); killed if it takes longer than timeoutMs. */
  close(timeoutMs?: number): Promise<void>
}

const CHILD = fileURLToPath(new URL('./bench-server-child.ts', import.meta.url))
const READER_ROLES = ['candidate', 'observer'] as const

/** Forks one server child and waits until it listens. */
export async function startServerUnderTest(kind: ServerKind, execArgv: string[] = [], env: Record<string, string> = {}): Promise<ServerUnderTest> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `board-bench-${kind}-`))
  const logFile = path.join(dir, 'server.log')
  const logFd = fs.openSync(logFile, 'w')
  const child = fork(CHILD, [kind, path.join(dir, 'data'), JSON.stringify(env)], { stdio: ['ignore', logFd, 'inherit', 'ipc'], execArgv })
  fs.closeSync(logFd)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const ready = await nextMessage<{ type: 'ready'; url: string; token?: string }>(child, 'ready', 20_000)
  let roomCount = 0

  return {
    kind,
    url: ready.url,
    pid: child.pid ?? -1,
    logFile,
    async createRoom(readers) {
      if (kind === 'baseline') {
        // The reference server has no rooms or tokens: any path is a document.
        return { roomId: `bench-${process.pid}-${roomCount++}`, writerToken: 'none', readerTokens: Array.from({ length: readers }, () => 'none') }
      }
      const response = await fetch(`${ready.url}/api/rooms`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ready.token ?? ''}` },
        body: '{}',
      })
      if (response.status !== 201) throw new Error(`room creation failed: ${response.status} ${await response.text()}`)
      const room = (await response.json()) as CreateRoomResponse
      const token = (link: string) => new URL(link).hash.replace('#invite=', '')
      return {
        roomId: room.roomId,
        writerToken: token(room.invites.interviewer),
        readerTokens: Array.from({ length: readers }, (_, i) => token(room.invites[READER_ROLES[i % READER_ROLES.length]!])),
      }
    },
    async mark() {
      child.send({ type: 'mark' })
      await nextMessage(child, 'marked', 10_000)
    },
    async report() {
      child.send({ type: 'report' })
      return nextMessage<ServerReport>(child, 'report', 10_000)
    },
    async close(timeoutMs = 15_000) {
      if (child.exitCode === null && child.connected) child.send({ type: 'close' })
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
      await exited
      clearTimeout(timer)
      // The log was read (countWarnings) before close; nothing of the run stays behind.
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Counts log lines at warn level or above (pino: 40+), e.g. rate-limited or too-slow sockets. */
export function countWarnings(logFile: string): { count: number; first: string | undefined } {
  let count = 0
  let first: string | undefined
  for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue
    const entry = JSON.parse(line) as { level?: number; msg?: string }
    if ((entry.level ?? 0) >= 40) {
      count++
      first ??= entry.msg
    }
  }
  return { count, first }
}

function nextMessage<T extends { type: string }>(child: ChildProcess, type: T['type'], timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`server child did not answer '${type}' within ${timeoutMs} ms`)), timeoutMs)
    const onMessage = (message: { type?: string }) => {
      if (message.type === type) finish(undefined, message as T)
    }
    const onExit = (code: number | null) => finish(new Error(`server child exited (${code}) before '${type}'`))
    const finish = (error?: Error, message?: T) => {
      clearTimeout(timer)
      child.off('message', onMessage)
      child.off('exit', onExit)
      if (error) reject(error)
      else resolve(message!)
    }
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}
