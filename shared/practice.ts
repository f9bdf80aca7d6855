import * as z from 'zod/mini'
import { BankIdSchema, DifficultySchema, QuestionKindSchema } from './bank.ts'
import { InviteTokenSchema, RoomIdSchema } from './api.ts'
import { RoleSchema } from './roles.ts'

/** REST payloads of practising together (/api/practice) and progress (/api/progress), declared once. */

/** A member is "not practising lately" after this many days without a session they took a role in. */
export const IDLE_AFTER_DAYS = 14
/** The plan a new room or a scheduled session gets unless another is chosen. */
export const DEFAULT_PHASE_PLAN_ID = 'standard-45'
/** How far ahead a session may be scheduled. */
export const MAX_SCHEDULE_AHEAD_DAYS = 366
/** Weeks of history on the dashboard's "sessions over time". */
export const PROGRESS_WEEKS = 12

export const MemberIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'is not a member id'))
/** The two ways to practise: one interview, or a swap (two back to back, roles reversed at half time). */
export const PRACTICE_MODES = ['single', 'swap'] as const
export const PracticeModeSchema = z.enum(PRACTICE_MODES)
export type PracticeMode = z.infer<typeof PracticeModeSchema>
/** The roles a member can take in a scheduled interview (observers are the extra partners). */
export const SeatSchema = z.enum(['interviewer', 'candidate'])

/**
 * POST /api/practice/sessions: a session with members of the team. `startsAt` omitted = now.
 * Single: the caller takes `myRole`, the first partner the other seat, further partners observe.
 * Swap: exactly one partner; part 2 reverses the seats; one question per part, and they differ.
 */
export const ScheduleBodySchema = z
  .strictObject({
    startsAt: z.optional(z.iso.datetime({ offset: true, message: 'is not a date and time (ISO 8601)' })),
    title: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(120))),
    mode: z._default(PracticeModeSchema, 'single'),
    myRole: z._default(SeatSchema, 'interviewer'),
    partnerIds: z.array(MemberIdSchema).check(z.minLength(1, 'name at least one partner'), z.maxLength(3, 'at most 3 partners')),
    questionIds: z.array(BankIdSchema).check(z.maxLength(2, 'at most 2 questions')),
    phasePlanId: z.optional(BankIdSchema),
  })
  .check(
    z.refine((body) => body.mode === 'single' || body.partnerIds.length === 1, {
      message: 'a swap is between you and exactly one partner',
      path: ['partnerIds'],
    }),
    z.refine((body) => new Set(body.partnerIds).size === body.partnerIds.length, { message: 'names a partner twice', path: ['partnerIds'] }),
    z.refine((body) => body.questionIds.length <= (body.mode === 'swap' ? 2 : 1), { message: 'a single session asks one question', path: ['questionIds'] }),
    z.refine((body) => new Set(body.questionIds).size === body.questionIds.length, {
      message: 'each part of a swap asks a different question',
      path: ['questionIds'],
    }),
  )
export type ScheduleBody = z.infer<typeof ScheduleBodySchema>

export const SeatHolderSchema = z.object({ memberId: z.string(), displayName: z.string(), role: RoleSchema })
export type SeatHolder = z.infer<typeof SeatHolderSchema>

/** One room of a practice session as one member sees it (the question is hidden from its candidate). */
export const PracticeRoomSchema = z.object({
  roomId: RoomIdSchema,
  title: z.string(),
  status: z.enum(['lobby', 'live', 'completed']),
  startsAt: z.nullable(z.number()),
  /** 1 or 2 for the halves of a swap; null for a single session. */
  part: z.nullable(z.number()),
  pairRoomId: z.nullable(RoomIdSchema),
  myRoles: z.array(RoleSchema),
  seats: z.array(SeatHolderSchema),
  questionId: z.nullable(z.string()),
  phasePlanId: z.nullable(z.string()),
})
export type PracticeRoom = z.infer<typeof PracticeRoomSchema>

export const ScheduleResponseSchema = z.object({ rooms: z.array(PracticeRoomSchema) })
export type ScheduleResponse = z.infer<typeof ScheduleResponseSchema>
/** GET /api/practice/upcoming: rooms not yet completed in which the caller holds a seat, soonest first. */
export const UpcomingListSchema = z.object({ items: z.array(PracticeRoomSchema) })
export type UpcomingList = z.infer<typeof UpcomingListSchema>

/** GET /api/practice/partners: the other active members, to practise with. */
export const PartnerListSchema = z.object({ items: z.array(z.object({ memberId: z.string(), displayName: z.string(), login: z.string() })) })
export type PartnerList = z.infer<typeof PartnerListSchema>

/** POST /api/practice/rooms/:roomId/my-link: a fresh link for a role the caller holds in that room (their first, unless named). */
export const MyLinkBodySchema = z.strictObject({ role: z.optional(RoleSchema) })
export const RoleLinkSchema = z.object({ roomId: RoomIdSchema, role: RoleSchema, link: z.string() })
export type RoleLink = z.infer<typeof RoleLinkSchema>

