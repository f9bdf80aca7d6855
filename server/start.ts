/**
 * `npm start`: builds the client when it is missing or older than its sources, then runs the server.
 * A fresh clone therefore needs only `npm install && npm start`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { CLIENT_DIR, REPO_ROOT, main } from './index.ts'

const CLIENT_SOURCES = ['client', 'shared', 'vite.config.ts', 'package-lock.json']

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  return fs.readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs)
}

function isClientBuildCurrent(): boolean {
  const built = fs.statSync(path.join(CLIENT_DIR, 'index.html'), { throwIfNoEntry: false })
  if (!built) return false
  const sources = Math.max(...CLIENT_SOURCES.map((entry) => newestMtime(path.join(REPO_ROOT, entry))))
  return built.mtimeMs >= sources
}

if (!isClientBuildCurrent()) {
  console.log('Building the client (first start, or its sources changed)…')
  const { build } = await import('vite')
  await build({ configFile: path.join(REPO_ROOT, 'vite.config.ts'), logLevel: 'warn' })
}
await main()
