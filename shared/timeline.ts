/**
 * The room timeline as a protocol, like the wire: every event that can happen in a room, its
 * payload, its version and who may read it, declared once. The server's `timeline` feature is the
 * only code that stores or reads events (server/timeline/), and it validates every event with
 * `TimelineEventSchema` on the way in and on the way out, so a reader never casts JSON.
 *
 * An event is an envelope (room, server time, the participant who caused it or null) plus a
 * `type`, a schema version `v` and a `payload` whose shape is fixed by (type, v). Events are
 * appended, never updated or deleted; an edit is a new event (`note.edited`).
 *
 * Who may read each type (`TIMELINE_RULES[type].readers`):
 * - `everyone` — every participant of the room;
 * - `staff` — roles with the staff view in the permission table (`room:view-staff-panel`);
 * - `author` — only the participant named in the envelope (notes are private to their author).
 *
 * Changing a payload (say `question.hint-given` gains a field that old rows do not have):
 * 1. An optional field needs no new version: old rows still parse. Prefer it when the absence has
 *    a meaning readers can handle ("no topic").
 * 2. Otherwise declare `v: 2` beside v1 and make that type's member a union on `v`:
 *      const HintGivenV2 = event('question.hint-given', 2, z.strictObject({ … }))
 *      …z.discriminatedUnion('v', [HintGivenV1, HintGivenV2])… in TimelineEventSchema
 *    then set `TIMELINE_RULES['question.hint-given'].v = 2`. Writers can then only write v2
 *    (`NewTimelineEvent` is built from the current version), old rows keep parsing as v1, and
 *    readers narrow on `event.v`. A migration that rewrites old rows into v2 is possible but
 *    optional; history stays readable as it was written.
 */
import * as z from 'zod/mini'
import { RoomIdSchema } from './api.ts'
import { BankIdSchema } from './bank.ts'
import { ClientIdSchema } from './notes-events.ts'
import { can, RoleSchema, type Role } from './roles.ts'
import { EXTENSION_MINUTES, TIMER_STATUSES, type PhaseActual, type TimerState } from './timer.ts'

const IdSchema = z.string().check(z.minLength(1), z.maxLength(64))
const TextSchema = z.string().check(z.minLength(1))
const CountSchema = z.number().check(z.int(), z.nonnegative())
const DurationMsSchema = z.number().check(z.nonnegative())
const ServerTimeSchema = z.nullable(CountSchema)

/** The envelope of an event caused by a participant: the author is always known. */
function authoredEvent<T extends string, V extends number, P extends z.ZodMiniType>(type: T, v: V, payload: P) {
  return z.strictObject({ roomId: RoomIdSchema, at: CountSchema, participantId: IdSchema, type: z.literal(type), v: z.literal(v), payload })
}

/** The envelope of an event the server may cause itself (participantId null): creation, board saves, timer. */
function event<T extends string, V extends number, P extends z.ZodMiniType>(type: T, v: V, payload: P) {
  return z.strictObject({ roomId: RoomIdSchema, at: CountSchema, participantId: z.nullable(IdSchema), type: z.literal(type), v: z.literal(v), payload })
}

const NoPayloadSchema = z.strictObject({})

export const TimerStateSchema = z.strictObject({
  phases: z.array(z.strictObject({ id: IdSchema, label: z.string(), plannedMs: DurationMsSchema })),
  progress: z.array(z.strictObject({ spentMs: DurationMsSchema, extensionMs: DurationMsSchema })),
  phaseIndex: CountSchema,
  status: z.enum(TIMER_STATUSES),
  phaseStartedAt: ServerTimeSchema,
  pausedAt: ServerTimeSchema,
  pausedMsInPhase: DurationMsSchema,
  startedAt: ServerTimeSchema,
  endedAt: ServerTimeSchema,
  revision: CountSchema,
})

export const PhaseActualSchema = z.strictObject({
  phaseId: IdSchema,
  label: z.string(),
  plannedMs: DurationMsSchema,
  extensionMs: DurationMsSchema,
  actualMs: DurationMsSchema,
})

