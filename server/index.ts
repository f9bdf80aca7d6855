import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { createApp } from './app.ts'
import { HostPolicy } from './host-policy.ts'
import { guardRequests, guardUpgrades, writeUpgradeRefusal } from './http-edge.ts'
import { createCallerLimits } from './rate-limit.ts'
import { ConfigError, parseConfig, type Config } from './config.ts'
import { isDatabaseReachable, openDatabase, type Db } from './db/connection.ts'
import { createLogger, type Logger } from './log.ts'
import { OriginPolicy, publicUrlOf } from './origins.ts'
import { createRoomServer, refuseUnknownEvents } from './realtime/socket-server.ts'
import { createAccountsFeature } from './accounts/index.ts'
import { createBankRouter, loadQuestionBank } from './bank/index.ts'
import { createChatFeature } from './chat/index.ts'
import { InterviewFeature } from './interview/index.ts'
import { createNotesFeature } from './notes/index.ts'
import { createPracticeRouters } from './practice/index.ts'
import { resolveRoomContent } from './room-content.ts'
import { BoardTickets, createRoomsRouter, findRoom, IdentityDoor, Presence, principalOf } from './rooms/index.ts'
import { createTimerFeature } from './timer/index.ts'
import { BoardEndpoint } from './whiteboard/board-endpoint.ts'
import { DEFAULT_WINDOW_OPTIONS, systemClock } from './whiteboard/board-window.ts'
import { BoardRooms, BoardsNotSavedError } from './whiteboard/board-rooms.ts'
import { BoardSavingNotices } from './whiteboard/board-saving-notices.ts'
import { SqliteBoardStore } from './whiteboard/board-store.ts'

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url))
export const CLIENT_DIR = fileURLToPath(new URL('../dist/client', import.meta.url))
/** The curated bank, then the team's own imports (git-ignored); a missing folder is skipped. */
const BANK_DIRS = [fileURLToPath(new URL('../question-bank', import.meta.url)), fileURLToPath(new URL('../question-bank/imported', import.meta.url))]

export interface RunningServer {
  url: string
  port: number
  config: Config
  db: Db
  boards: BoardRooms
  log: Logger
  /** Stops in order (stop accepting, close sockets, flush every board, close the database), once. Rejects with BoardsNotSavedError naming boards it could not write. */
  close(): Promise<void>
}

