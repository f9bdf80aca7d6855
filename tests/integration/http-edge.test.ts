import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rawGet, rawRequest, WEBSOCKET_HEADERS } from './helpers/raw-http.ts'
import { startTestServer, type TestRoom, type TestServer } from './helpers/test-server.ts'

/**
 * The edge belongs to strangers (ARCHITECTURE.md): every byte here is hostile. Each case must be
 * answered with a 4xx, never crash the process, and leave the server serving normal requests.
 */
let server: TestServer
let room: TestRoom

beforeAll(async () => {
  server = await startTestServer({ ALLOWED_HOSTS: 'mockboard.team.internal,box.lan:8080' })
  room = await server.createRoom()
})

afterAll(async () => {
  await server?.destroy()
})

const MALFORMED = ['%', '%E0%A4%A', '%zz', '%C0%AF', '%ED%A0%80', '%%41', '%F4%90%80%80']

function routes(): string[] {
  const id = room.roomId
  return [
    '/',
    '/api/rooms',
    `/api/rooms/${id}/session`,
    `/api/rooms/${id}/board-ticket`,
    '/api/questions',
    '/api/questions/url-shortener',
    '/api/questions/phase-plans',
    '/api/config',
    '/healthz',
    '/assets/index.js',
    '/bank',
    `/r/${id}`,
    `/yjs/${id}`,
  ]
}

async function stillServes(): Promise<void> {
  const health = await fetch(`${server.url}/healthz`)
  expect(health.status).toBe(200)
  expect(((await health.json()) as { ok: boolean }).ok).toBe(true)
}

function expect4xx(status: number, what: string) {
  expect(status, what).toBeGreaterThanOrEqual(400)
  expect(status, what).toBeLessThan(500)
}

