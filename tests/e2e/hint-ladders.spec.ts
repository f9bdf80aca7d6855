import { createRoom, expect, openAs, startInterview, test } from './fixtures.ts'

test('the interviewer climbs one hint topic at a time and the candidate sees only the rungs given, under their topic', async ({ browser, mockboard }) => {
  const room = await createRoom(mockboard, { questionId: 'leader-election' })
  const interviewer = await openAs(browser, room, 'interviewer', 'Ada')
  const candidate = await openAs(browser, room, 'candidate', 'Bob')
  await startInterview(interviewer)

  const topic = interviewer.getByRole('region', { name: 'Hint topic: The leader that wakes up late' })
  await expect(topic).toContainText('0 of 3 given')
  const rungs = topic.getByRole('listitem')
  const first = ((await rungs.nth(0).locator('.markdown-inline').textContent()) ?? '').trim()
  const second = ((await rungs.nth(1).locator('.markdown-inline').textContent()) ?? '').trim()
  await topic.getByRole('button', { name: 'Give rung 1 of The leader that wakes up late' }).click()
  await expect(topic).toContainText('1 of 3 given')

  const given = candidate.getByRole('region', { name: 'Hint topic: The leader that wakes up late' })
  await expect(given.getByRole('heading', { name: 'The leader that wakes up late' })).toBeVisible()
  await expect(given).toContainText(first)
  await expect(given).not.toContainText(second)
  await expect(candidate.getByRole('region', { name: /^Hint topic: / })).toHaveCount(1)

  await topic.getByRole('button', { name: 'Give rung 2 of The leader that wakes up late' }).click()
  await expect(given).toContainText(second)
  await expect(given.getByRole('listitem')).toHaveCount(2)
})
