import * as z from 'zod/mini'
import { ackOf, clientEvent } from './protocol.ts'
import { EXTENSION_MINUTES, type TimerState, type TimerTransition } from './timer.ts'

/** Timer controls carry no data: the server decides the time, never the client. */
export const TimerControlSchema = z.strictObject({})
export const TimerExtendSchema = z.strictObject({ minutes: z.literal(EXTENSION_MINUTES) })
export type TimerExtend = z.infer<typeof TimerExtendSchema>
export const ClockPingSchema = z.strictObject({})

// There is no 'timer:start': the clock starts with the interview ('interview:start'), so the two cannot drift apart.
/** Every control answers with the timer's state after the transition. */
export interface TimerControlAck {
  state: TimerState
}

export const TimerClientEvents = {
  'timer:pause': clientEvent(TimerControlSchema, ackOf<TimerControlAck>()),
  'timer:resume': clientEvent(TimerControlSchema, ackOf<TimerControlAck>()),
  'timer:next': clientEvent(TimerControlSchema, ackOf<TimerControlAck>()),
  'timer:previous': clientEvent(TimerControlSchema, ackOf<TimerControlAck>()),
  'timer:extend': clientEvent(TimerExtendSchema, ackOf<TimerControlAck>()),
  /** Anyone may ask the server's time; the ack carries `{ serverTime }` (ms since epoch). */
  'clock:ping': clientEvent(ClockPingSchema, ackOf<{ serverTime: number }>()),
} as const

export type TimerControlEvent = Exclude<keyof typeof TimerClientEvents, 'clock:ping'>

/** Which transition each control event asks for ('extend' takes its minutes from the payload). */
export const TIMER_EVENT_TRANSITIONS = {
  'timer:pause': 'pause',
  'timer:resume': 'resume',
  'timer:next': 'next',
  'timer:previous': 'previous',
  'timer:extend': 'extend',
} as const satisfies Record<TimerControlEvent, TimerTransition['type']>

/** The ack of 'clock:ping'; the client parses it because ack types are not checked on the wire. z.number() refuses Infinity and NaN. */
export const ClockPingAckSchema = z.object({ ok: z.literal(true), serverTime: z.number() })

export interface TimerStateMessage {
  state: TimerState
  /** The server's clock when it sent this, for a coarse view before the first clock sync finishes. */
  serverNow: number
}

export interface TimerServerEvents {
  /** The whole timer state: sent to a socket when it connects and to the room on every transition (never ticks). */
  'timer:state': (message: TimerStateMessage) => void
}
