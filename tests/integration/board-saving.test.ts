import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { BoardSavingNotice } from '../../shared/board-events.ts'
import { SqliteBoardStore } from '../../server/whiteboard/board-store.ts'
import { boardRecords } from '../../server/whiteboard/board-seed.ts'
import { boardStateAt } from '../../server/whiteboard/room-doc.ts'
import { type BoardClient, connectBoard } from './helpers/board-client.ts'
import { connectRoomSocket, type TestRoomSocket } from './helpers/room-socket.ts'
import { type ServerProcess, spawnServer } from './helpers/server-process.ts'
import { createRoomAt, startTestServer, type TestServer } from './helpers/test-server.ts'
import { waitFor } from './helpers/wait-for.ts'
import { openDatabase } from '../../server/db/connection.ts'
import { createLogger } from '../../server/log.ts'
import { createMemberWithToken } from './helpers/accounts.ts'

async function memberTokenIn(dataDir: string): Promise<string> {
  const db = openDatabase(path.join(dataDir, 'mockboard.db'))
  try {
    return (await createMemberWithToken({ db, log: createLogger('silent') })).token
  } finally {
    db.$client.close()
  }
}

let server: TestServer | undefined
let processes: ServerProcess[] = []
const clients: BoardClient[] = []
const sockets: TestRoomSocket[] = []
const dirs: string[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const socket of sockets.splice(0)) socket.disconnect()
  await server?.destroy()
  server = undefined
  await Promise.all(processes.map((running) => running.stop('SIGKILL')))
  processes = []
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** The disk "fails" the way SQLite reports it: every insert into board_updates aborts its transaction. */
const FAIL_BOARD_WRITES = `create trigger fail_board_writes before insert on board_updates begin select raise(abort, 'disk full (injected by the test)'); end`
const RECOVER_BOARD_WRITES = 'drop trigger fail_board_writes'

async function connect(baseUrl: string, roomId: string, token: string) {
  const client = await connectBoard(baseUrl, roomId, token)
  clients.push(client)
  return client
}

async function roomSocket(baseUrl: string, roomId: string, token: string) {
  const socket = await connectRoomSocket(baseUrl, roomId, token)
  sockets.push(socket)
  return socket
}

function savingNotices(socket: TestRoomSocket): BoardSavingNotice[] {
  return socket.received.filter((entry) => entry.event === 'board:saving').map((entry) => entry.args[0] as BoardSavingNotice)
}

function persistedShapeIds(s: TestServer, roomId: string): string[] {
  const doc = boardStateAt(new SqliteBoardStore(s.db.$client), roomId, Date.now())
  const ids = [...boardRecords(doc).map.keys()].filter((key) => key.startsWith('shape:')).sort()
  doc.destroy()
  return ids
}

async function health(baseUrl: string) {
  const response = await fetch(`${baseUrl}/healthz`)
  return { status: response.status, body: (await response.json()) as { ok: boolean; boards: { failing: number; reason?: string } } }
}

describe('board saving when the database refuses writes', () => {
  it('edits keep syncing, the room hears "saving paused", healthz is 503; after recovery every edit is stored and survives a restart', async () => {
    server = await startTestServer({ BOARD_RETRY_MAX_MS: '200' })
    const room = await server.createRoom()
    const a = await connect(server.url, room.roomId, room.tokens.interviewer)
    const b = await connect(server.url, room.roomId, room.tokens.candidate)
    const listener = await roomSocket(server.url, room.roomId, room.tokens.candidate)
    expect((await health(server.url)).status).toBe(200)

    server.db.$client.exec(FAIL_BOARD_WRITES)
    a.putShape('shape:while-failing-1')
    await waitFor(() => b.shapeIds().includes('shape:while-failing-1'), { what: 'the edit at the other client' })
    await waitFor(() => savingNotices(listener).some((notice) => notice.paused), { what: 'the saving-paused notice' })
    const failing = await health(server.url)
    expect(failing.status).toBe(503)
    expect(failing.body).toMatchObject({ ok: false, boards: { failing: 1, reason: expect.stringContaining('disk full (injected by the test)') } })

    // Editing goes on: both ways, on the same sockets, and nothing of it is in the database yet.
    b.putShape('shape:while-failing-2')
    await waitFor(() => a.shapeIds().includes('shape:while-failing-2'), { what: 'the second edit at the first client' })
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true)
    expect(server.logs.filter((line) => line.msg === 'board socket closed')).toEqual([])
    expect(persistedShapeIds(server, room.roomId)).toEqual([])
    const late = await roomSocket(server.url, room.roomId, room.tokens.observer)
    await waitFor(() => savingNotices(late).some((notice) => notice.paused), { what: 'the notice for a socket that connects while paused' })

    server.db.$client.exec(RECOVER_BOARD_WRITES)
    await waitFor(() => savingNotices(listener).at(-1)?.paused === false, { what: 'the saving-resumed notice' })
    expect(persistedShapeIds(server, room.roomId)).toEqual(['shape:while-failing-1', 'shape:while-failing-2'])
    expect(await health(server.url)).toMatchObject({ status: 200, body: { ok: true, boards: { failing: 0 } } })

    for (const client of clients.splice(0)) client.destroy()
    const dataDir = server.dataDir
    await server.close()
    server = await startTestServer({}, dataDir)
    const reopened = await connect(server.url, room.roomId, room.tokens.candidate)
    expect(reopened.shapeIds()).toEqual(['shape:while-failing-1', 'shape:while-failing-2'])
  })

  it('a shutdown while board writes fail exits non-zero and names the room whose edits it could not save', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mockboard-test-'))
    dirs.push(dataDir)
    const running = await spawnServer({ DATA_DIR: dataDir, BOARD_FLUSH_INTERVAL_MS: '50' })
    processes.push(running)
    // The spawned server's own database gets a member (WAL: a second connection beside the server).
    const token = await memberTokenIn(dataDir)
    const room = await createRoomAt(running.url, {}, token)
    const editor = await connect(running.url, room.roomId, room.tokens.interviewer)
    const saved = await createRoomAt(running.url, {}, token)
    await connect(running.url, saved.roomId, saved.tokens.interviewer)

    const sqlite = new Database(path.join(dataDir, 'mockboard.db'))
    sqlite.exec(FAIL_BOARD_WRITES)
    sqlite.close()
    editor.putShape('shape:unsaved')
    await waitFor(() => running.logs.some((line) => line.msg === 'board saving paused' && line.roomId === room.roomId), { what: 'the write to fail' })

    expect(await running.stop('SIGTERM')).toBe(1)
    expect(running.logs).toContainEqual(expect.objectContaining({ msg: 'shutdown lost unsaved board edits', roomIds: [room.roomId] }))
  }, 60_000) // a whole server process starts (its modules, migrations, the bank) and stops here
})
