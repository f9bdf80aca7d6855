import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { LogLine } from './test-server.ts'
import { waitFor } from './wait-for.ts'

const ENTRY = fileURLToPath(new URL('../../../server/index.ts', import.meta.url))

export interface ServerProcess {
  url: string
  child: ChildProcess
  /** Every log line the process wrote to stdout, parsed. */
  logs: LogLine[]
  /** Sends `signal` and resolves with the exit code once the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/**
 * Runs the real server entry (`main`: config from the environment, signal handling, exit codes)
 * in its own process, for the tests that are about how the process ends.
 */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [ENTRY], {
    env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: LogLine[] = []
  let partial = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) if (line.startsWith('{')) logs.push(JSON.parse(line) as LogLine)
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const listening = await waitFor(() => logs.find((line) => line.msg === 'server listening'), { what: 'the server process to listen', timeoutMs: 30_000 })
  return {
    url: listening.url as string,
    child,
    logs,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal)
      return exited
    },
  }
}
