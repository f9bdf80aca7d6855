import type { LoadResult, Scenario } from './bench-load.ts'
import { SERVER_LABEL, type ServerKind, type ServerReport } from './bench-servers.ts'
import { fixed, ratio, summarize, table, type LatencySummary } from './bench-stats.ts'

/** Targets of issue 3: Mockboard (persistence on) vs the bare reference server. */
export const TARGETS = { p99Ratio: 1.0, cpuPerDeliveryRatio: 1.2, lost: 0 }

export interface RunResult {
  scenario: Scenario
  kind: ServerKind
  round: number
  load: LoadResult
  server: ServerReport
  warnings: { count: number; first: string | undefined }
  /** % of one core used by other processes on the machine during the window (Linux only). */
  foreignCorePct: number | undefined
}

interface Row {
  kind: ServerKind
  latency: LatencySummary
  /** Server CPU (user + system) per delivered update, in microseconds. */
  cpuPerDeliveryUs: number
  /** Server CPU as a share of one core over the window. */
  cpuCorePct: number
  peakRssMiB: number
  lost: number
  disconnects: number
  warnings: number
  sendLagP99: number
  generatorPct: number
  sent: number
  runs: RunResult[]
}

interface Check {
  name: string
  value: string
  target: string
  pass: boolean
}

export interface ScenarioReport {
  scenario: Scenario
  rows: Row[]
  /** Runs during which other processes used more than `noisyAbovePct` of a core: their tails are suspect. */
  noisyRuns: number
  ratios: { p50: number; p95: number; p99: number; cpu: number; rss: number } | undefined
  checks: Check[]
  pass: boolean
}

export interface Report {
  scenarios: ScenarioReport[]
  pass: boolean
}

export function buildReport(runs: RunResult[], noisyAbovePct: number): Report {
  const ids = [...new Set(runs.map((run) => run.scenario.id))]
  const scenarios = ids.map((id) => {
    const ofScenario = runs.filter((run) => run.scenario.id === id)
    const kinds = [...new Set(ofScenario.map((run) => run.kind))]
    const rows = kinds.map((kind) => toRow(ofScenario.filter((run) => run.kind === kind)))
    const ours = rows.find((row) => row.kind === 'mockboard')
    const base = rows.find((row) => row.kind === 'baseline')
    const ratios =
      ours && base
        ? {
            p50: ratio(ours.latency.p50, base.latency.p50),
            p95: ratio(ours.latency.p95, base.latency.p95),
            p99: ratio(ours.latency.p99, base.latency.p99),
            cpu: ratio(ours.cpuPerDeliveryUs, base.cpuPerDeliveryUs),
            rss: ratio(ours.peakRssMiB, base.peakRssMiB),
          }
        : undefined
    const checks: Check[] = []
    if (ratios) {
      checks.push({ name: 'p99 latency', value: `${fixed(ratios.p99, 3)}×`, target: `≤ ${TARGETS.p99Ratio}×`, pass: ratios.p99 <= TARGETS.p99Ratio })
      checks.push({
        name: 'CPU per delivery',
        value: `${fixed(ratios.cpu, 3)}×`,
        target: `≤ ${TARGETS.cpuPerDeliveryRatio}×`,
        pass: ratios.cpu <= TARGETS.cpuPerDeliveryRatio,
      })
    }
    if (ours)
      checks.push({ name: 'updates lost', value: String(ours.lost), target: String(TARGETS.lost), pass: ours.lost <= TARGETS.lost && ours.disconnects === 0 })
    const noisyRuns = ofScenario.filter((run) => (run.foreignCorePct ?? 0) > noisyAbovePct).length
    return { scenario: ofScenario[0]!.scenario, rows, noisyRuns, ratios, checks, pass: checks.every((check) => check.pass) }
  })
  return { scenarios, pass: scenarios.every((s) => s.pass) }
}

