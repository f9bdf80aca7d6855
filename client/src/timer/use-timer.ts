import { useEffect, useState } from 'react'
import { timerView, type TimerState, type TimerView } from '../../../shared/timer.ts'
import type { TimerStateMessage } from '../../../shared/timer-events.ts'
import type { RoomSocket } from '../room/use-room-socket.ts'
import { displaySeconds } from './format-clock.ts'
import { useServerClock } from './use-server-clock.ts'

export interface Timer {
  /** The last state the server sent; undefined until it does (or when the room has no timer). */
  state: TimerState | undefined
  serverNow: () => number
  isClockSynced: boolean
}

/**
 * The room's timer as the server last described it. This changes only on transitions, so the
 * room page can hold it without re-rendering every second; the ticking happens in `useTimerView`.
 */
export function useTimer(socket: RoomSocket | undefined): Timer {
  const clock = useServerClock(socket)
  const [state, setState] = useState<TimerState>()

  const { calibrateCoarsely } = clock
  useEffect(() => {
    if (!socket) return
    const handleState = ({ state: next, serverNow }: TimerStateMessage) => {
      calibrateCoarsely(serverNow)
      // Socket.IO keeps order per connection, but the state sent on a reconnect can race a broadcast: keep the newest revision.
      setState((current) => (current && current.revision > next.revision ? current : next))
    }
    socket.on('timer:state', handleState)
    return () => {
      socket.off('timer:state', handleState)
    }
  }, [socket, calibrateCoarsely])

  return { state, serverNow: clock.serverNow, isClockSynced: clock.isSynced }
}

/** What to show right now; re-renders only when the displayed second (or the phase, status or warning) changes. */
export function useTimerView(timer: Timer): TimerView | undefined {
  const { state, serverNow } = timer
  const [view, setView] = useState<TimerView>()

  useEffect(() => {
    if (!state) {
      setView(undefined)
      return
    }
    let handle: ReturnType<typeof setTimeout> | undefined
    const update = () => {
      const next = timerView(state, serverNow())
      setView((current) => (current && displayKey(current) === displayKey(next) ? current : next))
      if (state.status === 'running') handle = setTimeout(update, msUntilNextChange(next))
    }
    update()
    return () => clearTimeout(handle)
  }, [state, serverNow])

  return view
}

const displayKey = (view: TimerView) => `${view.status}|${view.phaseIndex}|${view.isOverrun}|${view.isWarning}|${displaySeconds(view.remainingMs)}`

/** Wakes just after the displayed second flips, so screens change together; at least every 250 ms for the warning edge. */
function msUntilNextChange(view: TimerView): number {
  const intoSecond = ((view.remainingMs % 1000) + 1000) % 1000
  return Math.min(intoSecond === 0 ? 1000 : intoSecond, 250) + 5
}
