import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/events.ts'
import { waitFor } from './wait-for.ts'

export type TestRoomSocket = Socket<ServerToClientEvents, ClientToServerEvents> & {
  /** Every event this socket received, in order: for "never receives X" assertions. */
  received: { event: string; args: unknown[] }[]
}

/** A real socket.io-client connected to the room, as a browser would with its invite token. */
export async function connectRoomSocket(
  baseUrl: string,
  roomId: string,
  token: string,
  options: { name?: string; clientKey?: string; origin?: string; extraHeaders?: Record<string, string> } = {},
): Promise<TestRoomSocket> {
  const socket = io(baseUrl, {
    auth: { token, name: options.name ?? 'Tester', clientKey: options.clientKey ?? `key${Math.random().toString(36).slice(2, 12)}` },
    query: { roomId },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { ...(options.origin ? { Origin: options.origin } : {}), ...options.extraHeaders },
  }) as TestRoomSocket
  socket.received = []
  socket.onAny((event: string, ...args: unknown[]) => socket.received.push({ event, args }))
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', (error) => reject(error))
  })
  return socket
}

/** Emits with an ack and resolves with the server's answer. */
export function emitWithAck(socket: Socket, event: string, payload: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  return socket.timeout(5000).emitWithAck(event, payload) as Promise<{ ok: boolean; error?: { code: string; message: string } }>
}

/** Connects like connectRoomSocket and waits for 'room:welcome', which carries the participant id. */
export async function joinAndWelcome(baseUrl: string, roomId: string, token: string, options: { name?: string; clientKey?: string } = {}) {
  const socket = await connectRoomSocket(baseUrl, roomId, token, options)
  const welcome = await waitFor(() => socket.received.find((entry) => entry.event === 'room:welcome'), { what: 'room:welcome' })
  return { socket, participantId: (welcome.args[0] as { participantId: string }).participantId }
}
