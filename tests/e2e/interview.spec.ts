import type { Page } from '@playwright/test'
import { createRoom, expect, openAs, test } from './fixtures.ts'

const panel = (page: Page) => page.getByRole('complementary', { name: 'Interview' })
const openTab = (page: Page, name: string) => panel(page).getByRole('tab', { name }).click()

test('interviewer, candidate and observer run a short interview, each seeing what their role should and nothing more', async ({ browser, mockboard }) => {
  const room = await createRoom(mockboard, { questionId: 'url-shortener' })
  const interviewer = await openAs(browser, room, 'interviewer', 'Ada')
  const candidate = await openAs(browser, room, 'candidate', 'Bob')
  const observer = await openAs(browser, room, 'observer', 'Olu')

  // Lobby: the candidate waits and sees who is here; the interviewer sees the question and its outline.
  await expect(candidate.getByRole('heading', { name: 'Waiting for the interviewer to start' })).toBeVisible()
  await expect(candidate.getByRole('list', { name: 'Participants' })).toContainText('Ada')
  await expect(candidate.getByText('Reference outline')).toHaveCount(0)
  await expect(interviewer.getByLabel('Question preview').getByText('Reference outline')).toBeVisible()
  await expect(observer.getByLabel('Question preview').getByText('Reference outline')).toBeVisible()

  await interviewer.getByRole('button', { name: 'Start the interview' }).click()
  for (const page of [interviewer, candidate, observer]) {
    await expect(page.locator('.tl-canvas')).toBeVisible()
    await expect(panel(page).getByRole('timer')).toBeVisible()
    await expect(panel(page).locator('.timer-phase-name')).toHaveText('Clarify')
  }

  // Reveal a fact and give a hint: they appear on the candidate's panel at once.
  const facts = interviewer.getByRole('region', { name: 'Clarifying facts' })
  const factText = (await facts.getByRole('listitem').first().locator('.markdown-inline').innerText()).trim()
  const hintText = (await interviewer.getByRole('region', { name: 'Hints' }).getByRole('listitem').first().locator('.markdown-inline').innerText()).trim()
  await facts.getByRole('button', { name: 'Reveal' }).first().click()
  await interviewer
    .getByRole('button', { name: /^Give rung 1 of / })
    .first()
    .click()
  await expect(candidate.getByRole('region', { name: 'Facts from the interviewer' })).toContainText(factText)
  await expect(candidate.getByRole('region', { name: 'Hints' })).toContainText(hintText)
  await expect(candidate.getByText('Reference outline')).toHaveCount(0)
  await expect(candidate.getByRole('button', { name: 'Reveal' })).toHaveCount(0)
  await expect(observer.getByRole('button', { name: 'Reveal' })).toHaveCount(0)

  // Chat reaches everyone; a private note stays with its author.
  await openTab(candidate, 'Chat')
  await candidate.getByLabel('Chat message').fill('Should links expire? <b>bold?</b>')
  await candidate.getByLabel('Chat message').press('Enter')
  for (const page of [interviewer, observer]) {
    await openTab(page, 'Chat')
    await expect(panel(page).getByRole('list', { name: 'Chat' })).toContainText('Should links expire? <b>bold?</b>')
  }
  await openTab(interviewer, 'Notes')
  await interviewer.getByLabel('New note').fill('Asked about expiry early: good instinct')
  await interviewer.getByLabel('New note').press('Enter')
  await expect(panel(interviewer).getByRole('list', { name: 'Your notes' })).toContainText('Asked about expiry early')
  await expect(panel(interviewer).getByRole('list', { name: 'Your notes' })).toContainText('Clarify')
  await openTab(observer, 'Notes')
  await observer.getByLabel('New note').fill('Observer: clear estimates')
  await observer.getByLabel('New note').press('Enter')
  await expect(panel(observer).getByRole('list', { name: 'Your notes' })).toContainText('Observer: clear estimates')
  await expect(panel(observer).getByRole('list', { name: 'Your notes' })).not.toContainText('Asked about expiry')
  await expect(panel(interviewer).getByRole('list', { name: 'Your notes' })).not.toContainText('Observer: clear estimates')
  await expect(candidate.getByRole('tab', { name: 'Notes' })).toHaveCount(0)
  await expect(candidate.getByText('Asked about expiry')).toHaveCount(0)

  // Through the phases: every screen follows.
  for (const phase of ['High-level design', 'Deep dive', 'Scale and wrap-up']) {
    await interviewer.getByRole('button', { name: 'Next phase' }).click()
    for (const page of [interviewer, candidate, observer]) await expect(panel(page).locator('.timer-phase-name')).toHaveText(phase)
  }
  await expect(candidate.getByRole('button', { name: 'Next phase' })).toHaveCount(0)

  // End: the board freezes for everyone and the summary shows time per phase.
  await interviewer.getByRole('button', { name: 'End interview' }).click()
  await interviewer.getByRole('button', { name: 'Yes, end it' }).click()
  for (const page of [interviewer, candidate, observer]) {
    await expect(page.getByRole('heading', { name: 'Interview complete' })).toBeVisible()
    await expect(page.getByRole('table', { name: 'Time per phase' })).toContainText('Deep dive')
    await expect(page.getByText('Ended · board frozen')).toBeVisible()
  }
  await expect.poll(() => candidate.evaluate(() => window.mockboardEditor?.getInstanceState().isReadonly)).toBe(true)
})
