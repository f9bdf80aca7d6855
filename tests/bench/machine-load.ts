import fs from 'node:fs'
import os from 'node:os'

/**
 * CPU time the whole machine spent on user and kernel work (Linux /proc/stat), to tell how much
 * of it was someone else's: on a shared 2-core box a compile or test run beside the benchmark
 * inflates tail latency far more than any difference between the servers. Interrupt time is left
 * out because loopback traffic is processed there and is ours.
 */
export function machineBusyMs(): number | undefined {
  let stat: string
  try {
    stat = fs.readFileSync('/proc/stat', 'utf8')
  } catch {
    return undefined
  }
  const fields = /^cpu\s+(\d+)\s+(\d+)\s+(\d+)/m.exec(stat)
  if (!fields) return undefined
  // /proc/stat counts in USER_HZ, which is 100 on every Linux Node supports.
  const [, user, nice, system] = fields.map(Number)
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0)) * 10
}

export interface ForeignLoad {
  /** CPU used by processes other than the benchmark and its server, in % of one core over the span. */
  corePct: number | undefined
}

/** Starts a span; `end(ourCpuMs)` returns the share of the machine that others used meanwhile. */
export function trackForeignLoad(): { end(ourCpuMs: number): ForeignLoad } {
  const busyAtStart = machineBusyMs()
  const startedAt = performance.now()
  return {
    end(ourCpuMs) {
      const busyAtEnd = machineBusyMs()
      if (busyAtStart === undefined || busyAtEnd === undefined) return { corePct: undefined }
      const spanMs = performance.now() - startedAt
      // Jiffy granularity (10 ms per core) makes small negatives possible; clamp them.
      return { corePct: Math.max(0, ((busyAtEnd - busyAtStart - ourCpuMs) / spanMs) * 100) }
    },
  }
}

export const CORES = os.availableParallelism()

/**
 * Bounded wait for the machine to be idle (all of it busy less than `maxBusyPct` of one core, for
 * `quietMs` in a row) before a run starts. Gives up after `timeoutMs` and returns false: the run
 * then goes ahead and its foreign-load figure tells the reader how much to trust it.
 */
export async function waitForQuietMachine({ maxBusyPct = 20, quietMs = 2000, timeoutMs = 20_000 } = {}): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  const stepMs = 500
  let quietFor = 0
  while (performance.now() < deadline) {
    const before = machineBusyMs()
    if (before === undefined) return true
    await new Promise((resolve) => setTimeout(resolve, stepMs))
    const busyPct = (((machineBusyMs() ?? before) - before) / stepMs) * 100
    quietFor = busyPct < maxBusyPct ? quietFor + stepMs : 0
    if (quietFor >= quietMs) return true
  }
  return false
}
