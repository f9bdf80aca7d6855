import type { RunResult } from 'better-sqlite3'
import { asc, desc, eq } from 'drizzle-orm'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type { ChatMessage } from '../../shared/chat-events.ts'
import type { Role } from '../../shared/roles.ts'
import type { Db } from '../db/connection.ts'
import type * as schema from '../db/schema/index.ts'
import { chatMessages } from '../db/schema/index.ts'
import { conflict } from '../errors.ts'
import { appendEvent } from '../timeline/index.ts'

type Reader = BaseSQLiteDatabase<'sync', RunResult, typeof schema>

export interface NewChatMessage {
  roomId: string
  authorId: string
  authorName: string
  role: Role
  messageId: string
  body: string
}

/** `duplicate` is a resend of a message already stored: nothing was written and nobody needs it again. */
export interface ChatSaveResult {
  message: ChatMessage
  duplicate: boolean
}

const messageColumns = {
  id: chatMessages.id,
  authorId: chatMessages.authorId,
  authorName: chatMessages.authorName,
  role: chatMessages.role,
  at: chatMessages.at,
  body: chatMessages.body,
}

/** Stores the message and its timeline event in one transaction; a resend of the same id is recognised. */
export function insertChatMessage(db: Db, input: NewChatMessage, now: number): ChatSaveResult {
  return db.transaction((tx) => {
    const existing = tx
      .select({ ...messageColumns, roomId: chatMessages.roomId })
      .from(chatMessages)
      .where(eq(chatMessages.id, input.messageId))
      .get()
    if (existing) {
      if (existing.roomId !== input.roomId || existing.authorId !== input.authorId) throw conflict('This message id is already taken.')
      const { roomId: _roomId, ...message } = existing
      return { message, duplicate: true }
    }
    const message: ChatMessage = { id: input.messageId, authorId: input.authorId, authorName: input.authorName, role: input.role, at: now, body: input.body }
    tx.insert(chatMessages)
      .values({ ...message, roomId: input.roomId })
      .run()
    // Replay joins the text by id; the timeline row only marks when and by whom.
    appendEvent(tx, { roomId: input.roomId, at: now, participantId: input.authorId, type: 'chat.message', payload: { messageId: input.messageId } })
    return { message, duplicate: false }
  })
}

/** The room's chat, oldest first: everything (for the report and replay), or only the latest `limit` messages. */
export function listChat(db: Reader, roomId: string, options: { limit?: number } = {}): ChatMessage[] {
  if (options.limit === undefined) {
    return db.select(messageColumns).from(chatMessages).where(eq(chatMessages.roomId, roomId)).orderBy(asc(chatMessages.seq)).all()
  }
  return db
    .select(messageColumns)
    .from(chatMessages)
    .where(eq(chatMessages.roomId, roomId))
    .orderBy(desc(chatMessages.seq))
    .limit(options.limit)
    .all()
    .reverse()
}
