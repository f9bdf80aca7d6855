import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, parseConfig, type Config } from '../config.ts'
import { backupDatabase, nextBackupFile } from './backup.ts'
import { openDatabase } from './connection.ts'

/**
 * `npm run db:backup [-- <file>]`: a consistent copy of DATA_DIR's database through SQLite's
 * online backup, safe while the server runs. Without a file: DATA_DIR/backups/mockboard-<UTC time>.db.
 * Prints the file written on stdout.
 */
async function main(argv: string[]): Promise<number> {
  let config: Config
  try {
    config = parseConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      return 1
    }
    throw error
  }
  const target = argv[0] ? path.resolve(argv[0]) : nextBackupFile(config.dataDir)
  if (target === config.databaseFile) {
    console.error('The backup cannot be the live database itself.')
    return 2
  }
  const db = openDatabase(config.databaseFile)
  try {
    const { file, bytes } = await backupDatabase(db, target)
    process.stdout.write(`${file}\n`)
    process.stderr.write(`Backed up ${(bytes / 1024).toFixed(0)} KiB.\n`)
    return 0
  } finally {
    db.$client.close()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv.slice(2))
