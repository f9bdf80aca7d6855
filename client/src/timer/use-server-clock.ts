import { useCallback, useEffect, useRef, useState } from 'react'
import { CLOCK_RESYNC_INTERVAL_MS, measureClockOffset, type ClockEstimate } from '../../../shared/clock-sync.ts'
import { ClockPingAckSchema } from '../../../shared/timer-events.ts'
import { request } from '../realtime/request.ts'
import type { RoomSocket } from '../room/use-room-socket.ts'

/** A ping slower than this says nothing useful about the offset (its error bound is half of it). */
const PING_TIMEOUT_MS = 3000

/**
 * The local clock we measure against. `performance` is monotonic: an OS clock adjustment during
 * the interview cannot make the timer jump, where `Date.now()` could.
 */
const localNow = () => performance.timeOrigin + performance.now()

/** The ack is parsed, not trusted: the offset math needs a finite number. */
async function pingServer(socket: RoomSocket): Promise<number> {
  const parsed = ClockPingAckSchema.safeParse(await request(socket, 'clock:ping', {}, { timeoutMs: PING_TIMEOUT_MS }))
  if (!parsed.success) throw new Error('clock:ping got no usable answer')
  return parsed.data.serverTime
}

export interface ServerClock {
  /** The server's time now (ms since epoch), as well as this browser can tell. Stable identity. */
  serverNow: () => number
  /** Uses a server timestamp from any message until the first real measurement arrives. */
  calibrateCoarsely: (serverTime: number) => void
  isSynced: boolean
  /** Round trip of the best sample: the clock is right within half of it. */
  roundTripMs: number | undefined
}

/**
 * Learns this browser's clock offset from the server: several pings on every (re)connect, so a
 * laptop waking from sleep resyncs, and again every few minutes against drift.
 */
export function useServerClock(socket: RoomSocket | undefined): ServerClock {
  const offsetMsRef = useRef(0)
  const hasEstimateRef = useRef(false)
  const [estimate, setEstimate] = useState<ClockEstimate>()

  useEffect(() => {
    if (!socket) return
    let cancelled = false
    const sync = async () => {
      const next = await measureClockOffset(() => pingServer(socket), localNow)
      if (cancelled || !next) return
      offsetMsRef.current = next.offsetMs
      hasEstimateRef.current = true
      setEstimate(next)
    }
    const syncIfConnected = () => {
      if (socket.connected) void sync()
    }
    socket.on('connect', syncIfConnected)
    syncIfConnected()
    const interval = setInterval(syncIfConnected, CLOCK_RESYNC_INTERVAL_MS)
    return () => {
      cancelled = true
      socket.off('connect', syncIfConnected)
      clearInterval(interval)
    }
  }, [socket])

  const serverNow = useCallback(() => localNow() + offsetMsRef.current, [])
  // Off by one network leg at most, but far better than a local clock that may be minutes wrong.
  const calibrateCoarsely = useCallback((serverTime: number) => {
    if (!hasEstimateRef.current) offsetMsRef.current = serverTime - localNow()
  }, [])
  return { serverNow, calibrateCoarsely, isSynced: estimate !== undefined, roundTripMs: estimate?.roundTripMs }
}
