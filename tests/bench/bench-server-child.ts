/**
 * One server under test, alone in its own process, so that its CPU time and peak RSS are the
 * server's and not the load generator's. Started by bench-servers.ts with `fork`; talks over IPC:
 *
 *   child → parent  { type: 'ready', url, token? }          once listening (token: a member's, to create rooms)
 *   parent → child  { type: 'mark' }     → { type: 'marked' }  start of the measured window
 *   parent → child  { type: 'report' }   → ServerReport       end of the measured window
 *   parent → child  { type: 'close' }    → orderly stop, then exit
 *
 * argv[2] is 'mockboard' (the real product: persistence on, default flush interval, the given
 * DATA_DIR) or 'baseline' (@y/websocket-server's own connection handler, no persistence).
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { monitorEventLoopDelay, performance, PerformanceObserver, type EventLoopUtilization } from 'node:perf_hooks'
import { WebSocketServer } from 'ws'
import type { ServerKind, ServerReport } from './bench-servers.ts'

type ParentMessage = { type: 'mark' } | { type: 'report' } | { type: 'close' }

const kind = process.argv[2] as ServerKind
const dataDir = process.argv[3] ?? ''
/** Settings to try against the defaults (board-bench --mockboard-env KEY=VALUE); none in a normal run. */
const overrides = JSON.parse(process.argv[4] ?? '{}') as Record<string, string>

function send(message: object): void {
  process.send?.(message)
}

/** The reference server exactly as its own bin wires it, minus the leveldb persistence (YPERSISTENCE unset). */
async function startBaseline(): Promise<{ url: string; token?: string; close(): Promise<void> }> {
  delete process.env.YPERSISTENCE
  // Nothing of Mockboard is loaded here (its modules alone weigh ~200 MB of RSS): the baseline's
  // footprint is its own. Its rooms get the same seed records from the benchmark's writer instead.
  const { setupWSConnection } = await import('@y/websocket-server/utils')
  const wss = new WebSocketServer({ noServer: true })
  wss.on('connection', setupWSConnection)
  const server = http.createServer((_request, response) => response.writeHead(200).end('okay'))
  server.on('upgrade', (request, socket, head) => wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request)))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const ws of wss.clients) ws.terminate()
      wss.close()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

async function startMockboard(): Promise<{ url: string; token?: string; close(): Promise<void> }> {
  const { parseConfig } = await import('../../server/config.ts')
  const { startServer } = await import('../../server/index.ts')
  // Production defaults (flush interval, keyframes, log level) except the port and a throwaway DATA_DIR.
  const config = parseConfig({ ...overrides, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir })
  const server = await startServer(config)
  // Rooms are created by a member: the bench's own, with a personal token.
  const { AccountsService } = await import('../../server/accounts/index.ts')
  const { insertPersonalToken } = await import('../../server/accounts/team-store.ts')
  const member = await new AccountsService({ db: server.db, log: server.log }).createMember({
    login: 'bench',
    displayName: 'Bench',
    password: 'bench password',
    role: 'member',
  })
  const { token } = insertPersonalToken(server.db, member.id, 'bench', Date.now())
  return { url: server.url, token, close: () => server.close() }
}

function databaseBytes(): number | undefined {
  if (kind !== 'mockboard') return undefined
  let total = 0
  for (const suffix of ['', '-wal']) {
    try {
      total += fs.statSync(path.join(dataDir, `mockboard.db${suffix}`)).size
    } catch {
      // no WAL file yet
    }
  }
  return total
}

/**
 * Peak RSS of this process alone. Not resourceUsage().maxRSS: on Linux getrusage's maxrss survives
 * execve, so a forked child starts with the parent's RSS at fork time (the load generator's, here).
 * /proc/self/status VmHWM belongs to the post-exec address space; elsewhere, sampled rss is the fallback.
 */
function highWaterMarkBytes(): number | undefined {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))
    return hwm ? Number(hwm[1]) * 1024 : undefined
  } catch {
    return undefined
  }
}
let sampledPeak = 0
if (highWaterMarkBytes() === undefined) {
  setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss())), 100).unref()
}
function peakRssBytes(): number {
  return highWaterMarkBytes() ?? Math.max(sampledPeak, process.memoryUsage.rss())
}

const running = kind === 'mockboard' ? await startMockboard() : await startBaseline()
let cpuAtMark = process.cpuUsage()
let eluAtMark: EventLoopUtilization = performance.eventLoopUtilization()
let markedAt = performance.now()
// How long ready work waited for the event loop: every such stall adds to some delivery's latency.
const loopDelay = monitorEventLoopDelay({ resolution: 5 })
loopDelay.enable()
// GC pauses are stalls too; counting them tells a heap problem from slow code.
let gcPauses: number[] = []
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauses.push(entry.duration)
}).observe({ entryTypes: ['gc'] })

process.on('message', (message: ParentMessage) => {
  switch (message.type) {
    case 'mark':
      cpuAtMark = process.cpuUsage()
      eluAtMark = performance.eventLoopUtilization()
      markedAt = performance.now()
      loopDelay.reset()
      gcPauses = []
      send({ type: 'marked' })
      return
    case 'report': {
      const cpu = process.cpuUsage(cpuAtMark)
      const report: ServerReport = {
        type: 'report',
        cpuUserMs: cpu.user / 1000,
        cpuSystemMs: cpu.system / 1000,
        windowMs: performance.now() - markedAt,
        eventLoopUtilization: performance.eventLoopUtilization(eluAtMark).utilization,
        // The histogram includes its own 5 ms sampling period; subtract it to get the stall.
        loopDelayP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - 5),
        loopDelayMaxMs: Math.max(0, loopDelay.max / 1e6 - 5),
        gcPauseTotalMs: gcPauses.reduce((sum, ms) => sum + ms, 0),
        gcPauseMaxMs: Math.max(0, ...gcPauses),
        gcCount: gcPauses.length,
        maxRssBytes: peakRssBytes(),
        rssBytes: process.memoryUsage.rss(),
        databaseBytes: databaseBytes(),
      }
      send(report)
      return
    }
    case 'close':
      running.close().then(
        () => process.exit(0),
        () => process.exit(1),
      )
      return
  }
})

// If the benchmark dies, its servers must not outlive it.
process.on('disconnect', () => process.exit(0))
send({ type: 'ready', url: running.url, token: running.token })