/** Pools the rounds of one server: latencies together, CPU and deliveries summed, RSS at its peak. */
function toRow(runs: RunResult[]): Row {
  const sum = (f: (run: RunResult) => number) => runs.reduce((total, run) => total + f(run), 0)
  const cpuMs = sum((run) => run.server.cpuUserMs + run.server.cpuSystemMs)
  const latencies = runs.flatMap((run) => run.load.latencies)
  return {
    kind: runs[0]!.kind,
    latency: summarize(latencies),
    cpuPerDeliveryUs: (cpuMs * 1000) / Math.max(1, latencies.length),
    cpuCorePct: (cpuMs / sum((run) => run.server.windowMs)) * 100,
    peakRssMiB: Math.max(...runs.map((run) => run.server.maxRssBytes)) / 2 ** 20,
    lost: sum((run) => run.load.lost),
    disconnects: sum((run) => run.load.disconnects),
    warnings: sum((run) => run.warnings.count),
    sendLagP99: summarize(runs.flatMap((run) => run.load.sendLagMs)).p99,
    generatorPct: (sum((run) => run.load.generatorUtilization) / runs.length) * 100,
    sent: sum((run) => run.load.sentInWindow),
    runs,
  }
}

const HEADER = ['server', 'measured', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'CPU µs/delivery', 'server CPU %core', 'peak RSS MiB', 'lost', 'drops']

function cells(scenario: ScenarioReport): string[][] {
  const rows = scenario.rows.map((row) => [
    SERVER_LABEL[row.kind],
    `${row.sent} upd → ${row.latency.count} dlv`,
    fixed(row.latency.p50, 2),
    fixed(row.latency.p95, 2),
    fixed(row.latency.p99, 2),
    fixed(row.latency.max, 1),
    fixed(row.cpuPerDeliveryUs, 1),
    fixed(row.cpuCorePct, 1),
    fixed(row.peakRssMiB, 1),
    String(row.lost),
    String(row.disconnects),
  ])
  const r = scenario.ratios
  if (r)
    rows.push([
      'Mockboard / baseline',
      '',
      `${fixed(r.p50, 2)}×`,
      `${fixed(r.p95, 2)}×`,
      `${fixed(r.p99, 2)}×`,
      '',
      `${fixed(r.cpu, 2)}×`,
      '',
      `${fixed(r.rss, 2)}×`,
      '',
      '',
    ])
  return rows
}

/** Side facts that say whether a run can be trusted (generator saturated? server warnings?). */
function notes(scenario: ScenarioReport): string[] {
  return scenario.rows.map((row) => {
    const last = row.runs.at(-1)!
    const per = (f: (run: RunResult) => string) => row.runs.map(f).join(' / ')
    const db = last.server.databaseBytes === undefined ? '' : `, SQLite ${fixed(last.server.databaseBytes / 2 ** 20, 1)} MiB after one run`
    const warning = row.runs.find((run) => run.warnings.first)?.warnings.first
    const warn = row.warnings > 0 ? `, ${row.warnings} server warnings (first: "${warning}")` : ''
    return (
      `${SERVER_LABEL[row.kind]}: p99 per round ${per((run) => fixed(summarize(run.load.latencies).p99, 2))} ms, ` +
      `server CPU user+sys ${per((run) => `${fixed(run.server.cpuUserMs, 0)}+${fixed(run.server.cpuSystemMs, 0)}`)} ms, ` +
      `event loop ${per((run) => fixed(run.server.eventLoopUtilization * 100, 0))}% busy, ` +
      `stalls p99 ${per((run) => fixed(run.server.loopDelayP99Ms, 1))} ms max ${per((run) => fixed(run.server.loopDelayMaxMs, 1))} ms, ` +
      `GC ${per((run) => `${run.server.gcCount}× ${fixed(run.server.gcPauseTotalMs, 0)} ms (max ${fixed(run.server.gcPauseMaxMs, 1)})`)}, ` +
      `load generator ${fixed(row.generatorPct, 0)}% busy, send lag p99 ${fixed(row.sendLagP99, 1)} ms, ` +
      `other processes ${per((run) => fixed(run.foreignCorePct ?? Number.NaN, 0))}% of a core, ` +
      `drain ${per((run) => fixed(run.load.drainMs, 0))} ms${db}${warn}`
    )
  })
}

