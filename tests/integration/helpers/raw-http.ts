import net from 'node:net'

export interface RawAnswer {
  /** 0 when the server closed the connection without an answer. */
  status: number
  head: string
  body: string
}

/**
 * Sends bytes exactly as given (fetch and http.request would normalise or refuse a malformed
 * request line) and reads the answer up to the server's close, or the first response for an
 * upgrade that was accepted.
 */
export function rawRequest(port: number, request: string | Buffer, { timeoutMs = 5000 } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    let received = ''
    const finish = () => {
      clearTimeout(timer)
      socket.destroy()
      const [head = '', body = ''] = received.split('\r\n\r\n', 2)
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0)
      resolve({ status, head, body })
    }
    const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms to ${String(request).slice(0, 80)}`)), timeoutMs)
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1')
      // A 101 leaves the socket open: its head is the whole answer we need.
      if (/^HTTP\/1\.1 101/.test(received) && received.includes('\r\n\r\n')) finish()
    })
    socket.on('end', finish)
    socket.on('close', finish)
    socket.on('error', () => finish())
    socket.write(request)
  })
}

/** A GET request line with headers; `Host` defaults to the test server's own. */
export function rawGet(port: number, target: string, headers: Record<string, string> = {}): string {
  const all = { Host: `127.0.0.1:${port}`, Connection: 'close', ...headers }
  return `GET ${target} HTTP/1.1\r\n${Object.entries(all)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n')}\r\n\r\n`
}

export const WEBSOCKET_HEADERS = {
  Connection: 'Upgrade',
  Upgrade: 'websocket',
  'Sec-WebSocket-Version': '13',
  'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
}
