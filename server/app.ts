import fs from 'node:fs'
import path from 'node:path'
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express'
import { ErrorCode } from '../shared/errors.ts'
import type { Config } from './config.ts'
import { publicClientConfig } from './config.ts'
import { AppError, notFound } from './errors.ts'
import { securityHeaders } from './security-headers.ts'
import type { Logger } from './log.ts'

export interface AppDeps {
  config: Config
  log: Logger
  /** Built client (index.html + assets); served with a SPA fallback. */
  clientDir: string
  /** Feature routers mounted under /api, e.g. { '/rooms': roomsRouter }. */
  apiRouters: Record<string, Router>
  /** Run on every /api request after the JSON body parser, before the routers (the member session, CSRF). */
  apiMiddleware?: RequestHandler[]
  health: () => { ok: boolean; database: 'ok' | 'unreachable'; boards: { failing: number; reason?: string }; roomsLoaded: number; roomsOnline: number }
}

const MAX_JSON_BODY = '64kb'

export function createApp(deps: AppDeps): express.Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback')
  app.use(securityHeaders(deps.config))

  app.get('/healthz', (_req, res) => {
    const health = deps.health()
    res.status(health.ok ? 200 : 503).json(health)
  })

  const api = express.Router()
  api.use(requireJsonForChanges)
  api.use(express.json({ limit: MAX_JSON_BODY }))
  for (const middleware of deps.apiMiddleware ?? []) api.use(middleware)
  api.get('/config', (_req, res) => {
    res.json(publicClientConfig(deps.config))
  })
  for (const [mount, router] of Object.entries(deps.apiRouters)) api.use(mount, router)
  api.use(() => {
    throw notFound(ErrorCode.NOT_FOUND, 'No such API route.')
  })
  app.use('/api', api)

  serveClient(app, deps.clientDir)
  app.use(errorHandler(deps.log))
  return app
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * State-changing API calls take JSON only. A cross-site form or `text/plain` POST is a "simple"
 * request the browser sends without asking; requiring application/json makes it preflighted, and
 * the preflight finds no CORS headers here.
 */
const requireJsonForChanges: RequestHandler = (req, _res, next) => {
  if (!STATE_CHANGING.has(req.method) || req.is('application/json') || isBodilessDelete(req)) return next()
  throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 415, 'Send the request body as application/json.')
}

/** A DELETE is never a "simple" request (the browser preflights it), so one without a body needs no content type. */
function isBodilessDelete(req: express.Request): boolean {
  const length = req.headers['content-length']
  return req.method === 'DELETE' && req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0')
}

function serveClient(app: express.Express, clientDir: string): void {
  const indexFile = path.join(clientDir, 'index.html')
  // Hashed file names under /assets never change, so browsers may keep them for a year.
  app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }))
  app.use(express.static(clientDir, { index: false }))
  app.get(/^\/(?!api\/|yjs\/|socket\.io\/).*/, (_req, res) => {
    if (!fs.existsSync(indexFile)) {
      res.status(503).type('text/plain').send('The client is not built yet: run `npm run build` (npm start does it for you).')
      return
    }
    res.set('Cache-Control', 'no-cache').sendFile(indexFile)
  })
}

function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const appError = toAppError(error)
    const fields = { method: req.method, path: req.path, code: appError.code, status: appError.status }
    if (appError.status >= 500) log.error({ ...fields, err: error }, 'request failed')
    else log.warn({ ...fields, reason: appError.message }, 'request refused')
    res.status(appError.status).json(appError.toBody())
  }
}

/** Maps body-parser and static-file errors onto our codes; anything unknown is a 500 with no details. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  const status = (error as { status?: number }).status
  const type = (error as { type?: string }).type
  if (type === 'entity.parse.failed') return new AppError(ErrorCode.INVALID_JSON, 400, 'The request body is not valid JSON.')
  if (type === 'entity.too.large') return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 413, `Request bodies are limited to ${MAX_JSON_BODY}.`)
  if (status === 404) return notFound()
  if (typeof status === 'number' && status >= 400 && status < 500) return new AppError(ErrorCode.INVALID_PAYLOAD, status, 'The request was not understood.')
  return new AppError(ErrorCode.INTERNAL, 500, 'Something went wrong on the server.')
}
