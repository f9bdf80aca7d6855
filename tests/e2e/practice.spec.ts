import AxeBuilder from '@axe-core/playwright'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import { expect, launchMockboard, test } from './fixtures.ts'

const PASSWORD = 'correct horse battery'

/** A browser context signed in through the API (the sign-in pages have their own spec); the cookie is the context's. */
async function signedIn(
  browser: Browser,
  baseURL: string,
  path: string,
  data: Record<string, string>,
): Promise<{ context: BrowserContext; page: Page; csrf: string }> {
  const context = await browser.newContext({ baseURL })
  const response = await context.request.post(path, { data })
  expect(response.status(), `${path}: ${await response.text()}`).toBe(201)
  const me = (await (await context.request.get('/api/auth/me')).json()) as { csrfToken: string }
  return { context, page: await context.newPage(), csrf: me.csrfToken }
}

/** No axe violations at WCAG 2.1 A and AA on the page as it stands. */
async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([])
}

async function enterFromHome(page: Page, part: string, role: string, name: string): Promise<void> {
  await page.goto('/')
  const item = page.getByRole('region', { name: 'Upcoming sessions' }).getByRole('listitem').filter({ hasText: part })
  await item.getByRole('button', { name: `Enter as ${role}` }).click()
  await joinWithName(page, name)
}

async function joinWithName(page: Page, name: string): Promise<void> {
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: /^Join as/ }).click()
}

/** The interviewer runs a whole interview on short phases: start, step through with "Next phase", end. */
async function runInterview(interviewer: Page): Promise<void> {
  await interviewer.getByRole('button', { name: 'Start the interview' }).click()
  await expect(interviewer.getByRole('region', { name: 'Phase timer' })).toBeVisible()
  const next = interviewer.getByRole('button', { name: 'Next phase' })
  while (await next.isEnabled()) await next.click()
  await interviewer.getByRole('button', { name: 'End interview' }).click()
  await interviewer.getByRole('button', { name: 'Yes, end it' }).click()
}

test('an admin and a member schedule and run a swap, then each sees it on their home page and dashboard', async ({ browser }) => {
  // Two people, two interviews and four page visits each: longer than one interview's test.
  test.setTimeout(180_000)
  // A server of its own: the dashboards count every session, so no other spec's rooms may be in it.
  const mockboard = await launchMockboard()
  try {
    await runSwapScenario(browser, mockboard.baseURL)
  } finally {
    await mockboard.stop()
  }
})

