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