/** GET /api/practice/rooms/:roomId/swap with the room's invite: where this room sits in a swap. */
export const SwapStatusSchema = z.object({
  part: z.nullable(z.number()),
  pairRoomId: z.nullable(RoomIdSchema),
  /** The role this link holder takes in the other half (seats reversed; an observer stays one). */
  nextRole: z.nullable(RoleSchema),
  /** True once part 1 has ended: the holder may take their part-2 link. */
  ready: z.boolean(),
})
export type SwapStatus = z.infer<typeof SwapStatusSchema>

/** GET /api/practice/rotation: the bank as seen for one candidate (a member), by id or by the room they sit in. */
export const RotationQuerySchema = z
  .object({
    candidateId: z.optional(MemberIdSchema),
    roomId: z.optional(RoomIdSchema),
    category: z.optional(z.string().check(z.maxLength(80))),
    tag: z.optional(z.string().check(z.maxLength(80))),
    kind: z.optional(QuestionKindSchema),
    difficulty: z.optional(DifficultySchema),
  })
  .check(z.refine((query) => (query.candidateId === undefined) !== (query.roomId === undefined), { message: 'give either candidateId or roomId' }))
export type RotationQuery = z.infer<typeof RotationQuerySchema>

export const RotationItemSchema = z.object({
  questionId: z.string(),
  title: z.string(),
  category: z.string(),
  kind: QuestionKindSchema,
  difficulty: DifficultySchema,
  tags: z.array(z.string()),
  phasePlanId: z.string(),
  /** How often and when last the candidate had this question as candidate (0 / null: never). */
  timesHad: z.number(),
  lastHadAt: z.nullable(z.number()),
})
export type RotationItem = z.infer<typeof RotationItemSchema>
export const RotationSchema = z.object({
  /** Null when the room's candidate is a guest: there is no history to mark. */
  candidate: z.nullable(z.object({ memberId: z.string(), displayName: z.string() })),
  items: z.array(RotationItemSchema),
  /** Up to three questions the candidate has not had, in bank order. */
  suggestedIds: z.array(z.string()),
})
export type Rotation = z.infer<typeof RotationSchema>

/** A member's session as the dashboard counts it. */
export const ProgressSessionSchema = z.object({
  roomId: RoomIdSchema,
  title: z.string(),
  role: RoleSchema,
  status: z.enum(['lobby', 'live', 'completed']),
  at: z.number(),
})
export const ProgressWeekSchema = z.object({ weekStart: z.number(), asCandidate: z.number(), asInterviewer: z.number() })
export type ProgressWeek = z.infer<typeof ProgressWeekSchema>
/** Time in one phase (by its label) over the member's completed sessions in one role, from the timer's recorded actuals. */
export const PhaseTimeSchema = z.object({
  role: SeatSchema,
  label: z.string(),
  sessions: z.number(),
  avgPlannedMs: z.number(),
  avgActualMs: z.number(),
})
export type PhaseTime = z.infer<typeof PhaseTimeSchema>
/** GET /api/progress/me, GET /api/progress/members/:memberId (admin). */
export const ProgressSchema = z.object({
  member: z.object({ memberId: z.string(), displayName: z.string() }),
  totals: z.object({ asCandidate: z.number(), asInterviewer: z.number(), asObserver: z.number() }),
  weeks: z.array(ProgressWeekSchema),
  phases: z.array(PhaseTimeSchema),
  sessions: z.array(ProgressSessionSchema),
})
export type Progress = z.infer<typeof ProgressSchema>

export const TeamMemberProgressSchema = z.object({
  memberId: z.string(),
  displayName: z.string(),
  login: z.string(),
  active: z.boolean(),
  sessions: z.number(),
  asCandidate: z.number(),
  asInterviewer: z.number(),
  lastPracticeAt: z.nullable(z.number()),
  idle: z.boolean(),
})
export type TeamMemberProgress = z.infer<typeof TeamMemberProgressSchema>
/** GET /api/progress/team (admin). */
export const TeamProgressSchema = z.object({ idleAfterDays: z.number(), members: z.array(TeamMemberProgressSchema) })
export type TeamProgress = z.infer<typeof TeamProgressSchema>

/** The invite token inside a link (`…/r/<room>#invite=<token>`), for clients that follow a link they were handed. */
export function inviteTokenOf(link: string): string | null {
  const token = new URL(link).hash.replace(/^#invite=/, '')
  return InviteTokenSchema.safeParse(token).success ? token : null
}

/** One line about a phase's pace, e.g. "tends to overrun Clarify by 3 min on average"; null when on plan (within a minute). */
export function paceSentence(phase: Pick<PhaseTime, 'label' | 'avgPlannedMs' | 'avgActualMs'>): string | null {
  const deltaMinutes = Math.round((phase.avgActualMs - phase.avgPlannedMs) / 60_000)
  if (Math.abs(deltaMinutes) < 1) return null
  return deltaMinutes > 0
    ? `tends to overrun ${phase.label} by ${deltaMinutes} min on average`
    : `tends to finish ${phase.label} ${-deltaMinutes} min early on average`
}