const verdict = (s: ScenarioReport) => [
  ...s.checks.map((c) => `${c.pass ? 'PASS' : 'FAIL'} ${c.name} ${c.value} (target ${c.target})`),
  ...(s.noisyRuns > 0
    ? [
        `NOISY ${s.noisyRuns} of ${s.rows.reduce((n, row) => n + row.runs.length, 0)} runs shared the machine with other busy processes: latency tails are not comparable, rerun on a quiet machine`,
      ]
    : []),
]

function overall(report: Report): string {
  const noisy = report.scenarios.reduce((n, s) => n + s.noisyRuns, 0)
  return `${report.pass ? 'PASS' : 'FAIL'}${noisy > 0 ? `, inconclusive: ${noisy} noisy run(s)` : ''}`
}

export function renderTerminal(report: Report): string {
  const out: string[] = []
  for (const s of report.scenarios) {
    out.push('', `== ${s.scenario.title} ==`, table(HEADER, cells(s), false), ...notes(s).map((n) => `  ${n}`), ...verdict(s).map((v) => `  ${v}`))
  }
  out.push('', `Overall: ${overall(report)} (targets: p99 ≤ ${TARGETS.p99Ratio}× baseline, CPU/delivery ≤ ${TARGETS.cpuPerDeliveryRatio}×, 0 lost)`)
  return out.join('\n')
}

export interface MachineInfo {
  date: string
  cores: number
  cpu: string
  memoryGiB: number
  node: string
  platform: string
  durationS: number
  warmupS: number
  rounds: number
  paired: boolean
  mockboardEnv: Record<string, string>
  mockboardNodeOptions: string[]
}

export function renderMarkdown(report: Report, machine: MachineInfo): string {
  const out = [
    '# Whiteboard server benchmark',
    '',
    'Written by `npm run bench:board` (tests/bench/board-bench.ts); do not edit by hand.',
    '',
    `- Date: ${machine.date}`,
    `- Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, ${machine.platform}`,
    `- Node: ${machine.node}`,
    `- Each run: ${machine.warmupS} s warm-up, then ${machine.durationS} s measured, then a bounded drain;`,
    machine.paired
      ? `  ${machine.rounds} round(s), both servers driven at the same time on one schedule (--paired), pooled`
      : `  ${machine.rounds} round(s) per server, one server at a time in alternating order (ABBA), pooled`,
    ...(Object.keys(machine.mockboardEnv).length > 0
      ? [
          `- **Mockboard settings changed from their defaults:** ${Object.entries(machine.mockboardEnv)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}`,
        ]
      : []),
    ...(machine.mockboardNodeOptions.length > 0 ? [`- **Mockboard's node started with:** ${machine.mockboardNodeOptions.join(' ')}`] : []),
    '',
    'Each server runs in its own child process (its CPU and peak RSS are its own); all clients are',
    'y-websocket providers in the parent process. One writer per room drags a tldraw geo shape',
    "(YKeyValue record with every geo prop) at a fixed rate; latency is send → the receiver's",
    'YKeyValue change event. Mockboard runs with persistence on (SQLite, default 1 s flush window);',
    'the baseline is `@y/websocket-server` 0.1.1 without persistence. CPU per delivery = server',
    'user+system CPU from the start of the window to the end of the drain ÷ deliveries measured.',
    'The CPU that other processes used during each window is read from /proc/stat: runs on a busy',
    'machine are repeated (a bounded number of times) and flagged NOISY when still over the threshold.',
    '',
  ]
  for (const s of report.scenarios) {
    out.push(`## ${s.scenario.title}`, '', table(HEADER, cells(s), true), '', ...notes(s).map((n) => `- ${n}`), '')
    out.push(...verdict(s).map((v) => `- **${v.split(' ')[0]}** ${v.split(' ').slice(1).join(' ')}`), '')
  }
  out.push(
    `**Overall: ${overall(report)}** (targets: p99 ≤ ${TARGETS.p99Ratio}× baseline, CPU per delivery ≤ ${TARGETS.cpuPerDeliveryRatio}× baseline, 0 updates lost)`,
    '',
  )
  return out.join('\n')
}
