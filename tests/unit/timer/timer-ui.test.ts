import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { createTimer, DEFAULT_PHASES, startTimer, timerView, type TimerState } from '../../../shared/timer.ts'
import { formatClock, spokenDuration } from '../../../client/src/timer/format-clock.ts'
import { PhaseTimerDisplay } from '../../../client/src/timer/phase-timer.tsx'
import { TimerControls } from '../../../client/src/timer/timer-controls.tsx'
import type { RoomSocket } from '../../../client/src/room/use-room-socket.ts'

const T0 = 1_800_000_000_000
const MINUTE = 60_000

function running(): TimerState {
  const result = startTimer(createTimer(DEFAULT_PHASES), T0)
  if (!result.ok) throw new Error(result.error.code)
  return result.state
}

const renderTimerAt = (state: TimerState, nowMs: number) => renderToStaticMarkup(createElement(PhaseTimerDisplay, { state, view: timerView(state, nowMs) }))

describe('timer clock format', () => {
  it('counts down rounding up, so 0:00 shows exactly at the deadline, then counts up past it with a plus', () => {
    expect(formatClock(5 * MINUTE)).toBe('5:00')
    expect(formatClock(4 * MINUTE + 59_001)).toBe('5:00')
    expect(formatClock(61_000)).toBe('1:01')
    expect(formatClock(1)).toBe('0:01')
    expect(formatClock(0)).toBe('0:00')
    expect(formatClock(-999)).toBe('+0:00')
    expect(formatClock(-65_000)).toBe('+1:05')
    expect(formatClock(-75 * MINUTE)).toBe('+75:00')
  })

  it('speaks durations in words for screen readers', () => {
    expect(spokenDuration(200_000)).toBe('3 minutes 20 seconds')
    expect(spokenDuration(60_000)).toBe('1 minute')
    expect(spokenDuration(-1000)).toBe('1 second')
    expect(spokenDuration(0)).toBe('0 seconds')
  })
})

describe('phase timer display', () => {
  it('shows the current phase highlighted and the time left as mm:ss in a timer role', () => {
    const html = renderTimerAt(running(), T0 + 90_000)
    expect(html).toContain('role="timer"')
    expect(html).toContain('>3:30<')
    expect(html).toMatch(/aria-current="step"[^>]*><span class="timer-phase-label">Clarify</)
    expect(html).not.toContain('timer-tone-warning')
  })

  it('marks the last minute of a 5-minute phase with the soft warning', () => {
    expect(renderTimerAt(running(), T0 + 4 * MINUTE + 10_000)).toContain('timer-tone-warning')
  })

  it('shows overrun as +mm:ss with the word "over", in the overrun style', () => {
    const html = renderTimerAt(running(), T0 + 6 * MINUTE + 5000)
    expect(html).toContain('timer-tone-over')
    expect(html).toContain('>+1:05<')
    expect(html).toContain('<span class="timer-over-word">over</span>')
    expect(html).toContain('aria-label="Clarify: 1 minute 5 seconds over time"')
  })

  it('says it is waiting before the server has sent a timer', () => {
    expect(renderToStaticMarkup(createElement(PhaseTimerDisplay, { state: undefined, view: undefined }))).toContain('Waiting for the timer')
  })
})

describe('timer controls', () => {
  const socket = {} as RoomSocket
  const controls = (state: TimerState | undefined) =>
    renderToStaticMarkup(createElement(TimerControls, { socket, timer: { state, serverNow: () => T0, isClockSynced: true } }))
  const isDisabled = (html: string, label: string) => new RegExp(`<button[^>]*disabled=""[^>]*>${label}<`).test(html)

  it('before the start every control is disabled: the interview’s own Start begins the clock', () => {
    const html = controls(createTimer(DEFAULT_PHASES))
    expect(html).not.toContain('Start interview')
    for (const label of ['Previous phase', 'Next phase', '\\+1 min', '\\+5 min']) expect(isDisabled(html, label)).toBe(true)
  })

  it('while running on the first phase: Pause, Next and the extensions are enabled, Previous is not', () => {
    const html = controls(running())
    expect(html).not.toContain('Start interview')
    for (const label of ['Pause', 'Next phase', '\\+2 min']) expect(isDisabled(html, label)).toBe(false)
    expect(isDisabled(html, 'Previous phase')).toBe(true)
  })
})