// The timer's types live in shared/timer.ts (its math has no zod); these lines fail to compile
// when a field is added there and not here, or the other way round.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Assert<T extends true> = T
// biome-ignore lint/correctness/noUnusedVariables: read by the type checker only
type TimerSchemasMatch = [Assert<Same<z.infer<typeof TimerStateSchema>, TimerState>>, Assert<Same<z.infer<typeof PhaseActualSchema>, PhaseActual>>]

/** Every timer transition records the whole state after it: replay reads the timer at t from the last timer event ≤ t. */
const timerTransition = <T extends string, E extends z.core.$ZodLooseShape>(type: T, extra: E) =>
  event(type, 1, z.strictObject({ phaseId: IdSchema, phaseIndex: CountSchema, state: TimerStateSchema, ...extra }))

/** v1: hints were one flat list, `index` its position. Old rows stay readable. */
const HintGivenV1 = event('question.hint-given', 1, z.strictObject({ questionId: BankIdSchema, index: CountSchema }))
/** v2: hints are ladders: the topic's id (derived from its name) and the rung given, counting from 1. */
const HintGivenV2 = event(
  'question.hint-given',
  2,
  z.strictObject({ questionId: BankIdSchema, topicId: BankIdSchema, rung: z.number().check(z.int(), z.positive()) }),
)

export const TimelineEventSchema = z.discriminatedUnion('type', [
  event('room.created', 1, z.strictObject({ title: TextSchema })),
  authoredEvent('participant.joined', 1, z.strictObject({ role: RoleSchema, name: TextSchema })),
  authoredEvent('participant.renamed', 1, z.strictObject({ name: TextSchema })),
  authoredEvent('participant.left', 1, NoPayloadSchema),
  /** Lobby only; null is "no question". Staff-only: the id would tell the candidate the question before the start. */
  event('interview.question-set', 1, z.strictObject({ questionId: z.nullable(BankIdSchema) })),
  event('interview.phase-plan-set', 1, z.strictObject({ phasePlanId: BankIdSchema })),
  event('interview.started', 1, NoPayloadSchema),
  /** The time actually spent per phase (empty when the room had no timer). */
  event('interview.ended', 1, z.strictObject({ actuals: z.array(PhaseActualSchema) })),
  /** `index` is the fact's position in the question's clarifying facts. */
  event('question.fact-revealed', 1, z.strictObject({ questionId: BankIdSchema, index: CountSchema })),
  z.discriminatedUnion('v', [HintGivenV1, HintGivenV2]),
  timerTransition('timer.start', {}),
  timerTransition('timer.pause', {}),
  timerTransition('timer.resume', {}),
  timerTransition('timer.next', {}),
  timerTransition('timer.previous', {}),
  timerTransition('timer.extend', { minutes: z.literal(EXTENSION_MINUTES) }),
  timerTransition('timer.end', { actuals: z.array(PhaseActualSchema) }),
  /** A lobby change of plan (new question or phase plan). */
  event('timer.plan-replaced', 1, z.strictObject({ state: TimerStateSchema })),
  /** That and when a note was written, never what it says: the text stays in the notes tables. */
  authoredEvent('note.created', 1, z.strictObject({ noteId: ClientIdSchema, revisionId: ClientIdSchema, phaseId: z.nullable(IdSchema) })),
  authoredEvent(
    'note.edited',
    1,
    z.strictObject({ noteId: ClientIdSchema, revisionId: ClientIdSchema, revision: z.number().check(z.int(), z.minimum(2)), phaseId: z.nullable(IdSchema) }),
  ),
  /** The text is in chat_messages, joined by id. */
  authoredEvent('chat.message', 1, z.strictObject({ messageId: ClientIdSchema })),
  /** One saved window of whiteboard edits: its sequence number in board_updates and its size. */
  event('board.diff', 1, z.strictObject({ seq: CountSchema, bytes: CountSchema })),
])

/** An event as stored and read back (any version ever written). */
export type TimelineEvent = z.infer<typeof TimelineEventSchema>
export type TimelineEventType = TimelineEvent['type']
export type TimelineEventOf<T extends TimelineEventType> = Extract<TimelineEvent, { type: T }>
/** An event as read back, with `id`: its position in the room's timeline (the append order). */
export type StoredTimelineEvent<T extends TimelineEventType = TimelineEventType> = TimelineEventOf<T> & { id: number }

export const TIMELINE_READERS = ['everyone', 'staff', 'author'] as const
export type TimelineReaders = (typeof TIMELINE_READERS)[number]

