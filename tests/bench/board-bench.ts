/**
 * `npm run bench:board` — Mockboard's whiteboard server against the bare @y/websocket-server, same
 * machine, same load (issue 3, "Performance"). Each server runs alone in a child process so its CPU
 * and peak RSS are its own; the y-websocket clients run here. Results: terminal + tests/bench/RESULTS.md.
 *
 *   --duration <s>       measured window of each run (default 10)
 *   --warmup <s>         unmeasured load before it (default 3)
 *   --rounds <n>         runs per server and scenario, alternating order (ABBA…), pooled (default 2)
 *   --scenario <id>      only this scenario (repeatable): small, many, rooms1000
 *   --server <kind>      only this server (repeatable): baseline, mockboard
 *   --paired             run the servers at the same time, on one schedule, instead of one after the
 *                        other: on a shared machine, both then meet the same interference
 *   --max-foreign <pct>  before each run, wait (≤ 20 s, ≤ 60 s in all) until the machine is busy less
 *                        than this % of one core; repeat a run (≤ 4 repeats in all) when other processes
 *                        used more than that during it, keeping the quietest attempt (default 20)
 *   --mockboard-env K=V  try a Mockboard setting instead of its default (repeatable; stated in RESULTS.md)
 *   --mockboard-node-option <opt>  start Mockboard's node with this option, e.g. --max-semi-space-size=2
 *   --cpu-prof <dir>     write a V8 CPU profile of every server child there (open in Chrome DevTools)
 *   --out <file>         where to write the Markdown (default tests/bench/RESULTS.md); --no-write: don't
 *   --strict             exit 1 when a target is missed (by default the run only reports)
 */
import fs from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { runLoad, type Scenario } from './bench-load.ts'
import { buildReport, renderMarkdown, renderTerminal, type RunResult } from './bench-report.ts'
import { CORES, trackForeignLoad, waitForQuietMachine } from './machine-load.ts'
import { countWarnings, startServerUnderTest, type ServerKind, type ServerReport, type ServerUnderTest } from './bench-servers.ts'

const SCENARIOS: Scenario[] = [
  { id: 'small', title: '10 rooms × 3 clients @ 30 updates/s', rooms: 10, clientsPerRoom: 3, rate: 30 },
  { id: 'many', title: '300 rooms × 2 clients @ 5 updates/s', rooms: 300, clientsPerRoom: 2, rate: 5 },
  // Many quiet boards: the per-board bookkeeping (due checks, one write per board per window) dominates here.
  { id: 'rooms1000', title: '1,000 rooms × 2 clients @ 2 updates/s', rooms: 1000, clientsPerRoom: 2, rate: 2 },
]
// Each run gets a fresh server process, so neither server inherits the other's heap or JIT state.
// Rounds alternate the order (ABBA…) so drift on the machine or in the load generator (its JIT
// warming up, its heap growing) does not always favour the same server.
const ALL_SERVERS: ServerKind[] = ['baseline', 'mockboard']

function usageError(message: string): never {
  console.error(`board-bench: ${message} (see the flags at the top of tests/bench/board-bench.ts)`)
  process.exit(2)
}

const FLAGS = {
  duration: { type: 'string', default: '10' },
  rounds: { type: 'string', default: '2' },
  warmup: { type: 'string', default: '3' },
  scenario: { type: 'string', multiple: true },
  server: { type: 'string', multiple: true },
  'max-foreign': { type: 'string', default: '20' },
  'mockboard-env': { type: 'string', multiple: true },
  'mockboard-node-option': { type: 'string', multiple: true },
  'cpu-prof': { type: 'string' },
  out: { type: 'string', default: fileURLToPath(new URL('./RESULTS.md', import.meta.url)) },
  'no-write': { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
  paired: { type: 'boolean', default: false },
} as const
const flags = (() => {
  try {
    return parseArgs({ options: FLAGS }).values
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error))
  }
})()
const seconds = (value: string, name: string) => {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0 || n > 120) usageError(`--${name} must be a number of seconds in (0, 120]`)
  return n * 1000
}
const durationMs = seconds(flags.duration, 'duration')
const warmupMs = seconds(flags.warmup, 'warmup')
const drainTimeoutMs = 10_000
const SERVERS = flags.server ? ALL_SERVERS.filter((kind) => flags.server!.includes(kind)) : ALL_SERVERS
if (SERVERS.length === 0) usageError(`unknown --server; known: ${ALL_SERVERS.join(', ')}`)
const serverExecArgv = flags['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${flags['cpu-prof']}`] : []
const mockboardEnv = Object.fromEntries(
  (flags['mockboard-env'] ?? []).map((pair) => {
    const at = pair.indexOf('=')
    if (at < 1) usageError(`--mockboard-env expects KEY=VALUE, got "${pair}"`)
    return [pair.slice(0, at), pair.slice(at + 1)]
  }),
)
const mockboardNodeOptions = flags['mockboard-node-option'] ?? []
if (Object.keys(mockboardEnv).length > 0 || mockboardNodeOptions.length > 0) {
  console.error(`Mockboard started differently from production: ${JSON.stringify({ env: mockboardEnv, node: mockboardNodeOptions })}`)
}
const paired = flags.paired
const maxForeignPct = Number(flags['max-foreign'])
if (!(maxForeignPct >= 0)) usageError('--max-foreign must be a percentage of one core, e.g. 20')
let repeatsLeft = 4
let quietWaitLeftMs = 60_000
const rounds = Number(flags.rounds)
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 10) usageError('--rounds must be an integer in [1, 10]')
const scenarios = flags.scenario ? SCENARIOS.filter((s) => flags.scenario!.includes(s.id)) : SCENARIOS
if (scenarios.length === 0) usageError(`unknown --scenario; known: ${SCENARIOS.map((s) => s.id).join(', ')}`)

