import { createRoom, expect, openAs, shapeCount, startInterview, test } from './fixtures.ts'

test('a room created for a question with a starter board opens with its labelled boxes, arrows and note on the candidate’s board', async ({
  browser,
  mockboard,
}) => {
  const room = await createRoom(mockboard, { questionId: 'geolocation' })
  const interviewer = await openAs(browser, room, 'interviewer', 'Ada')
  const candidate = await openAs(browser, room, 'candidate', 'Bob')

  await startInterview(interviewer)
  await expect(candidate.locator('.tl-canvas')).toBeVisible()
  // Three boxes, three arrows and one note, as the question's "## Starter board" lists them.
  await expect.poll(() => shapeCount(candidate)).toBe(7)
  const board = candidate.locator('.tl-canvas')
  for (const label of ['Customer app', 'Courier app', 'Location backend']) await expect(board.getByText(label, { exact: true })).toBeVisible()
  await expect(board.getByText('which of this data changes often', { exact: false })).toBeVisible()
  await expect(board.getByText('GPS fix every 4 s', { exact: true })).toBeVisible()
})
