import { createRoom, cspViolations, drawRectangle, expect, openAs, shapeCount, signIn, startInterview, test } from './fixtures.ts'

test('a rectangle drawn by the interviewer appears for the candidate, survives a server restart, nothing leaves our origin, and the page breaks no rule of its Content-Security-Policy', async ({
  browser,
  mockboard,
}) => {
  const offOrigin: string[] = []
  const room = await createRoom(mockboard, { title: 'Whiteboard check' })
  const interviewer = await openAs(browser, room, 'interviewer', 'Ada', offOrigin)
  const candidate = await openAs(browser, room, 'candidate', 'Bob', offOrigin)

  await expect(interviewer.getByRole('list', { name: 'Participants' })).toContainText('Bob')
  await expect(candidate.getByRole('list', { name: 'Participants' })).toContainText('Ada')
  await startInterview(interviewer)
  await expect(candidate.locator('.tl-canvas')).toBeVisible()

  // Live cursors: the interviewer's pointer shows on the candidate's board with their name.
  await interviewer.mouse.move(420, 300)
  await interviewer.mouse.move(440, 320, { steps: 4 })
  await expect(candidate.locator('.tl-nametag')).toContainText('Ada')

  await drawRectangle(interviewer, { x: 300, y: 250 }, { x: 480, y: 380 })
  await expect.poll(() => shapeCount(interviewer)).toBe(1)
  await expect.poll(() => shapeCount(candidate)).toBe(1)
  await expect(candidate.locator('.tl-shape')).toHaveCount(1)
  await expect(candidate.locator('.tl-shape').first()).toBeVisible()

  // Drawing, live cursors and the board's UI work under the policy the server sends.
  expect(await interviewer.evaluate(() => document.contentType)).toBe('text/html')
  expect(await cspViolations(interviewer)).toEqual([])
  expect(await cspViolations(candidate)).toEqual([])

  await mockboard.restart()
  await candidate.reload()
  await expect(candidate.locator('.tl-canvas')).toBeVisible()
  await expect.poll(() => shapeCount(candidate)).toBe(1)
  await expect(candidate.locator('.tl-shape').first()).toBeVisible()

  // The interviewer's page was not reloaded: its board reconnects by itself, with a fresh ticket
  // (the tickets in memory died with the server, and a spent one never opens a board again).
  await expect(interviewer.locator('.board')).toHaveAttribute('data-connection', 'online')
  await drawRectangle(interviewer, { x: 540, y: 250 }, { x: 660, y: 380 })
  await expect.poll(() => shapeCount(candidate)).toBe(2)

  expect(await cspViolations(candidate)).toEqual([])
  expect(await cspViolations(interviewer)).toEqual([])
  expect(offOrigin).toEqual([])
})

test('an observer sees the board but cannot draw on it', async ({ browser, mockboard }) => {
  const room = await createRoom(mockboard)
  const interviewer = await openAs(browser, room, 'interviewer', 'Ada')
  const observer = await openAs(browser, room, 'observer', 'Olu')
  await startInterview(interviewer)
  await expect(observer.getByText('View only')).toBeVisible()

  await drawRectangle(interviewer, { x: 300, y: 250 }, { x: 420, y: 330 })
  await expect.poll(() => shapeCount(observer)).toBe(1)

  await drawRectangle(observer, { x: 500, y: 250 }, { x: 620, y: 330 })
  await drawRectangle(interviewer, { x: 300, y: 400 }, { x: 420, y: 480 })
  await expect.poll(() => shapeCount(observer)).toBe(2)
  await expect.poll(() => shapeCount(interviewer)).toBe(2)
})

test('a bad invite link shows a clear page', async ({ page, mockboard }) => {
  await page.goto(`${mockboard.baseURL}/r/doesnotexist#invite=${'x'.repeat(43)}`)
  await expect(page.getByRole('heading', { name: 'We could not open this room' })).toBeVisible()
  await expect(page.getByRole('alert')).toContainText('not valid')
  await page.goto(`${mockboard.baseURL}/r/abcdefgh`)
  await expect(page.getByRole('alert')).toContainText('no invite')
})

test('the home page creates a room and shows the three invite links', async ({ page, mockboard }) => {
  await page.goto(mockboard.baseURL)
  await signIn(page, mockboard.admin)
  await page.goto(mockboard.baseURL)
  await page.getByRole('button', { name: 'New interview room' }).click()
  for (const role of ['Interviewer', 'Candidate', 'Observer']) {
    await expect(page.getByLabel(`${role} link`)).toHaveValue(new RegExp(`^${mockboard.baseURL}/r/[A-Za-z0-9_-]+#invite=`))
  }
})

test('a change the server refuses is undone for its author with a message, and the board goes on working', async ({ browser, mockboard }) => {
  const room = await createRoom(mockboard)
  const interviewer = await openAs(browser, room, 'interviewer', 'Ada')
  const candidate = await openAs(browser, room, 'candidate', 'Bob')
  await startInterview(interviewer)
  await expect(candidate.locator('.tl-canvas')).toBeVisible()
  await drawRectangle(interviewer, { x: 300, y: 250 }, { x: 420, y: 330 })
  await expect.poll(() => shapeCount(candidate)).toBe(1)

  // A record tldraw would reject, written straight into the candidate's doc (as a modified client could).
  await candidate.evaluate(() => {
    window.mockboardDoc?.getArray('tl_records').push([{ key: 'shape:bad', val: { id: 'shape:bad', typeName: 'shape', type: 'geo', props: {} } }])
  })
  await expect(candidate.getByRole('alert')).toContainText('Your last change could not be saved and was undone')
  // The board started over from the server's state: the interviewer's shape is there, the bad record is not.
  await expect.poll(() => shapeCount(candidate)).toBe(1)
  expect(
    await candidate.evaluate(() =>
      window.mockboardDoc
        ?.getArray('tl_records')
        .toArray()
        .some((entry) => (entry as { key: string }).key === 'shape:bad'),
    ),
  ).toBe(false)
  await expect(interviewer.getByRole('alert')).toHaveCount(0)

  await drawRectangle(candidate, { x: 500, y: 250 }, { x: 620, y: 330 })
  await expect.poll(() => shapeCount(interviewer)).toBe(2)
  await candidate.getByRole('button', { name: 'Dismiss' }).click()
  await expect(candidate.getByRole('alert')).toHaveCount(0)
})
