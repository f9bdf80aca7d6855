import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * The team's members: people with an account. Guests (invite-link holders) are not here; they
 * are participants of one room. Rows are never deleted, so that past sessions keep their author:
 * a member who leaves the team is deactivated.
 */
export const members = sqliteTable(
  'members',
  {
    id: text('id').primaryKey(),
    /** Sign-in name, stored lowercased; unique. */
    login: text('login').notNull(),
    displayName: text('display_name').notNull(),
    /** argon2id PHC string (`$argon2id$v=19$m=…`); never leaves the server. */
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['admin', 'member'] }).notNull(),
    /** Set when an admin deactivates the member; their sessions and tokens end at that moment. */
    deactivatedAt: integer('deactivated_at'),
    createdAt: integer('created_at').notNull(),
    /** Last authenticated request (cookie or token), written at most once a minute. */
    lastSeenAt: integer('last_seen_at'),
    passwordChangedAt: integer('password_changed_at').notNull(),
  },
  (table) => [uniqueIndex('members_login').on(table.login)],
)

/**
 * express-session's store. The key is the SHA-256 of the session id, so a copy of the database
 * (a backup) signs nobody in; `member_id` is a column so that deactivating or resetting a
 * member ends every one of their sessions with one DELETE.
 */
export const memberSessions = sqliteTable(
  'member_sessions',
  {
    sidHash: text('sid_hash').primaryKey(),
    memberId: text('member_id').references(() => members.id),
    /** The session object express-session keeps (cookie options, member id, CSRF token), as JSON. */
    data: text('data').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (table) => [index('member_sessions_member').on(table.memberId), index('member_sessions_expires').on(table.expiresAt)],
)

/** Personal API tokens (`mbp_…`): only the SHA-256 is kept; the token is shown once at creation. */
export const personalTokens = sqliteTable(
  'personal_tokens',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token (e.g. `mbp_Ab12`), so the owner can tell tokens apart. */
    hint: text('hint').notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (table) => [uniqueIndex('personal_tokens_hash').on(table.tokenHash), index('personal_tokens_member').on(table.memberId)],
)

/** Single-use, expiring links an admin hands to a new member. Only the token's SHA-256 is kept. */
export const memberInvites = sqliteTable(
  'member_invites',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    role: text('role', { enum: ['admin', 'member'] }).notNull(),
    /** A note for the admin's list (e.g. who it is for); not shown to the invitee. */
    note: text('note').notNull().default(''),
    createdBy: text('created_by')
      .notNull()
      .references(() => members.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    usedBy: text('used_by').references(() => members.id),
    revokedAt: integer('revoked_at'),
  },
  (table) => [uniqueIndex('member_invites_hash').on(table.tokenHash)],
)

/** One-time password-reset links an admin (or the CLI) makes for a member; SHA-256 only. */
export const passwordResets = sqliteTable(
  'password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (table) => [index('password_resets_member').on(table.memberId)],
)

/**
 * The team's settings: one row (id = 1). Self-sign-up with a join code is off until an admin
 * turns it on; the code is kept as SHA-256 and shown to the admin once, when it is made.
 */
export const teamSettings = sqliteTable('team_settings', {
  id: integer('id').primaryKey(),
  selfSignUp: integer('self_sign_up', { mode: 'boolean' }).notNull().default(false),
  joinCodeHash: text('join_code_hash'),
  updatedAt: integer('updated_at').notNull().default(sql`0`),
})
