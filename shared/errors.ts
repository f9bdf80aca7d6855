/**
 * Error codes shared by REST answers, Socket.IO acks and board-socket close codes.
 * The client switches on `code`, never on the message text.
 */
export const ErrorCode = {
  INVALID_PAYLOAD: 'INVALID_PAYLOAD',
  INVALID_JSON: 'INVALID_JSON',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  ORIGIN_NOT_ALLOWED: 'ORIGIN_NOT_ALLOWED',
  NOT_FOUND: 'NOT_FOUND',
  ROOM_NOT_FOUND: 'ROOM_NOT_FOUND',
  QUESTION_NOT_FOUND: 'QUESTION_NOT_FOUND',
  CONFLICT: 'CONFLICT',
  /** Too many requests or events of one kind from one caller; wait and try again. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The room has as many participants as it admits; a returning participant still gets in. */
  ROOM_FULL: 'ROOM_FULL',
  /** A state-changing request whose body is not `application/json`. */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** The Host header names no host this server answers for (DNS rebinding, a misrouted proxy). */
  HOST_NOT_ALLOWED: 'HOST_NOT_ALLOWED',
  /** A request line the server cannot read, e.g. malformed percent-encoding. */
  MALFORMED_REQUEST: 'MALFORMED_REQUEST',
  UNKNOWN_EVENT: 'UNKNOWN_EVENT',
  /** A change made with the session cookie without the session's CSRF token (header `x-csrf-token`). */
  CSRF_REFUSED: 'CSRF_REFUSED',
  INTERNAL: 'INTERNAL',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

export interface ErrorBody {
  error: { code: ErrorCode; message: string }
}

/** WebSocket close codes of the board socket (4000–4999 are free for applications). */
export const BoardCloseCode = {
  /** The server is shutting down; reconnect later. */
  SERVER_SHUTDOWN: 4000,
  /** Too many messages per second from this connection. */
  RATE_LIMITED: 4008,
  /** The socket could not keep up with the room (send buffer overflow); reconnect to resync. */
  TOO_SLOW: 4009,
  /** A message that is not part of the y-websocket protocol. */
  PROTOCOL_ERROR: 4010,
  /**
   * The server refused one of this connection's updates (the reason is a `BoardRefusal` code); it
   * was neither stored nor relayed. The client drops its local changes and resyncs.
   */
  CHANGE_REFUSED: 4011,
} as const
