/** Facts about the shared whiteboard document that the server and the client must agree on. */

/** Path prefix of the board WebSocket: `/yjs/<roomId>?token=…`. */
export const BOARD_SOCKET_PATH = '/yjs'

/** The Y.Array behind the YKeyValue that holds every tldraw record, keyed by record id. */
export const BOARD_RECORDS_KEY = 'tl_records'

/** A Y.Map with `schema`: the serialized tldraw schema the records were written with. */
export const BOARD_META_KEY = 'tl_meta'

/** Presence (cursor, selection) is sent through awareness at most this often. */
export const PRESENCE_MAX_HZ = 30

/** y-websocket message types (the first varUint of every frame). */
export const BoardMessage = {
  SYNC: 0,
  AWARENESS: 1,
  AUTH: 2,
  QUERY_AWARENESS: 3,
} as const

/** Largest single WebSocket frame the server accepts; larger ones close the socket (1009). */
export const MAX_BOARD_FRAME_BYTES = 1024 * 1024

/**
 * Largest image or video a person may drop on the board. Pasted assets are stored inline in the
 * document as base64 (a third larger), and the update that carries one must fit a single frame:
 * a larger one would be refused by the server, the client would resend it on every reconnect, and
 * that board would stop syncing. tldraw refuses bigger files with a message instead.
 */
export const MAX_BOARD_ASSET_BYTES = 512 * 1024

/** Pasted images are scaled down to this many pixels on their longer side before they are stored. */
export const MAX_BOARD_IMAGE_DIMENSION = 1600

/**
 * The record types a board's document holds: tldraw's document-scoped ones. `user` is there
 * because tldraw's editor writes one for its own user (attribution); everything else tldraw keeps
 * (instance, camera, pointer, page state, presence) belongs to one browser and never enters the doc.
 */
export const BOARD_RECORD_TYPES = ['document', 'page', 'shape', 'binding', 'asset', 'user'] as const

/**
 * Why the server refused a board update. It is the reason of the CHANGE_REFUSED close frame; the
 * client drops its local changes, resyncs, and shows the message below.
 */
export const BoardRefusal = {
  MALFORMED_UPDATE: 'MALFORMED_UPDATE',
  UNSUPPORTED_CONTENT: 'UNSUPPORTED_CONTENT',
  FORBIDDEN_TARGET: 'FORBIDDEN_TARGET',
  NOT_OWN_RECORD: 'NOT_OWN_RECORD',
  INVALID_ENTRY: 'INVALID_ENTRY',
  UNKNOWN_RECORD_TYPE: 'UNKNOWN_RECORD_TYPE',
  NOT_BOARD_RECORD: 'NOT_BOARD_RECORD',
  INVALID_RECORD: 'INVALID_RECORD',
  MISSING_DEPENDENCY: 'MISSING_DEPENDENCY',
  REQUIRED_RECORD: 'REQUIRED_RECORD',
  TOO_MANY_SHAPES: 'TOO_MANY_SHAPES',
  BOARD_FULL: 'BOARD_FULL',
} as const
export type BoardRefusal = (typeof BoardRefusal)[keyof typeof BoardRefusal]

const CHANGE_UNDONE = 'Your last change could not be saved and was undone:'

/** What the person whose change was refused reads, per reason. */
export const BOARD_REFUSAL_MESSAGES: Record<BoardRefusal, string> = {
  MALFORMED_UPDATE: `${CHANGE_UNDONE} the board received data it could not read.`,
  UNSUPPORTED_CONTENT: `${CHANGE_UNDONE} it contained something the board does not store.`,
  FORBIDDEN_TARGET: `${CHANGE_UNDONE} it changed a part of the board nobody may edit.`,
  NOT_OWN_RECORD: `${CHANGE_UNDONE} it changed another participant’s profile.`,
  INVALID_ENTRY: `${CHANGE_UNDONE} it contained a malformed record.`,
  UNKNOWN_RECORD_TYPE: `${CHANGE_UNDONE} it contained a kind of record this board does not know.`,
  NOT_BOARD_RECORD: `${CHANGE_UNDONE} it contained settings that belong to your browser only.`,
  INVALID_RECORD: `${CHANGE_UNDONE} a shape or page in it was not valid.`,
  MISSING_DEPENDENCY: `${CHANGE_UNDONE} it built on an earlier change the board never received.`,
  REQUIRED_RECORD: `${CHANGE_UNDONE} the board needs its document and at least one page.`,
  TOO_MANY_SHAPES: 'The board is full: it has as many shapes as a board may hold. Your last change was undone; delete some shapes to add new ones.',
  BOARD_FULL: 'The board is full: it has reached its size limit. Your last change was undone; delete something (large images first) to add more.',
}

/** Shown when the close reason is not one we know (an older or newer server). */
export const BOARD_REFUSAL_FALLBACK = `${CHANGE_UNDONE} the server refused it.`

/** Largest awareness state (cursor, selection, name) one client may publish, as JSON. */
export const MAX_PRESENCE_STATE_BYTES = 4096
