/**
 * NTP-style estimate of how far the server's clock is ahead of this client's (`serverTime ≈
 * localTime + offsetMs`). Pure: the caller supplies the samples, or a ping function and a local clock.
 *
 * One sample brackets the server's reading between the local send and receive times, so its
 * offset is off by at most half its round trip, and by exactly the asymmetry of the two legs.
 * A slow round trip usually means one leg was queued, so we trust the quickest samples only.
 */

export interface ClockSample {
  /** Local ms when the ping left. */
  clientSent: number
  /** Server ms when it answered. */
  serverTime: number
  /** Local ms when the answer arrived. */
  clientReceived: number
}

export interface ClockEstimate {
  offsetMs: number
  /** Round trip of the quickest sample: the estimate is within half of it, whatever the asymmetry. */
  roundTripMs: number
  samplesUsed: number
}

/** Pings per sync: enough that one of them usually travels without queueing, few enough to finish in a blink. */
export const CLOCK_SAMPLE_COUNT = 5
/** Clocks drift by tens of ms per hour at worst; re-measuring every few minutes keeps a 45-minute interview well inside 250 ms. */
export const CLOCK_RESYNC_INTERVAL_MS = 5 * 60_000

export const roundTripMs = (sample: ClockSample): number => sample.clientReceived - sample.clientSent
export const sampleOffsetMs = (sample: ClockSample): number => sample.serverTime - (sample.clientSent + sample.clientReceived) / 2

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  if (sorted.length % 2 === 1) return sorted[middle] as number
  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/**
 * Keeps the quickest third of the samples (at least one) and takes the median of their offsets:
 * the quickest samples bound the error best, and the median ignores one unlucky asymmetric leg.
 * Returns undefined when no sample is usable (none, or a local clock that ran backwards).
 */
export function estimateClockOffset(samples: readonly ClockSample[]): ClockEstimate | undefined {
  const usable = samples.filter((sample) => {
    const values = [sample.clientSent, sample.serverTime, sample.clientReceived]
    return values.every(Number.isFinite) && roundTripMs(sample) >= 0
  })
  if (usable.length === 0) return undefined
  const quickest = [...usable].sort((a, b) => roundTripMs(a) - roundTripMs(b)).slice(0, Math.max(1, Math.ceil(usable.length / 3)))
  return {
    offsetMs: median(quickest.map(sampleOffsetMs)),
    roundTripMs: roundTripMs(quickest[0] as ClockSample),
    samplesUsed: quickest.length,
  }
}

/**
 * Takes `count` samples one after another (concurrent pings would queue behind each other and
 * inflate every round trip). A ping that fails is skipped; the caller gets whatever succeeded.
 */
export async function collectClockSamples(ping: () => Promise<number>, localNow: () => number, count: number = CLOCK_SAMPLE_COUNT): Promise<ClockSample[]> {
  const samples: ClockSample[] = []
  for (let i = 0; i < count; i++) {
    const clientSent = localNow()
    try {
      const serverTime = await ping()
      samples.push({ clientSent, serverTime, clientReceived: localNow() })
    } catch {
      // A lost or timed-out ping says nothing about the offset.
    }
  }
  return samples
}

/** Samples and estimates in one call: what a client does on connect and every few minutes. */
export async function measureClockOffset(
  ping: () => Promise<number>,
  localNow: () => number,
  count: number = CLOCK_SAMPLE_COUNT,
): Promise<ClockEstimate | undefined> {
  return estimateClockOffset(await collectClockSamples(ping, localNow, count))
}
