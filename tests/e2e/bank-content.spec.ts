import fs from 'node:fs'
import path from 'node:path'
import { expect, signIn, test } from './fixtures.ts'

test.beforeEach(async ({ page, mockboard }) => {
  await page.goto('/')
  await signIn(page, mockboard.admin)
})

const QUESTIONS_DIR = path.resolve(import.meta.dirname, '../../question-bank/questions')
const curatedIds = fs
  .readdirSync(QUESTIONS_DIR)
  .filter((name) => name.endsWith('.md'))
  .map((name) => name.slice(0, -'.md'.length))

test('the bank page lists every curated question', async ({ page }) => {
  await page.goto('/bank')
  await expect(page.getByRole('status')).toHaveText(`${curatedIds.length} questions`)
  const links = page.getByRole('list', { name: 'Questions' }).getByRole('link')
  await expect(links).toHaveCount(curatedIds.length)
  const hrefs = await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')))
  expect(hrefs.map((href) => href?.split('/').at(-1)).sort()).toEqual([...curatedIds].sort())
})

test('a member searching for a word that only the reference outline uses finds its question', async ({ page }) => {
  // "haversine" appears in the geolocation question's outline, not in its title or prompt.
  await page.goto('/bank')
  await page.getByLabel('Search questions').fill('haversine')
  const results = page.getByRole('list', { name: 'Questions' }).getByRole('link')
  await expect(results).toHaveCount(1)
  await expect(results.first()).toHaveAttribute('href', '/bank/geolocation')
})