// Hard stop: whatever goes wrong, the load ends by itself (children exit when this process goes).
const budgetMs = (scenarios.length * rounds * (paired ? 1 : SERVERS.length) + repeatsLeft) * (warmupMs + durationMs + drainTimeoutMs + 80_000)
setTimeout(() => {
  console.error(`board-bench: exceeded its ${Math.round(budgetMs / 1000)} s budget, aborting`)
  process.exit(2)
}, budgetMs).unref()

// y-websocket's provider adds a process 'exit' listener per instance; 2,000 clients are expected here.
process.setMaxListeners(0)

const runs: RunResult[] = []
for (const scenario of scenarios) {
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? SERVERS : [...SERVERS].reverse()
    // Sequential: one server at a time, alone with the load generator. Paired: all of them at once.
    for (const group of paired ? [order] : order.map((kind) => [kind])) {
      process.stderr.write(`· ${scenario.title} — ${group.join(' + ')}, round ${round + 1}/${rounds}: `)
      let attempt = await runOnce(scenario, group, round)
      // Someone else's compile or test run on this shared box swamps the tail latencies: try again
      // (a bounded number of times) and keep the quietest attempt.
      while (repeatsLeft > 0 && foreignOf(attempt) > maxForeignPct) {
        repeatsLeft--
        process.stderr.write(`  too much other load on the machine, repeating: `)
        const again = await runOnce(scenario, group, round)
        if (foreignOf(again) < foreignOf(attempt)) attempt = again
      }
      runs.push(...attempt)
    }
  }
}

function foreignOf(attempt: RunResult[]): number {
  return attempt[0]?.foreignCorePct ?? 0
}

async function runOnce(scenario: Scenario, kinds: ServerKind[], round: number): Promise<RunResult[]> {
  // Waiting is bounded per run and in all, so a machine that never calms down costs a minute, not ten.
  const waitStart = performance.now()
  const quiet = await waitForQuietMachine({ maxBusyPct: maxForeignPct, timeoutMs: Math.min(20_000, quietWaitLeftMs) })
  quietWaitLeftMs -= performance.now() - waitStart
  if (!quiet) process.stderr.write('(machine still busy, going ahead) ')
  const servers: ServerUnderTest[] = []
  try {
    for (const kind of kinds) {
      const execArgv = kind === 'mockboard' ? [...serverExecArgv, ...mockboardNodeOptions] : serverExecArgv
      servers.push(await startServerUnderTest(kind, execArgv, kind === 'mockboard' ? mockboardEnv : {}))
    }
    let reports: ServerReport[] = []
    let foreign: ReturnType<typeof trackForeignLoad> | undefined
    let foreignCorePct: number | undefined
    let ownCpuAtStart = process.cpuUsage()
    const loads = await runLoad(
      servers,
      scenario,
      { warmupMs, durationMs, drainTimeoutMs },
      {
        start: async () => {
          await Promise.all(servers.map((server) => server.mark()))
          foreign = trackForeignLoad()
          ownCpuAtStart = process.cpuUsage()
        },
        stop: async () => {
          reports = await Promise.all(servers.map((server) => server.report()))
          const own = process.cpuUsage(ownCpuAtStart)
          const serversCpuMs = reports.reduce((sum, report) => sum + report.cpuUserMs + report.cpuSystemMs, 0)
          foreignCorePct = foreign?.end((own.user + own.system) / 1000 + serversCpuMs).corePct
        },
      },
    )
    const others = foreignCorePct === undefined ? '' : `, other processes used ${Math.round(foreignCorePct)}% of a core`
    process.stderr.write(`${loads[0]!.sentInWindow} updates each, ${loads.map((load) => load.latencies.length).join(' + ')} deliveries measured${others}\n`)
    return servers.map((server, i) => ({
      scenario,
      kind: server.kind,
      round,
      load: loads[i]!,
      server: reports[i]!,
      warnings: countWarnings(server.logFile),
      foreignCorePct,
    }))
  } finally {
    await Promise.all(servers.map((server) => server.close()))
  }
}

const report = buildReport(runs, maxForeignPct)
console.log(renderTerminal(report))

const machine = {
  date: new Date().toISOString(),
  cores: CORES,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  durationS: durationMs / 1000,
  warmupS: warmupMs / 1000,
  rounds,
  paired,
  mockboardEnv,
  mockboardNodeOptions,
}
if (!flags['no-write']) {
  fs.writeFileSync(flags.out, renderMarkdown(report, machine))
  console.log(`\nResults written to ${flags.out}`)
}
process.exit(flags.strict && !report.pass ? 1 : 0)
