import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { members } from './accounts.ts'
import { rooms } from './rooms.ts'

/**
 * Rooms made for practising together: when the session is due, and, for a swap, which half of the
 * pair a room is. The room itself (board, timer, notes) is an ordinary room; this row only says
 * how it was planned, so nothing in room_events is written or rewritten for scheduling.
 */
export const practiceRooms = sqliteTable(
  'practice_rooms',
  {
    roomId: text('room_id')
      .primaryKey()
      .references(() => rooms.id),
    /** When the partners meet (server ms); null for a room opened to start now. */
    startsAt: integer('starts_at'),
    /** Shared by the two rooms of a swap; null for a single session. */
    pairId: text('pair_id'),
    /** 1 or 2 within a swap. */
    part: integer('part'),
    scheduledBy: text('scheduled_by')
      .notNull()
      .references(() => members.id),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [index('practice_rooms_pair').on(table.pairId)],
)

/**
 * Seats: which member takes which role in a practice room, decided when it is scheduled. A seat
 * is what lets a member come back into their own room (a fresh link for that role) before they
 * have ever entered it, and what their dashboard counts.
 */
export const practiceSeats = sqliteTable(
  'practice_seats',
  {
    roomId: text('room_id')
      .notNull()
      .references(() => rooms.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    role: text('role', { enum: ['interviewer', 'candidate', 'observer'] }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.roomId, table.memberId, table.role] }), index('practice_seats_member').on(table.memberId)],
)
