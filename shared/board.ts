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
