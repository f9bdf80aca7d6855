import { CHAT_HISTORY_LIMIT } from '../../shared/chat-events.ts'
import { can } from '../../shared/roles.ts'
import type { Db } from '../db/connection.ts'
import { forbidden } from '../errors.ts'
import type { Logger } from '../log.ts'
import { roomChannel } from '../realtime/channels.ts'
import { onEvent, type RoomServer, type RoomSocket } from '../realtime/socket-server.ts'
import { insertChatMessage, listChat } from './chat-store.ts'

export interface ChatFeatureDeps {
  db: Db
  io: RoomServer
  log: Logger
}

export interface ChatFeature {
  /** Sends the recent history and registers chat:send; call after presence has set the participant id. */
  handleConnection(socket: RoomSocket): void
}

export function createChatFeature(deps: ChatFeatureDeps): ChatFeature {
  const log = deps.log.child({ feature: 'chat' })
  return {
    handleConnection(socket) {
      socket.emit('chat:history', listChat(deps.db, socket.data.roomId, { limit: CHAT_HISTORY_LIMIT }))
      onEvent(socket, log, 'chat:send', (payload) => handleChatSend(deps, log, socket, payload))
      onEvent(socket, log, 'chat:fetch', () => ({ messages: listChat(deps.db, socket.data.roomId, { limit: CHAT_HISTORY_LIMIT }) }))
    },
  }
}

function handleChatSend(deps: ChatFeatureDeps, log: Logger, socket: RoomSocket, payload: { messageId: string; body: string }) {
  const { roomId, role, name, participantId } = socket.data
  if (!can(role, 'chat:send')) throw forbidden('Your role may not send chat messages.')
  const { message, duplicate } = insertChatMessage(
    deps.db,
    { roomId, authorId: participantId, authorName: name, role, messageId: payload.messageId, body: payload.body },
    Date.now(),
  )
  if (duplicate) {
    // A resend after a lost ack: the room already has it, the ack alone tells the sender.
    log.debug({ roomId, participantId, messageId: message.id }, 'chat resend ignored')
  } else {
    log.info({ roomId, role, participantId, messageId: message.id, length: message.body.length }, 'chat message sent')
    deps.io.to(roomChannel(roomId)).emit('chat:message', message)
  }
  return { message }
}
