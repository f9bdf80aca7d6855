import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../server/errors.ts'
import { guardRequests } from '../../../server/http-edge.ts'
import { HostPolicy } from '../../../server/host-policy.ts'
import { parseConfig } from '../../../server/config.ts'
import { onEvent, type RoomSocket } from '../../../server/realtime/socket-server.ts'
import { ErrorCode } from '../../../shared/errors.ts'
import type { Ack } from '../../../shared/events.ts'

function captureLog() {
  const lines: { msg: string; [field: string]: unknown }[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line))
      done()
    },
  })
  return { log: pino({ base: undefined }, sink), lines }
}

/** Just enough of a socket for onEvent: handlers by name and socket.data. */
function fakeSocket() {
  const handlers = new Map<string, (payload: unknown, ack: (answer: Ack) => void) => void>()
  const socket = {
    data: { roomId: 'room1', role: 'interviewer', name: 'Ada', clientKey: 'adas-key', participantId: 'p1' },
    on: (event: string, handler: never) => handlers.set(event, handler),
  }
  const call = (event: string, payload: unknown) =>
    new Promise<Ack>((resolve) => {
      handlers.get(event)!(payload, resolve)
    })
  return { socket: socket as unknown as RoomSocket, call }
}

describe('onEvent with async handlers', () => {
  it('acks only once the handler has finished, with what it returned', async () => {
    const { log } = captureLog()
    const { socket, call } = fakeSocket()
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    onEvent(socket, log, 'chat:fetch', async () => {
      await gate
      return { messages: [] }
    })
    let answered: Ack | undefined
    const pending = call('chat:fetch', {}).then((ack) => (answered = ack))
    await Promise.resolve()
    expect(answered).toBeUndefined()
    release()
    await pending
    expect(answered).toEqual({ ok: true, messages: [] })
  })

  it('a rejected AppError becomes an error ack with its code, and a rejected bug an INTERNAL ack and an error log line; no unhandled rejection', async () => {
    const { log, lines } = captureLog()
    const { socket, call } = fakeSocket()
    onEvent(socket, log, 'notes:fetch', async () => {
      throw new AppError(ErrorCode.CONFLICT, 409, 'Not now.')
    })
    onEvent(socket, log, 'chat:fetch', async () => {
      throw new Error('database is on fire')
    })
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      expect(await call('notes:fetch', {})).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Not now.' } })
      expect(await call('chat:fetch', {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on the server.' } })
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
    expect(unhandled).toEqual([])
    expect(lines.find((line) => line.msg === 'socket handler failed')).toMatchObject({ event: 'chat:fetch' })
    expect(lines.find((line) => line.msg === 'socket event refused')).toMatchObject({ event: 'notes:fetch', code: 'CONFLICT' })
  })
})

describe('the request guard', () => {
  let server: http.Server | undefined
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

  it('a listener that throws answers that request with a 500 and the next request is served', async () => {
    const { log, lines } = captureLog()
    const config = parseConfig({ PORT: '0' })
    let port = 0
    server = http.createServer(
      guardRequests(
        (req, res) => {
          if (req.url === '/bug') throw new Error('a bug in one request')
          res.end('fine')
        },
        { hosts: () => new HostPolicy(config, port), log },
      ),
    )
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
    const bug = await fetch(`http://127.0.0.1:${port}/bug`)
    expect(bug.status).toBe(500)
    expect(await bug.json()).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } })
    const fine = await fetch(`http://127.0.0.1:${port}/ok`)
    expect(await fine.text()).toBe('fine')
    expect(lines.some((line) => line.msg === 'request listener threw')).toBe(true)
  })
})
