import { and, eq, sql } from 'drizzle-orm'
import { ROLES, type Role } from '../../shared/roles.ts'
import type { Db } from '../db/connection.ts'
import { invites, participants, rooms } from '../db/schema/index.ts'
import { appendEvent } from '../timeline/index.ts'
import { generateId, generateInviteToken, generateRoomId, hashInviteToken } from './invite-tokens.ts'

export type RoomRow = typeof rooms.$inferSelect
export type ParticipantRow = typeof participants.$inferSelect

export interface NewRoom {
  title: string
  /** The member creating it. */
  createdBy?: string | undefined
  questionId?: string | undefined
  phasePlanId?: string | undefined
}

/** Creates the room and one invite per role in one transaction; the tokens are returned once, never stored. */
export function insertRoom(db: Db, input: NewRoom, now: number): { room: RoomRow; tokens: Record<Role, string> } {
  const room: RoomRow = {
    id: generateRoomId(),
    title: input.title,
    questionId: input.questionId ?? null,
    phasePlanId: input.phasePlanId ?? null,
    status: 'lobby',
    startedAt: null,
    endedAt: null,
    createdAt: now,
    createdBy: input.createdBy ?? null,
    sharedAt: null,
  }
  const tokens = Object.fromEntries(ROLES.map((role) => [role, generateInviteToken()])) as Record<Role, string>
  db.transaction((tx) => {
    tx.insert(rooms).values(room).run()
    for (const role of ROLES) {
      tx.insert(invites)
        .values({ tokenHash: hashInviteToken(tokens[role]), roomId: room.id, role, createdAt: now })
        .run()
    }
    appendEvent(tx, { roomId: room.id, at: now, participantId: null, type: 'room.created', payload: { title: room.title } })
  })
  return { room, tokens }
}

/**
 * A new link for one role of an existing room; the token is returned once. A member's personal
 * link replaces their previous one for that room and role, so asking again never leaves a trail
 * of live links behind; the room's first links (and anyone else's) keep working.
 */
export function mintInvite(db: Db, input: { roomId: string; role: Role; memberId: string | null }, now: number): string {
  const token = generateInviteToken()
  db.transaction((tx) => {
    if (input.memberId) {
      tx.delete(invites)
        .where(and(eq(invites.roomId, input.roomId), eq(invites.role, input.role), eq(invites.memberId, input.memberId)))
        .run()
    }
    tx.insert(invites)
      .values({ tokenHash: hashInviteToken(token), roomId: input.roomId, role: input.role, createdAt: now, memberId: input.memberId })
      .run()
  })
  return token
}

export function findRoom(db: Db, roomId: string): RoomRow | undefined {
  return db.select().from(rooms).where(eq(rooms.id, roomId)).get()
}

export function findInvite(db: Db, token: string): { roomId: string; role: Role } | undefined {
  return db
    .select({ roomId: invites.roomId, role: invites.role })
    .from(invites)
    .where(eq(invites.tokenHash, hashInviteToken(token)))
    .get()
}

/** The same browser (client key) entering again in the same role is the same participant. */
export function upsertParticipant(
  db: Db,
  { memberId, ...input }: { roomId: string; clientKey: string; role: Role; name: string; memberId?: string | undefined },
  now: number,
): ParticipantRow {
  // A member who signs in later in the same browser is linked on their next entry; signing out never unlinks.
  const link = memberId ? { memberId } : {}
  return db.transaction((tx) => {
    const existing = tx
      .select()
      .from(participants)
      .where(and(eq(participants.roomId, input.roomId), eq(participants.clientKey, input.clientKey), eq(participants.role, input.role)))
      .get()
    if (existing) {
      return tx
        .update(participants)
        .set({ name: input.name, lastSeenAt: now, ...link })
        .where(eq(participants.id, existing.id))
        .returning()
        .get()
    }
    return tx
      .insert(participants)
      .values({ id: generateId(), ...input, ...link, firstSeenAt: now, lastSeenAt: now })
      .returning()
      .get()
  })
}

export function findParticipantByKey(db: Db, key: { roomId: string; clientKey: string; role: Role }): ParticipantRow | undefined {
  return db
    .select()
    .from(participants)
    .where(and(eq(participants.roomId, key.roomId), eq(participants.clientKey, key.clientKey), eq(participants.role, key.role)))
    .get()
}

export function countParticipants(db: Db, roomId: string): number {
  return db.select({ n: sql<number>`count(*)` }).from(participants).where(eq(participants.roomId, roomId)).get()?.n ?? 0
}

export function touchParticipant(db: Db, participantId: string, now: number, name?: string): void {
  db.update(participants)
    .set(name === undefined ? { lastSeenAt: now } : { lastSeenAt: now, name })
    .where(eq(participants.id, participantId))
    .run()
}

export function listParticipants(db: Db, roomId: string): ParticipantRow[] {
  return db.select().from(participants).where(eq(participants.roomId, roomId)).orderBy(participants.firstSeenAt).all()
}
