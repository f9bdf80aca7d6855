import fs from 'node:fs'
import path from 'node:path'
import type { Db } from './connection.ts'

export const BACKUPS_FOLDER = 'backups'
const BACKUP_NAME = /^mockboard-\d{8}-\d{6}(-\d+)?\.db$/

/**
 * A consistent copy of the live database through SQLite's online backup API: pages are copied
 * while the server keeps writing (WAL), and the copy is the database as of one moment. The copy
 * is written to a temporary name and renamed, so a half-written file never has the final name.
 */
export async function backupDatabase(db: Db, file: string): Promise<{ file: string; bytes: number }> {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const partial = `${file}.partial`
  await db.$client.backup(partial)
  fs.renameSync(partial, file)
  return { file, bytes: fs.statSync(file).size }
}

/** DATA_DIR/backups/mockboard-YYYYMMDD-HHMMSS.db (UTC), never overwriting an earlier one. */
export function nextBackupFile(dataDir: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  const folder = path.join(dataDir, BACKUPS_FOLDER)
  let file = path.join(folder, `mockboard-${stamp}.db`)
  for (let n = 2; fs.existsSync(file); n++) file = path.join(folder, `mockboard-${stamp}-${n}.db`)
  return file
}

export function isBackupName(name: string): boolean {
  return BACKUP_NAME.test(name)
}
