import * as z from 'zod/mini'
import { MemberRoleSchema, RoleSchema } from './roles.ts'

/** REST payloads of the accounts feature (/api/auth, /api/account, /api/members, /api/sessions), declared once. */

/** Personal API tokens start with this, so the identity door tells one from an invite token before any lookup. */
export const PERSONAL_TOKEN_PREFIX = 'mbp_'
export const PersonalTokenSchema = z.string().check(z.regex(/^mbp_[A-Za-z0-9_-]{43}$/, 'is not a personal token'))
/** The one-time tokens of member invites and password resets (32 random bytes, URL-safe). */
export const AccountLinkTokenSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'is not a valid link'))

/** The header every cookie-authenticated change carries (the synchroniser token of the session). */
export const CSRF_HEADER = 'x-csrf-token'

export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 200
export const LoginSchema = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'is 2–40 letters, digits, dots, dashes or underscores, starting with a letter or digit'),
  )
export const MemberNameSchema = z.string().check(z.trim(), z.minLength(1, 'cannot be empty'), z.maxLength(60, 'is longer than 60 characters'))
export const NewPasswordSchema = z
  .string()
  .check(
    z.minLength(PASSWORD_MIN_LENGTH, `must have at least ${PASSWORD_MIN_LENGTH} characters`),
    z.maxLength(PASSWORD_MAX_LENGTH, `is longer than ${PASSWORD_MAX_LENGTH} characters`),
  )
/** A password as typed at sign-in: never trimmed; only bounded so that hashing stays cheap. */
const GivenPasswordSchema = z.string().check(z.minLength(1, 'is required'), z.maxLength(PASSWORD_MAX_LENGTH))

export const NewAccountSchema = z.strictObject({ login: LoginSchema, displayName: MemberNameSchema, password: NewPasswordSchema })
export type NewAccount = z.infer<typeof NewAccountSchema>

/** POST /api/auth/setup: the first admin; refused once any admin exists. */
export const SetupBodySchema = NewAccountSchema
/** POST /api/auth/sign-in */
export const SignInBodySchema = z.strictObject({
  login: z.string().check(z.trim(), z.toLowerCase(), z.minLength(1), z.maxLength(40)),
  password: GivenPasswordSchema,
})
/** POST /api/auth/sign-up: with a member invite's token, or with the team's join code when self-sign-up is on. */
export const SignUpBodySchema = z.strictObject({
  ...NewAccountSchema.shape,
  inviteToken: z.optional(AccountLinkTokenSchema),
  joinCode: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
})
export type SignUpBody = z.infer<typeof SignUpBodySchema>
/** POST /api/auth/reset-password: a one-time reset link's token and the new password. */
export const ResetPasswordBodySchema = z.strictObject({ resetToken: AccountLinkTokenSchema, password: NewPasswordSchema })
/** POST /api/account/password */
export const ChangePasswordBodySchema = z.strictObject({ currentPassword: GivenPasswordSchema, newPassword: NewPasswordSchema })

export const MemberSummarySchema = z.object({
  memberId: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: MemberRoleSchema,
})
export type MemberSummary = z.infer<typeof MemberSummarySchema>

/**
 * GET /api/auth/me: what the page needs before it draws anything. `setupRequired` is true until
 * the first admin exists; `member` is null when nobody is signed in; `csrfToken` is the token to
 * send in the `x-csrf-token` header with every change made with the session cookie.
 */
export const AuthStateSchema = z.object({
  setupRequired: z.boolean(),
  selfSignUp: z.boolean(),
  member: z.nullable(MemberSummarySchema),
  csrfToken: z.nullable(z.string()),
})
export type AuthState = z.infer<typeof AuthStateSchema>

/** GET /api/auth/invites/:token, GET /api/auth/resets/:token: whether a link is still good, before the form is shown. */
export const LinkCheckSchema = z.object({ valid: z.boolean(), login: z.optional(z.string()) })
export type LinkCheck = z.infer<typeof LinkCheckSchema>

export const MemberListItemSchema = z.object({
  ...MemberSummarySchema.shape,
  active: z.boolean(),
  createdAt: z.number(),
  lastSeenAt: z.nullable(z.number()),
})
export type MemberListItem = z.infer<typeof MemberListItemSchema>

