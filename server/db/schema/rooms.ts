import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

export const rooms = sqliteTable('rooms', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  /** The bank question this room asks (ids from question-bank/); null for a free-form room. */
  questionId: text('question_id'),
  /** The named phase plan from question-bank/ (e.g. `standard-45`). */
  phasePlanId: text('phase_plan_id'),
  /**
   * lobby → live → completed. A projection of the timeline's interview.* events, kept on the row
   * so that every socket handler can check it without folding the timeline.
   */
  status: text('status', { enum: ['lobby', 'live', 'completed'] })
    .notNull()
    .default('lobby'),
  startedAt: integer('started_at'),
  endedAt: integer('ended_at'),
  createdAt: integer('created_at').notNull(),
  /** The member who created the room (null for rooms from before accounts). */
  createdBy: text('created_by'),
  /** Set when a participant shares the session with the whole team (calibration); null: only its participants and admins. */
  sharedAt: integer('shared_at'),
})

/**
 * Invite links: the token itself is never stored, only its SHA-256. A room's first three links are
 * made with it; more links of a role are minted later for a member coming back to their own room
 * (`member_id` set; their previous one is replaced) and for the second half of a swap.
 */
export const invites = sqliteTable(
  'invites',
  {
    tokenHash: text('token_hash').primaryKey(),
    roomId: text('room_id')
      .notNull()
      .references(() => rooms.id),
    role: text('role', { enum: ['interviewer', 'candidate', 'observer'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    /** The member a personal link was minted for (null for the room's first links and a guest's swap link). */
    memberId: text('member_id'),
  },
  (table) => [index('invites_room_role').on(table.roomId, table.role)],
)

/** Everyone who has entered a room, so the participant list can show who is offline too. */
export const participants = sqliteTable(
  'participants',
  {
    id: text('id').primaryKey(),
    roomId: text('room_id')
      .notNull()
      .references(() => rooms.id),
    /** A random key the browser keeps per room, so a reload is the same participant. */
    clientKey: text('client_key').notNull(),
    role: text('role', { enum: ['interviewer', 'candidate', 'observer'] }).notNull(),
    name: text('name').notNull(),
    /** The member signed in in this browser when they entered through the link (null for a guest). */
    memberId: text('member_id'),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (table) => [uniqueIndex('participants_room_client').on(table.roomId, table.clientKey, table.role), index('participants_member').on(table.memberId)],
)

/**
 * The room's append-only timeline: everything that happened, with its server time and author.
 * Rows are never updated or deleted (triggers refuse it); an edit is a new event. Only
 * server/timeline/ reads or writes this table, through the protocol in shared/timeline.ts.
 */
export const roomEvents = sqliteTable(
  'room_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roomId: text('room_id')
      .notNull()
      .references(() => rooms.id),
    at: integer('at').notNull(),
    participantId: text('participant_id'),
    type: text('type').notNull(),
    /** The payload's schema version for its type (shared/timeline.ts); rows from before versioning are 1. */
    v: integer('v').notNull().default(1),
    /** Parsed with shared/timeline.ts on every read, never cast. */
    payload: text('payload', { mode: 'json' }).$type<unknown>().notNull().default(sql`'{}'`),
  },
  (table) => [index('room_events_room_at').on(table.roomId, table.at)],
)
