// The phase timer's client side: the room page holds `useTimer(socket)` and places the two components.
export { PhaseTimer, PhaseTimerDisplay } from './phase-timer.tsx'
export { TimerControls } from './timer-controls.tsx'
export { useTimer, useTimerView, type Timer } from './use-timer.ts'
export { useServerClock, type ServerClock } from './use-server-clock.ts'
