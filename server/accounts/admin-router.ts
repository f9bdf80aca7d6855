import path from 'node:path'
import fs from 'node:fs'
import { Router } from 'express'
import { ErrorCode } from '../../shared/errors.ts'
import type { Db } from '../db/connection.ts'
import { BACKUPS_FOLDER, backupDatabase, isBackupName, nextBackupFile } from '../db/backup.ts'
import { notFound } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { IdentityDoor } from '../rooms/authenticate.ts'
import { requireMember } from './guards.ts'

export interface AdminRouterDeps {
  db: Db
  log: Logger
  door: IdentityDoor
  dataDir: string
}

/** Mounted at /api/admin: the admin's backup button (writes into DATA_DIR/backups/, then offers the file for download). */
export function createAdminRouter(deps: AdminRouterDeps): Router {
  const router = Router()
  const log = deps.log.child({ feature: 'backup' })

  router.post('/backups', async (req, res) => {
    const admin = requireMember(deps.door, req, 'team:backup')
    const startedAt = Date.now()
    const { file, bytes } = await backupDatabase(deps.db, nextBackupFile(deps.dataDir))
    log.info({ file, bytes, durationMs: Date.now() - startedAt, by: admin.member.memberId }, 'database backed up')
    const name = path.basename(file)
    res.status(201).json({ name, bytes, downloadUrl: `/api/admin/backups/${name}` })
  })

  router.get('/backups/:name', (req, res) => {
    requireMember(deps.door, req, 'team:backup')
    const name = String(req.params.name)
    const file = path.join(deps.dataDir, BACKUPS_FOLDER, name)
    if (!isBackupName(name) || !fs.existsSync(file)) throw notFound(ErrorCode.NOT_FOUND, 'There is no such backup.')
    res.set('Cache-Control', 'no-store').download(file, name)
  })

  return router
}