/** POST /api/members/invites */
export const CreateMemberInviteBodySchema = z.strictObject({
  role: z._default(MemberRoleSchema, 'member'),
  note: z._default(z.string().check(z.trim(), z.maxLength(80)), ''),
})
export const MemberInviteSchema = z.object({
  inviteId: z.string(),
  role: MemberRoleSchema,
  note: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
  state: z.enum(['open', 'used', 'expired', 'revoked']),
})
export type MemberInvite = z.infer<typeof MemberInviteSchema>
/** The link is in the answer once; only its hash is stored. */
export const CreatedMemberInviteSchema = z.object({ ...MemberInviteSchema.shape, link: z.string() })
export type CreatedMemberInvite = z.infer<typeof CreatedMemberInviteSchema>

/** POST /api/members/:memberId/reset-password: a one-time link, or (with `temporaryPassword`) the password set at once. */
export const AdminResetBodySchema = z.strictObject({ temporaryPassword: z.optional(NewPasswordSchema) })
export const AdminResetResponseSchema = z.object({ link: z.nullable(z.string()), expiresAt: z.nullable(z.number()) })
export type AdminResetResponse = z.infer<typeof AdminResetResponseSchema>
/** PATCH /api/members/:memberId */
export const UpdateMemberBodySchema = z.strictObject({ active: z.optional(z.boolean()), role: z.optional(MemberRoleSchema) })

/** PUT /api/members/settings: self-sign-up; `rotateJoinCode` makes a new code (shown once in the answer). */
export const TeamSettingsBodySchema = z.strictObject({ selfSignUp: z.boolean(), rotateJoinCode: z.optional(z.boolean()) })
export const TeamSettingsSchema = z.object({ selfSignUp: z.boolean(), hasJoinCode: z.boolean(), joinCode: z.optional(z.string()) })
export type TeamSettings = z.infer<typeof TeamSettingsSchema>

/** POST /api/account/tokens */
export const CreateTokenBodySchema = z.strictObject({ name: z.string().check(z.trim(), z.minLength(1, 'cannot be empty'), z.maxLength(60)) })
export const PersonalTokenItemSchema = z.object({
  tokenId: z.string(),
  name: z.string(),
  hint: z.string(),
  createdAt: z.number(),
  lastUsedAt: z.nullable(z.number()),
})
export type PersonalTokenItem = z.infer<typeof PersonalTokenItemSchema>
export const CreatedTokenSchema = z.object({ ...PersonalTokenItemSchema.shape, token: PersonalTokenSchema })
export type CreatedToken = z.infer<typeof CreatedTokenSchema>

/** GET /api/sessions?scope=mine|shared|all */
export const SESSION_SCOPES = ['mine', 'shared', 'all'] as const
export const SessionQuerySchema = z.strictObject({
  scope: z._default(z.enum(SESSION_SCOPES), 'mine'),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  offset: z._default(z.coerce.number().check(z.int(), z.minimum(0)), 0),
})
export type SessionQuery = z.infer<typeof SessionQuerySchema>
export const SessionParticipantSchema = z.object({ name: z.string(), role: RoleSchema, memberId: z.nullable(z.string()) })
export const SessionItemSchema = z.object({
  roomId: z.string(),
  title: z.string(),
  questionId: z.nullable(z.string()),
  phasePlanId: z.nullable(z.string()),
  status: z.enum(['lobby', 'live', 'completed']),
  createdAt: z.number(),
  startedAt: z.nullable(z.number()),
  endedAt: z.nullable(z.number()),
  createdBy: z.nullable(z.object({ memberId: z.string(), displayName: z.string() })),
  /** The roles the asking member held in it (empty when they only created it, or read it as admin or through sharing). */
  myRoles: z.array(RoleSchema),
  participants: z.array(SessionParticipantSchema),
  sharedWithTeam: z.boolean(),
})
export type SessionItem = z.infer<typeof SessionItemSchema>
export const SessionListSchema = z.object({ items: z.array(SessionItemSchema), total: z.number() })
export type SessionList = z.infer<typeof SessionListSchema>
/** PUT /api/sessions/:roomId/sharing */
export const ShareSessionBodySchema = z.strictObject({ shared: z.boolean() })
