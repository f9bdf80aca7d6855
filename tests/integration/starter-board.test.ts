import { afterEach, describe, expect, it } from 'vitest'
import { connectBoard, type BoardClient } from './helpers/board-client.ts'
import { connectRoomSocket, emitWithAck, type TestRoomSocket } from './helpers/room-socket.ts'
import { startTestServer, type TestServer } from './helpers/test-server.ts'
import { waitFor } from './helpers/wait-for.ts'

/** Two questions with starter boards, and one without. */
const WITH_STARTER = 'geolocation'
const OTHER_STARTER = 'real-time-chat'
const NO_STARTER = 'url-shortener'

let server: TestServer | undefined
const sockets: TestRoomSocket[] = []
const boards: BoardClient[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect()
  for (const board of boards.splice(0)) board.destroy()
  await server?.destroy()
  server = undefined
})

async function openBoard(roomId: string, token: string) {
  const board = await connectBoard(server!.url, roomId, token)
  boards.push(board)
  return board
}

const labels = (board: BoardClient) =>
  board.shapeIds().map((id) => JSON.stringify((board.records.get(id) as { props: { richText?: unknown } } | undefined)?.props.richText ?? ''))

describe('starter boards', () => {
  it('a room created for a question with a starter board opens with its boxes, arrows and note for everyone', async () => {
    server = await startTestServer()
    const room = await server.createRoom({ questionId: WITH_STARTER })
    const candidate = await openBoard(room.roomId, room.tokens.candidate)
    expect(candidate.shapeIds()).toEqual(
      expect.arrayContaining([
        'shape:starter-box-customer',
        'shape:starter-box-courier',
        'shape:starter-box-backend',
        'shape:starter-arrow-1',
        'shape:starter-note-1',
      ]),
    )
    expect(labels(candidate).join(' ')).toContain('Customer app')
    expect([...candidate.records.map.keys()].filter((key) => key.startsWith('binding:'))).toHaveLength(6)
  })

  it('a room for a question without one opens empty', async () => {
    server = await startTestServer()
    const room = await server.createRoom({ questionId: NO_STARTER })
    expect((await openBoard(room.roomId, room.tokens.candidate)).shapeIds()).toEqual([])
  })

  it('changing the question in the lobby swaps an untouched starter, and keeps a board someone drew on', async () => {
    server = await startTestServer()
    const room = await server.createRoom({ questionId: WITH_STARTER })
    const interviewer = await connectRoomSocket(server.url, room.roomId, room.tokens.interviewer, { name: 'Ada' })
    sockets.push(interviewer)
    const candidate = await openBoard(room.roomId, room.tokens.candidate)
    const watcher = await openBoard(room.roomId, room.tokens.observer)

    expect(await emitWithAck(interviewer, 'interview:set-question', { questionId: OTHER_STARTER })).toEqual({ ok: true })
    await waitFor(() => candidate.shapeIds().includes('shape:starter-box-alice'), { what: 'the new starter at the candidate' })
    expect(candidate.shapeIds().some((id) => id === 'shape:starter-box-customer')).toBe(false)

    candidate.putShape('shape:drawn-by-candidate', 900)
    // The server relays an update only after applying it: once the observer has the shape, the server's board has it too.
    await waitFor(() => watcher.shapeIds().includes('shape:drawn-by-candidate'), { what: 'the edit at the server' })
    const before = candidate.shapeIds()
    expect(await emitWithAck(interviewer, 'interview:set-question', { questionId: WITH_STARTER })).toEqual({ ok: true })
    await waitFor(() => server!.logs.some((line) => line.msg === 'starter board kept: the board was edited'), { what: 'the swap refused' })
    expect(candidate.shapeIds()).toEqual(before)
  })

  it('clearing the question of an untouched room removes its starter; a board loaded only for the swap is stored', async () => {
    server = await startTestServer()
    const room = await server.createRoom({ questionId: WITH_STARTER })
    const interviewer = await connectRoomSocket(server.url, room.roomId, room.tokens.interviewer, { name: 'Ada' })
    sockets.push(interviewer)
    expect(await emitWithAck(interviewer, 'interview:set-question', { questionId: null })).toEqual({ ok: true })
    await waitFor(() => server!.logs.some((line) => line.msg === 'starter board replaced'), { what: 'the swap' })
    expect((await openBoard(room.roomId, room.tokens.candidate)).shapeIds()).toEqual([])
    for (const board of boards.splice(0)) board.destroy()
    const dataDir = server.dataDir
    await server.close()
    server = await startTestServer({}, dataDir)
    expect((await openBoard(room.roomId, room.tokens.candidate)).shapeIds()).toEqual([])
  })
})
