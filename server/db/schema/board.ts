import { blob, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { rooms } from './rooms.ts'

/**
 * The whiteboard's history: windowed Yjs diffs and periodic full keyframes in one sequence per room.
 * state(t) = the newest keyframe at or before t, plus every later diff up to t.
 */
export const boardUpdates = sqliteTable(
  'board_updates',
  {
    roomId: text('room_id')
      .notNull()
      .references(() => rooms.id),
    seq: integer('seq').notNull(),
    kind: text('kind', { enum: ['diff', 'keyframe'] }).notNull(),
    /** Server time (ms since epoch) of the write. */
    at: integer('at').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.roomId, table.seq] })],
)
