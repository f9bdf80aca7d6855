import type { FullQuestion } from '../../shared/bank.ts'
import { expect, signIn, test } from './fixtures.ts'

test('a member searches the bank, reads a question and starts a room with it from the home page', async ({ page, mockboard }) => {
  await page.goto('/')
  await signIn(page, mockboard.admin)
  await page.goto('/bank')
  await expect(page.getByRole('heading', { name: 'Question bank' })).toBeVisible()

  // Search as you type: a word prefix is enough, and the URL keeps the query.
  await page.getByLabel('Search questions').fill('shorten')
  const results = page.getByRole('list', { name: 'Questions' })
  await expect(results.getByRole('link', { name: 'Design a URL shortener', exact: true })).toBeVisible()
  await expect(page).toHaveURL(/[?&]q=shorten/)
  await expect(results.getByRole('link', { name: 'The CAP theorem and choosing a database' })).toHaveCount(0)

  await results.getByRole('link', { name: 'Design a URL shortener', exact: true }).click()
  await expect(page).toHaveURL(/\/bank\/url-shortener$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Design a URL shortener' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Reference outline' })).toBeVisible()
  const rubric = page.getByRole('table')
  const question = (await (
    await fetch(`${mockboard.baseURL}/api/questions/url-shortener`, { headers: { Authorization: `Bearer ${mockboard.admin.token}` } })
  ).json()) as FullQuestion
  await expect(rubric.getByRole('rowheader', { name: question.rubric.criteria[0]!.name })).toBeVisible()
  await expect(rubric.getByRole('columnheader', { name: /Strong/ })).toBeVisible()

  await page.goto('/')
  await page.getByLabel('Search the bank').fill('url short')
  await page.getByLabel('Question', { exact: true }).selectOption('url-shortener')
  await expect(page.getByLabel('Phase plan')).toHaveValue('standard-45')
  await page.getByRole('button', { name: 'New interview room' }).click()

  const interviewerLink = await page.getByLabel('Interviewer link').inputValue()
  await page.goto(interviewerLink)
  await page.getByLabel('Your name').fill('Ada')
  await page.getByRole('button', { name: 'Join as Interviewer' }).click()
  await expect(page.getByRole('heading', { name: 'Get the interview ready' })).toBeVisible()
  // The room's own title stays neutral (the candidate sees it before the start); the question is in the staff preview.
  await expect(page.getByRole('heading', { level: 1, name: 'System design interview' })).toBeVisible()
  await expect(page.getByLabel('Question preview').getByRole('heading', { name: 'Design a URL shortener' })).toBeVisible()
  await expect(page.getByLabel('Phase plan')).toHaveValue('standard-45')
})
