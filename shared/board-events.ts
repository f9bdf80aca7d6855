/**
 * What the server tells a room about its whiteboard over Socket.IO (the board itself syncs over
 * its own WebSocket). Server → client only: there is nothing for a client to send.
 */

/**
 * Whether the room's board edits are reaching the database. While paused, edits keep syncing
 * between the people in the room and stay in the server's memory; writes are retried with backoff.
 * Sent when saving pauses and when it resumes, and to a socket that connects while it is paused.
 */
export type BoardSavingNotice = { paused: true; since: number } | { paused: false }

export interface BoardServerEvents {
  'board:saving': (notice: BoardSavingNotice) => void
}