describe('the HTTP edge', () => {
  it('malformed percent-encoding in the path or the query of every route is a 400 MALFORMED_REQUEST, with a log line', async () => {
    for (const route of routes()) {
      for (const bad of MALFORMED) {
        for (const target of [`${route}/${bad}`, `${route}?q=${bad}`]) {
          const answer = await rawRequest(server.port, rawGet(server.port, target))
          expect(answer.status, target).toBe(400)
          expect(JSON.parse(answer.body), target).toEqual({ error: { code: 'MALFORMED_REQUEST', message: expect.any(String) } })
        }
      }
    }
    expect(server.logs.filter((line) => line.msg === 'request refused at the edge' && line.code === 'MALFORMED_REQUEST').length).toBe(
      routes().length * MALFORMED.length * 2,
    )
    await stillServes()
  })

  it('malformed percent-encoding on the board upgrade (no token, no Origin) is refused and the server stays up', async () => {
    for (const target of ['/yjs/%E0%A4%A', '/yjs/%', `/yjs/${room.roomId}?ticket=%E0%A4%A`, '/yjs/%zz/../x']) {
      const answer = await rawRequest(server.port, rawGet(server.port, target, WEBSOCKET_HEADERS))
      expect(answer.status, target).toBe(400)
    }
    expect(server.logs.some((line) => line.msg === 'upgrade refused at the edge' && line.reason === 'malformed percent-encoding')).toBe(true)
    await stillServes()
  })

  it('junk upgrades are answered with a 4xx: unknown paths, other protocols, missing keys, bad versions, socket.io with a bad Host', async () => {
    const cases: [string, Record<string, string>][] = [
      ['/nothing-here', WEBSOCKET_HEADERS],
      ['/api/rooms', WEBSOCKET_HEADERS],
      [`/yjs/${room.roomId}`, { ...WEBSOCKET_HEADERS, Upgrade: 'h2c' }],
      [`/yjs/${room.roomId}`, { ...WEBSOCKET_HEADERS, 'Sec-WebSocket-Key': '' }],
      [`/yjs/${room.roomId}`, { ...WEBSOCKET_HEADERS, 'Sec-WebSocket-Version': '99' }],
      [`/yjs/${room.roomId}`, { Connection: 'Upgrade', Upgrade: 'websocket' }],
      [`/yjs/${room.roomId}`, { ...WEBSOCKET_HEADERS, Upgrade: '\u0001\u0002' }],
      ['/yjs/', WEBSOCKET_HEADERS],
      ['/yjs/../../etc/passwd', WEBSOCKET_HEADERS],
      [`/yjs/${room.roomId}?ticket=${'x'.repeat(5000)}`, WEBSOCKET_HEADERS],
      ['/socket.io/?EIO=4&transport=websocket', { ...WEBSOCKET_HEADERS, Host: 'evil.example' }],
      ['/socket.io/?EIO=4&transport=websocket&x=%E0%A4%A', WEBSOCKET_HEADERS],
      ['/socket.io/?EIO=4&transport=websocket', { ...WEBSOCKET_HEADERS, Origin: 'https://evil.example' }],
    ]
    for (const [target, headers] of cases) {
      const answer = await rawRequest(server.port, rawGet(server.port, target, headers))
      expect4xx(answer.status, `${target} ${JSON.stringify(headers)}`)
    }
    await stillServes()
  })

  it('a Host that is not ours is refused with 421 HOST_NOT_ALLOWED on requests and upgrades; our own names and ALLOWED_HOSTS are served', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, 'localhost:1', '127.0.0.1', 'box.lan:9090', '']) {
      const request = await rawRequest(server.port, rawGet(server.port, '/api/config', { Host: host }))
      expect(request.status, host).toBe(421)
      const upgrade = await rawRequest(server.port, rawGet(server.port, `/yjs/${room.roomId}`, { ...WEBSOCKET_HEADERS, Host: host }))
      expect4xx(upgrade.status, `upgrade with ${host}`)
    }
    const http10 = await rawRequest(server.port, 'GET /api/config HTTP/1.0\r\n\r\n')
    expect(http10.status).toBe(421)
    for (const host of [
      `127.0.0.1:${server.port}`,
      `localhost:${server.port}`,
      `[::1]:${server.port}`,
      'mockboard.team.internal',
      'MOCKBOARD.team.internal:443',
      'box.lan:8080',
    ]) {
      const answer = await rawRequest(server.port, rawGet(server.port, '/api/config', { Host: host }))
      expect(answer.status, host).toBe(200)
    }
    await stillServes()
  })

  it('state-changing calls take application/json only: a cross-site text/plain or form POST is a 415 and creates nothing', async () => {
    const rooms = () => (server.db.$client.prepare('select count(*) as n from rooms').get() as { n: number }).n
    const before = rooms()
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', undefined]) {
      const response = await fetch(`${server.url}/api/rooms`, { method: 'POST', headers: type ? { 'Content-Type': type } : {}, body: type ? '{}' : null })
      expect(response.status, String(type)).toBe(415)
      expect(await response.json()).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) } })
    }
    const ticket = await fetch(`${server.url}/api/rooms/${room.roomId}/board-ticket`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${room.tokens.candidate}`, 'Content-Type': 'text/plain' },
      body: JSON.stringify({ name: 'Bob', clientKey: 'bobs-browser' }),
    })
    expect(ticket.status).toBe(415)
    expect(rooms()).toBe(before)
    const { token } = await server.admin()
    const json = await fetch(`${server.url}/api/rooms`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${token}` },
      body: '{}',
    })
    expect(json.status).toBe(201)
  })

  it('oversized headers and bodies are refused with 431 and 413', async () => {
    const huge = await rawRequest(server.port, rawGet(server.port, '/api/config', { 'X-Padding': 'a'.repeat(64 * 1024) }))
    expect(huge.status).toBe(431)
    const hugeUpgrade = await rawRequest(server.port, rawGet(server.port, `/yjs/${room.roomId}`, { ...WEBSOCKET_HEADERS, 'X-Padding': 'a'.repeat(64 * 1024) }))
    expect(hugeUpgrade.status).toBe(431)
    const body = await fetch(`${server.url}/api/rooms`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }),
    })
    expect(body.status).toBe(413)
    await stillServes()
  })

  it('every response carries the security headers: CSP from our own origin, no framing, no referrer, nosniff', async () => {
    for (const path of ['/', '/api/config', '/api/nothing', '/healthz']) {
      const response = await fetch(`${server.url}${path}`)
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp, path).toContain("default-src 'self'")
      expect(csp, path).toContain("script-src 'self'")
      expect(csp, path).toContain("frame-ancestors 'none'")
      expect(csp, path).not.toContain('upgrade-insecure-requests')
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer')
      expect(response.headers.get('x-frame-options'), path).toBe('SAMEORIGIN')
      expect(response.headers.get('strict-transport-security'), path).toBeNull()
    }
  })

  it('random request lines and headers never crash the server and never get a 500', async () => {
    const targets = fc.oneof(
      fc.constantFrom(...routes()),
      fc.string({ maxLength: 60 }).map((tail) => `/${tail}`),
      fc
        .array(fc.constantFrom('%', 'E0', '%A4', '/', '?', '=', '&', 'yjs', 'api', '..', '%00', '#', ' ', '\t'), { maxLength: 12 })
        .map((parts) => `/${parts.join('')}`),
    )
    const headerValue = fc.string({ maxLength: 40 }).map((value) => value.replace(/[\r\n]/g, ''))
    await fc.assert(
      fc.asyncProperty(targets, fc.boolean(), headerValue, async (target, upgrade, junk) => {
        const headers: Record<string, string> = { 'X-Junk': junk, ...(upgrade ? WEBSOCKET_HEADERS : {}) }
        const answer = await rawRequest(server.port, rawGet(server.port, target, headers))
        // 0: the server closed a request it could not parse, which is an answer too (no crash).
        // 503: the page itself when the client is not built in this checkout; never a 500.
        return answer.status < 500 || (answer.status === 503 && answer.body.includes('not built'))
      }),
      { numRuns: 150 },
    )
    await stillServes()
  })
})