async function runSwapScenario(browser: Browser, baseURL: string): Promise<void> {
  const mockboard = { baseURL }
  const admin = await signedIn(browser, mockboard.baseURL, '/api/auth/setup', { login: 'ada', displayName: 'Ada Admin', password: PASSWORD })
  const invite = await admin.context.request.post('/api/members/invites', { data: { role: 'member' }, headers: { 'x-csrf-token': admin.csrf } })
  expect(invite.status()).toBe(201)
  const inviteToken = new URL(((await invite.json()) as { link: string }).link).hash.replace('#invite=', '')
  const member = await signedIn(browser, mockboard.baseURL, '/api/auth/sign-up', { login: 'bob', displayName: 'Bob Member', password: PASSWORD, inviteToken })

  // Ada schedules a swap with Bob: she interviews in part 1, he in part 2, a different question each.
  await admin.page.goto('/')
  await admin.page.getByRole('navigation', { name: 'Practice' }).getByRole('link', { name: 'Schedule a session' }).click()
  await admin.page.getByRole('radio', { name: /^Swap/ }).check()
  await admin.page.getByLabel('Partner').selectOption({ label: 'Bob Member (bob)' })
  const part1 = admin.page.getByRole('group', { name: 'Part 1 question' })
  await expect(part1.getByLabel('Question for Bob Member')).toBeVisible()
  await part1.getByLabel('Question for Bob Member').selectOption('url-shortener')
  await admin.page
    .getByRole('group', { name: /Part 2 question/ })
    .getByLabel('Question for Ada Admin')
    .selectOption('social-feed')
  await expect(admin.page.getByLabel(/Phase plan/)).toHaveValue('standard-45')
  await expectAccessible(admin.page)
  await admin.page.getByRole('button', { name: 'Schedule the session' }).click()

  // Both see it coming, in their own seat.
  const upcoming = (page: Page) => page.getByRole('region', { name: 'Upcoming sessions' })
  await expect(upcoming(admin.page).getByRole('listitem')).toHaveCount(2)
  await member.page.goto('/')
  await expect(upcoming(member.page).getByRole('listitem').filter({ hasText: 'part 1 of 2' }).getByRole('button', { name: 'Enter as candidate' })).toBeVisible()
  await expect(
    upcoming(member.page).getByRole('listitem').filter({ hasText: 'part 2 of 2' }).getByRole('button', { name: 'Enter as interviewer' }),
  ).toBeVisible()
  await expect(upcoming(member.page)).toContainText(/Starts at/)
  await expectAccessible(member.page)

  await enterFromHome(admin.page, 'part 1 of 2', 'interviewer', 'Ada')
  await enterFromHome(member.page, 'part 1 of 2', 'candidate', 'Bob')
  await expect(member.page.getByRole('heading', { name: 'Waiting for the interviewer to start' })).toBeVisible()
  await runInterview(admin.page)

  // Half time: both are told to swap, and each lands in part 2 in the other seat.
  for (const [page, role] of [
    [admin.page, 'candidate'],
    [member.page, 'interviewer'],
  ] as const) {
    await expect(page.getByRole('heading', { name: 'Swap roles: go to part 2' })).toBeVisible()
    await page.getByRole('button', { name: `Go to part 2 as ${role}` }).click()
    await joinWithName(page, page === admin.page ? 'Ada' : 'Bob')
    await expect(page.locator('.role-badge')).toHaveText(role === 'candidate' ? 'Candidate' : 'Interviewer')
  }
  await expect(admin.page.getByRole('heading', { name: 'Waiting for the interviewer to start' })).toBeVisible()
  await runInterview(member.page)
  await expect(admin.page.getByRole('heading', { name: 'Interview complete' })).toBeVisible()

  for (const page of [admin.page, member.page]) {
    await page.goto('/')
    const recent = page.getByRole('region', { name: 'Recent sessions' })
    await expect(recent.getByRole('listitem').filter({ hasText: 'part 1 of 2' })).toContainText('Completed')
    await expect(recent.getByRole('listitem').filter({ hasText: 'part 2 of 2' })).toContainText('Completed')
    await expect(upcoming(page).getByRole('listitem')).toHaveCount(0)

    await page.getByRole('navigation', { name: 'Practice' }).getByRole('link', { name: 'My progress' }).click()
    const totals = page.getByRole('region', { name: 'Sessions' })
    await expect(totals.getByRole('definition').nth(0)).toHaveText('1')
    await expect(totals.getByRole('definition').nth(1)).toHaveText('1')
    await expect(page.getByRole('img', { name: /Sessions per week/ })).toBeVisible()
    const weeks = page.getByRole('table', { name: /Sessions per week.*\(table\)/ })
    await expect(weeks.getByRole('row').last()).toContainText('1')
    await expect(page.getByRole('region', { name: 'Time per phase as candidate' }).getByRole('table')).toContainText('Clarify')
    await expect(page.getByRole('region', { name: 'History' }).getByRole('row')).toHaveCount(3)
    await expectAccessible(page)
  }

  await admin.page.goto('/team')
  const team = admin.page.getByRole('region', { name: 'Members' })
  for (const name of ['Ada Admin', 'Bob Member']) {
    const cells = team.getByRole('row', { name: new RegExp(name) }).getByRole('cell')
    // Sessions, as candidate, as interviewer, last practice.
    await expect(cells.nth(0)).toHaveText('2')
    await expect(cells.nth(1)).toHaveText('1')
    await expect(cells.nth(2)).toHaveText('1')
    await expect(cells.nth(3)).not.toContainText('Never')
  }
  await expectAccessible(admin.page)
  await member.page.goto('/team')
  await expect(member.page.getByText('Only an admin may open this page.')).toBeVisible()

  await admin.context.close()
  await member.context.close()
}
