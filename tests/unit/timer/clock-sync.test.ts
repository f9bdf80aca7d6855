import { describe, expect, it } from 'vitest'
import { collectClockSamples, estimateClockOffset, measureClockOffset, type ClockSample } from '../../../shared/clock-sync.ts'

const SERVER_T0 = 1_800_000_000_000

/**
 * One ping through a simulated network: the client's clock reads `server + skewMs`; the request
 * takes `upMs` to reach the server and the answer `downMs` to come back.
 */
function sampleAt(serverSendMs: number, skewMs: number, upMs: number, downMs: number): ClockSample {
  return {
    clientSent: serverSendMs + skewMs,
    serverTime: serverSendMs + upMs,
    clientReceived: serverSendMs + upMs + downMs + skewMs,
  }
}

describe('clock offset estimation', () => {
  it('with symmetric legs, the offset undoes a client clock that is minutes ahead or behind', () => {
    for (const skewMs of [3 * 60_000, -7 * 60_000, 250]) {
      const samples = [0, 100, 200].map((at) => sampleAt(SERVER_T0 + at, skewMs, 20, 20))
      expect(estimateClockOffset(samples)?.offsetMs).toBe(-skewMs)
    }
  })

  it('asymmetric legs bias one sample by half the asymmetry, within half its round trip', () => {
    const estimate = estimateClockOffset([sampleAt(SERVER_T0, 90_000, 10, 50)])
    expect(estimate?.roundTripMs).toBe(60)
    expect(estimate!.offsetMs - -90_000).toBe(-20)
    expect(Math.abs(estimate!.offsetMs - -90_000)).toBeLessThanOrEqual(estimate!.roundTripMs / 2)
  })

  it('the quickest samples win over slow asymmetric ones (a queued leg)', () => {
    const skewMs = -120_000
    const samples = [
      sampleAt(SERVER_T0, skewMs, 400, 5),
      sampleAt(SERVER_T0 + 500, skewMs, 6, 4),
      sampleAt(SERVER_T0 + 1000, skewMs, 5, 900),
      sampleAt(SERVER_T0 + 2000, skewMs, 5, 5),
      sampleAt(SERVER_T0 + 2500, skewMs, 250, 250),
      sampleAt(SERVER_T0 + 3000, skewMs, 700, 10),
    ]
    const estimate = estimateClockOffset(samples)!
    expect(estimate.samplesUsed).toBe(2)
    expect(estimate.roundTripMs).toBe(10)
    expect(Math.abs(estimate.offsetMs - -skewMs)).toBeLessThanOrEqual(1)
  })

  it('no samples, or only samples whose local clock ran backwards, give no estimate', () => {
    expect(estimateClockOffset([])).toBeUndefined()
    expect(estimateClockOffset([{ clientSent: 100, serverTime: 50, clientReceived: 90 }])).toBeUndefined()
  })

  it('collects samples one at a time and skips pings that fail', async () => {
    let localMs = 1000
    let inFlight = 0
    let call = 0
    const ping = async () => {
      inFlight++
      expect(inFlight).toBe(1)
      // The server answers halfway through a 10 ms round trip, with its clock 60 s ahead.
      localMs += 5
      const serverTime = localMs + 60_000
      await Promise.resolve()
      localMs += 5
      inFlight--
      call++
      if (call === 2) throw new Error('timed out')
      return serverTime
    }
    const samples = await collectClockSamples(ping, () => localMs, 4)
    expect(samples).toHaveLength(3)
    expect(samples.every((sample) => sample.clientReceived - sample.clientSent === 10)).toBe(true)
    expect((await measureClockOffset(ping, () => localMs, 3))?.offsetMs).toBe(60_000)
  })
})
