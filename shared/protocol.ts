import type * as z from 'zod/mini'
import type { ErrorCode } from './errors.ts'

/**
 * One client-to-server event: the zod schema the server parses its payload with, and the shape of
 * the success ack it answers with. The ack is a type only (acks come from our own server, and the
 * client parses the few it must trust, like clock:ping); `ackOf<T>()` carries it at no cost.
 */
export interface ClientEvent<P extends z.ZodMiniType = z.ZodMiniType, A extends object = object> {
  payload: P
  ack: AckShape<A>
}

/** A phantom: never read at run time, it only carries `A` from the declaration to both sides. */
export interface AckShape<A extends object> {
  readonly __ack?: A
}

export function ackOf<A extends object = Record<never, never>>(): AckShape<A> {
  return {}
}

export function clientEvent<P extends z.ZodMiniType, A extends object = Record<never, never>>(payload: P, ack: AckShape<A> = ackOf<A>()): ClientEvent<P, A> {
  return { payload, ack }
}

export type AckError = { ok: false; error: { code: ErrorCode; message: string } }
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError
