import type { TLRecord } from '@tldraw/tlschema'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { BOARD_REFUSAL_MESSAGES, BoardRefusal } from '../../shared/board.ts'
import { BoardCloseCode } from '../../shared/errors.ts'
import { watchRefusals } from '../../client/src/board/board-resync.ts'
import { connectBoard, openRawBoard, shapeRecord, type BoardClient, type RawBoardSocket } from './helpers/board-client.ts'
import { startTestServer, type TestRoom, type TestServer } from './helpers/test-server.ts'
import { waitFor } from './helpers/wait-for.ts'

let server: TestServer
const clients: BoardClient[] = []
const raws: RawBoardSocket[] = []

// Small caps, so that the tests reach them; the code paths are those of the defaults.
beforeAll(async () => {
  server = await startTestServer({ BOARD_MAX_SHAPES: '3', BOARD_MAX_BYTES: String(64 * 1024), BOARD_MAX_BYTES_PER_SECOND: '1024' })
})
afterAll(async () => {
  await server.destroy()
})
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy()
  for (const raw of raws.splice(0)) raw.ws.terminate()
})

async function connect(room: TestRoom, role: 'interviewer' | 'candidate' = 'candidate') {
  const client = await connectBoard(server.url, room.roomId, room.tokens[role])
  clients.push(client)
  return client
}

function withText(id: string, text: string): TLRecord {
  const shape = shapeRecord(id, 0) as unknown as { props: Record<string, unknown> }
  return {
    ...shape,
    props: { ...shape.props, richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } },
  } as unknown as TLRecord
}

/** The refused client is closed with the reason and told the board is full; the other keeps editing. */
async function expectFullAndOthersWorking(sender: BoardClient, other: BoardClient, reason: BoardRefusal, messages: string[], room: TestRoom) {
  await waitFor(() => sender.closes.length > 0, { what: 'the sender’s socket to close' })
  expect(sender.closes[0]).toEqual({ code: BoardCloseCode.CHANGE_REFUSED, reason })
  expect(messages).toEqual([BOARD_REFUSAL_MESSAGES[reason]])
  expect(messages[0]).toMatch(/^The board is full/)
  other.putShape('shape:one', 500)
  const again = await connect(room)
  await waitFor(() => (again.records.get('shape:one') as { x: number } | undefined)?.x === 500, { what: 'the other client’s move at a new client' })
  expect(server.logs.some((line) => line.msg === 'board update refused' && line.reason === reason && line.roomId === room.roomId)).toBe(true)
}

describe('board caps', () => {
  it('a shape past BOARD_MAX_SHAPES is refused with “the board is full”; moving existing shapes still works', async () => {
    const room = await server.createRoom()
    const a = await connect(room, 'interviewer')
    for (const id of ['shape:one', 'shape:two', 'shape:three']) a.putShape(id)
    const b = await connect(room)
    await waitFor(() => b.shapeIds().length === 3, { what: 'three shapes at b' })
    const messages: string[] = []
    watchRefusals(b.provider, (message) => messages.push(message))
    b.putShape('shape:four')
    await expectFullAndOthersWorking(b, a, BoardRefusal.TOO_MANY_SHAPES, messages, room)
    expect(a.shapeIds()).toEqual(['shape:one', 'shape:three', 'shape:two'])
  })

  it('an edit that would grow the board past BOARD_MAX_BYTES is refused with “the board is full”', async () => {
    const room = await server.createRoom()
    const a = await connect(room, 'interviewer')
    a.putShape('shape:one')
    const b = await connect(room)
    const messages: string[] = []
    watchRefusals(b.provider, (message) => messages.push(message))
    b.records.set('shape:big', withText('shape:big', 'x'.repeat(70 * 1024)))
    await expectFullAndOthersWorking(b, a, BoardRefusal.BOARD_FULL, messages, room)
    expect(a.shapeIds()).toEqual(['shape:one'])
  })

  it('a connection sending more than BOARD_MAX_BYTES_PER_SECOND is closed with RATE_LIMITED; the room goes on', async () => {
    const room = await server.createRoom()
    const a = await connect(room, 'interviewer')
    const b = await connect(room, 'interviewer')
    const raw = await openRawBoard(server.url, room.roomId, room.tokens.candidate)
    raws.push(raw)
    // The bucket holds at least two of the largest frames; the third in a row is over budget.
    const junk = new Uint8Array(900 * 1024)
    for (let i = 0; i < 3; i++) raw.sendAwareness(junk)
    expect((await raw.closed).code).toBe(BoardCloseCode.RATE_LIMITED)
    a.putShape('shape:after')
    await waitFor(() => b.shapeIds().includes('shape:after'), { what: 'an edit after the flood at b' })
    expect(server.logs.some((line) => line.msg === 'board socket rate limited, closing' && line.roomId === room.roomId)).toBe(true)
  })
})
