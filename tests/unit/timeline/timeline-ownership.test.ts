import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SERVER_DIR = fileURLToPath(new URL('../../../server', import.meta.url))
/** The timeline feature owns the table; the schema declares it. Nobody else may name it. */
const OWNERS = ['timeline', path.join('db', 'schema')].map((folder) => path.join(SERVER_DIR, folder) + path.sep)
const TABLE_NAMES = /roomEvents|room_events/

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

describe('the timeline has one owner', () => {
  it('no file under server/ outside server/timeline/ and server/db/schema/ mentions the room_events table', () => {
    const files = filesUnder(SERVER_DIR)
    expect(files.length).toBeGreaterThan(20)
    const offenders = files
      .filter((file) => !OWNERS.some((owner) => file.startsWith(owner)))
      .filter((file) => TABLE_NAMES.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(SERVER_DIR, file))
    expect(offenders).toEqual([])
  })

  it('the check sees a mention: the owners themselves name the table', () => {
    const owned = OWNERS.flatMap(filesUnder).filter((file) => TABLE_NAMES.test(fs.readFileSync(file, 'utf8')))
    expect(owned.map((file) => path.relative(SERVER_DIR, file)).sort()).toEqual(
      expect.arrayContaining([path.join('db', 'schema', 'rooms.ts'), path.join('timeline', 'timeline-writer.ts')]),
    )
  })
})
