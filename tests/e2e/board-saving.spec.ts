import path from 'node:path'
import Database from 'better-sqlite3'
import { createRoom, drawRectangle, expect, openAs, shapeCount, startInterview, test } from './fixtures.ts'

/** Makes SQLite refuse every board write of the running server, until the returned function undoes it. */
function failBoardWrites(dataDir: string): () => void {
  const sqlite = new Database(path.join(dataDir, 'mockboard.db'))
  sqlite.exec(`create trigger fail_board_writes before insert on board_updates begin select raise(abort, 'disk full (injected by the test)'); end`)
  return () => {
    sqlite.exec('drop trigger if exists fail_board_writes')
    sqlite.close()
  }
}

test('when the server cannot save the board, the room header says "Saving paused — retrying" while drawing goes on, and clears once saving works', async ({
  browser,
  mockboard,
}) => {
  const room = await createRoom(mockboard, { title: 'Saving check' })
  const interviewer = await openAs(browser, room, 'interviewer', 'Ada')
  const candidate = await openAs(browser, room, 'candidate', 'Bob')
  await startInterview(interviewer)
  await expect(candidate.locator('.tl-canvas')).toBeVisible()
  const notice = (page: typeof interviewer) => page.getByRole('banner').getByRole('status').filter({ hasText: 'Saving paused — retrying' })

  const recover = failBoardWrites(mockboard.dataDir)
  try {
    await drawRectangle(interviewer, { x: 300, y: 250 }, { x: 420, y: 330 })
    await expect(notice(interviewer)).toBeVisible()
    await expect(notice(candidate)).toBeVisible()
    await drawRectangle(candidate, { x: 500, y: 250 }, { x: 620, y: 330 })
    await expect.poll(() => shapeCount(interviewer)).toBe(2)
    await expect.poll(() => shapeCount(candidate)).toBe(2)
  } finally {
    recover()
  }
  await expect(notice(interviewer)).toBeHidden()
  await expect(notice(candidate)).toBeHidden()

  await mockboard.restart()
  await candidate.reload()
  await expect.poll(() => shapeCount(candidate)).toBe(2)
})
