import { TIMELINE_RULES, TimelineEventSchema, type NewTimelineEvent, type TimelineEvent } from '../../shared/timeline.ts'
import { describeZodError } from '../errors.ts'

/**
 * An event the server itself built does not match the protocol: a bug in its writer, never user
 * input (that is refused at the edge, before anything is appended). It propagates, so the
 * caller's transaction rolls back and nothing of the action is stored half-way.
 */
export class InvalidTimelineEventError extends Error {
  readonly type: string

  constructor(type: string, reason: string) {
    super(`invalid timeline event ${JSON.stringify(type)}: ${reason}`)
    this.name = 'InvalidTimelineEventError'
    this.type = type
  }
}

/** A stored row that no longer parses (edited by hand, or a migration forgot it): reading stops rather than guessing. */
export class CorruptTimelineEventError extends Error {
  readonly eventId: number

  constructor(eventId: number, type: string, reason: string) {
    super(`timeline event ${eventId} (${JSON.stringify(type)}) does not match shared/timeline.ts: ${reason}`)
    this.name = 'CorruptTimelineEventError'
    this.eventId = eventId
  }
}

/** Stamps the type's current version and checks the whole event against the shared schema. */
export function validateTimelineEvent(input: NewTimelineEvent): TimelineEvent {
  // Types do not validate: a caller may still hand over a type the protocol does not know.
  const rule = Object.hasOwn(TIMELINE_RULES, input.type) ? TIMELINE_RULES[input.type] : undefined
  if (!rule) throw new InvalidTimelineEventError(input.type, 'unknown type')
  const parsed = TimelineEventSchema.safeParse({ ...input, v: rule.v })
  if (!parsed.success) throw new InvalidTimelineEventError(input.type, describeZodError(parsed.error))
  return parsed.data
}