export interface TimelineRule {
  readers: TimelineReaders
  /** The version writers write now; older versions stay readable. */
  v: number
}

/** Who may read each type, and its current version. Adding a type without a rule does not compile. */
export const TIMELINE_RULES = {
  'room.created': { readers: 'everyone', v: 1 },
  'participant.joined': { readers: 'everyone', v: 1 },
  'participant.renamed': { readers: 'everyone', v: 1 },
  'participant.left': { readers: 'everyone', v: 1 },
  'interview.question-set': { readers: 'staff', v: 1 },
  'interview.phase-plan-set': { readers: 'everyone', v: 1 },
  'interview.started': { readers: 'everyone', v: 1 },
  'interview.ended': { readers: 'everyone', v: 1 },
  'question.fact-revealed': { readers: 'everyone', v: 1 },
  'question.hint-given': { readers: 'everyone', v: 2 },
  'timer.start': { readers: 'everyone', v: 1 },
  'timer.pause': { readers: 'everyone', v: 1 },
  'timer.resume': { readers: 'everyone', v: 1 },
  'timer.next': { readers: 'everyone', v: 1 },
  'timer.previous': { readers: 'everyone', v: 1 },
  'timer.extend': { readers: 'everyone', v: 1 },
  'timer.end': { readers: 'everyone', v: 1 },
  'timer.plan-replaced': { readers: 'everyone', v: 1 },
  'note.created': { readers: 'author', v: 1 },
  'note.edited': { readers: 'author', v: 1 },
  'chat.message': { readers: 'everyone', v: 1 },
  'board.diff': { readers: 'everyone', v: 1 },
} as const satisfies Record<TimelineEventType, TimelineRule>

// The keys of TIMELINE_RULES are exactly the event types (the `satisfies` above checks both ways).
export const TIMELINE_EVENT_TYPES = Object.keys(TIMELINE_RULES) as TimelineEventType[]

export type TimerEventType = Extract<TimelineEventType, `timer.${string}`>
export const TIMER_EVENT_TYPES = TIMELINE_EVENT_TYPES.filter((type): type is TimerEventType => type.startsWith('timer.'))

type CurrentVersionOf<T extends TimelineEventType> = (typeof TIMELINE_RULES)[T]['v']
type WithoutVersion<E> = E extends unknown ? Omit<E, 'v'> : never

/** What a writer appends: the current version of its type, without `v` (the timeline stamps it). */
export type NewTimelineEvent = {
  [T in TimelineEventType]: WithoutVersion<Extract<TimelineEventOf<T>, { v: CurrentVersionOf<T> }>>
}[TimelineEventType]

type WithoutPlaceAndTime<E> = E extends unknown ? Omit<E, 'roomId' | 'at'> : never

/** A new event of some types before its writer adds the room and the time, e.g. `TimelineEventDraft<TimerEventType>`. */
export type TimelineEventDraft<T extends TimelineEventType> = WithoutPlaceAndTime<Extract<NewTimelineEvent, { type: T }>>

/**
 * Who is reading. A participant reads their own room's timeline as their role allows. `server` is
 * the server itself computing a projection it then filters per socket (the question panel, the
 * phase actuals); it is never built from a request. The accounts feature will add a team member
 * here (reading past sessions of their team), as one more case of `canReadTimelineEvent`.
 */
export type TimelineViewer = { kind: 'participant'; roomId: string; role: Role; participantId: string } | { kind: 'server' }

export const SERVER_VIEWER: TimelineViewer = { kind: 'server' }

export function canReadTimelineEvent(viewer: TimelineViewer, event: Pick<TimelineEvent, 'roomId' | 'type' | 'participantId'>): boolean {
  switch (viewer.kind) {
    case 'server':
      return true
    case 'participant':
      return event.roomId === viewer.roomId && isReadableBy(viewer, TIMELINE_RULES[event.type].readers, event.participantId)
  }
}

function isReadableBy(viewer: { role: Role; participantId: string }, readers: TimelineReaders, authorId: string | null): boolean {
  switch (readers) {
    case 'everyone':
      return true
    case 'staff':
      return can(viewer.role, 'room:view-staff-panel')
    case 'author':
      return authorId !== null && authorId === viewer.participantId
  }
}