/** Boots the whole product on one HTTP server: config → db → migrations → bank → features → listen. */
export async function startServer(config: Config, log: Logger = createLogger(config.LOG_LEVEL)): Promise<RunningServer> {
  const db = openDatabase(config.databaseFile)
  loadQuestionBank({ db, log: log.child({ feature: 'bank' }), dirs: BANK_DIRS })

  let port = config.PORT
  let origins: OriginPolicy | undefined
  const currentOrigins = () => (origins ??= new OriginPolicy(config, port))
  let hosts: HostPolicy | undefined
  const currentHosts = () => (hosts ??= new HostPolicy(config, port))
  const door = new IdentityDoor({ db, log, tickets: new BoardTickets(config.BOARD_TICKET_TTL_MS), maxParticipantsPerRoom: config.MAX_PARTICIPANTS_PER_ROOM })
  const limits = createCallerLimits(config)
  const savingNotices = new BoardSavingNotices({ io: () => io, boards: () => boards, log: log.child({ feature: 'whiteboard' }) })
  const accounts = createAccountsFeature({ config, db, log, door, publicUrl: () => publicUrlOf(config, port) })
  const boards = new BoardRooms({
    store: new SqliteBoardStore(db.$client),
    clock: systemClock,
    log: log.child({ feature: 'whiteboard' }),
    flushIntervalMs: config.BOARD_FLUSH_INTERVAL_MS,
    retryMaxMs: config.BOARD_RETRY_MAX_MS,
    unloadGraceMs: config.ROOM_UNLOAD_GRACE_MS,
    window: { ...DEFAULT_WINDOW_OPTIONS, keyframeIntervalMs: config.BOARD_KEYFRAME_INTERVAL_MS },
    isFrozen: (roomId) => findRoom(db, roomId)?.status === 'completed',
    onSavingChange: savingNotices.publish,
  })

  // The edge listener is given before Socket.IO attaches, so engine.io keeps /socket.io/ requests to
  // itself and passes every other request through the edge (the app is bound once it is built).
  let app: ReturnType<typeof createApp> | undefined
  const edge = { hosts: currentHosts, log: log.child({ feature: 'edge' }) }
  const httpServer = http.createServer(guardRequests((req, res) => app!(req, res), edge))
  const io = createRoomServer(httpServer, { door, origins: currentOrigins, hosts: currentHosts, limits, log: log.child({ feature: 'sockets' }) })
  // The member's session cookie rides along the handshake: it links a signed-in member to the participant.
  io.engine.use(accounts.session)
  const presence = new Presence(io, db, log)
  const timer = createTimerFeature({ db, io, log })
  const interview = new InterviewFeature({ db, io, log, timer: timer.service, boards })
  const notes = createNotesFeature({ db, io, log, currentPhaseId: (roomId) => timer.service.currentPhaseId(roomId) })
  const chat = createChatFeature({ db, io, log })
  const socketLog = log.child({ feature: 'sockets' })
  // Presence first (it sets the participant id and the channels); then each feature registers its
  // own events. Anything not registered gets an UNKNOWN_EVENT ack.
  io.on('connection', (socket) => {
    refuseUnknownEvents(socket, socketLog)
    presence.handleConnection(socket)
    timer.handleConnection(socket)
    interview.handleConnection(socket)
    notes.handleConnection(socket)
    chat.handleConnection(socket)
    savingNotices.handleConnection(socket)
  })

  const seedRoom = (roomId: string) => {
    boards.createBoard(roomId, interview.starterBoardFor(roomId))
    interview.initializeRoom(roomId)
  }
  const publicUrl = () => publicUrlOf(config, port)
  const resolveContent = (input: { questionId?: string | undefined; phasePlanId?: string | undefined }) => resolveRoomContent(db, input)

  app = createApp({
    config,
    log,
    clientDir: CLIENT_DIR,
    apiMiddleware: accounts.apiMiddleware,
    apiRouters: {
      ...accounts.routers,
      '/rooms': createRoomsRouter({
        db,
        log,
        door,
        reads: limits.read,
        publicUrl,
        resolveContent,
        onRoomCreated: seedRoom,
      }),
      ...createPracticeRouters({ db, log, door, reads: limits.read, publicUrl, resolveContent, onRoomCreated: seedRoom }),
      '/questions': createBankRouter({ db, log, resolvePrincipal: (req) => principalOf(door.authenticateRequest(req)) }),
    },
    health: () => {
      const database = isDatabaseReachable(db) ? 'ok' : 'unreachable'
      const board = boards.health()
      return { ok: database === 'ok' && board.failing === 0, database, boards: board, roomsLoaded: boards.loadedCount, roomsOnline: presence.roomCount }
    },
  })

  const boardEndpoint = new BoardEndpoint({
    rooms: boards,
    origins: currentOrigins,
    door,
    limits: { maxBoardBytes: config.BOARD_MAX_BYTES, maxShapes: config.BOARD_MAX_SHAPES, maxBytesPerSecond: config.BOARD_MAX_BYTES_PER_SECOND },
    log: log.child({ feature: 'whiteboard' }),
  })
  const boardUpgrades = guardUpgrades((req, socket, head) => {
    if (boardEndpoint.handles(req)) boardEndpoint.handleUpgrade(req, socket, head)
    else writeUpgradeRefusal(socket, 404)
  }, edge)
  // engine.io answers its own upgrades (Host and Origin checked in its allowRequest); every other one passes the edge.
  httpServer.on('upgrade', (req, socket, head) => {
    if (!(req.url ?? '').startsWith('/socket.io/')) boardUpgrades(req, socket, head)
  })

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject)
    httpServer.listen(config.PORT, config.HOST, () => resolve())
  })
  port = (httpServer.address() as AddressInfo).port
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`
  log.info({ url, publicUrl: publicUrlOf(config, port), database: config.databaseFile }, 'server listening')

  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      httpServer.close()
      boardEndpoint.close()
      io.disconnectSockets(true)
      await io.close().catch(() => undefined)
      // The database closes even when some boards could not be written; the error then names them.
      const unsaved = await boards.closeAll().then(
        () => undefined,
        (error: unknown) => error,
      )
      httpServer.closeAllConnections()
      db.$client.close()
      if (unsaved) throw unsaved
      log.info('server stopped')
    })())

  return { url, port, config, db, boards, log, close }
}

/** The process entry: parse config, start, and shut down in order on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  let config: Config
  try {
    config = parseConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
  const log = createLogger(config.LOG_LEVEL)
  const server = await startServer(config, log)
  let shuttingDown = false
  // A second signal while shutting down changes nothing: the first shutdown (or its force timer) ends the process.
  const shutdown = (signal: string) => {
    if (shuttingDown) return
    shuttingDown = true
    log.info({ signal }, 'shutting down')
    const force = setTimeout(() => {
      log.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out, exiting')
      process.exit(1)
    }, config.SHUTDOWN_TIMEOUT_MS)
    force.unref()
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        if (error instanceof BoardsNotSavedError) log.error({ roomIds: error.roomIds }, 'shutdown lost unsaved board edits')
        else log.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
