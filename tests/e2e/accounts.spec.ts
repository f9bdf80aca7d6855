import type { FullQuestion } from '../../shared/bank.ts'
import { expect, launchMockboard, test } from './fixtures.ts'

test('first run: the admin sets up, invites a member who signs up, signs in again and creates a room', async ({ browser }) => {
  const fresh = await launchMockboard()
  try {
    const adminContext = await browser.newContext({ baseURL: fresh.baseURL })
    const admin = await adminContext.newPage()
    await admin.goto('/')
    await expect(admin).toHaveURL(/\/setup$/)
    await admin.getByLabel('Your name').fill('Ada Admin')
    await admin.getByLabel('Login').fill('ada')
    await admin.getByLabel('Password').fill('correct horse battery')
    await admin.getByRole('button', { name: 'Create the admin account' }).click()
    await expect(admin.getByRole('heading', { name: 'Members' })).toBeVisible()
    await admin.getByLabel('Who it is for (a note for you)').fill('Grace')
    await admin.getByRole('button', { name: 'Create invite link' }).click()
    const link = await admin.getByLabel('Invite link').inputValue()
    expect(link).toMatch(new RegExp(`^${fresh.baseURL}/sign-up#invite=`))

    const memberContext = await browser.newContext({ baseURL: fresh.baseURL })
    const member = await memberContext.newPage()
    await member.goto(link)
    await expect(member.getByRole('heading', { name: 'Join the team' })).toBeVisible()
    await member.getByLabel('Your name').fill('Grace Hopper')
    await member.getByLabel('Login').fill('grace')
    await member.getByLabel('Password').fill('grace password 1')
    await member.getByRole('button', { name: 'Create my account' }).click()
    await expect(member.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Grace Hopper' })).toBeVisible()

    await member.getByRole('button', { name: 'Sign out' }).click()
    await expect(member).toHaveURL(/\/sign-in/)
    await member.getByLabel('Login').fill('grace')
    await member.getByLabel('Password').fill('wrong password')
    await member.getByRole('button', { name: 'Sign in' }).click()
    await expect(member.getByRole('alert')).toHaveText('That login and password do not match an active account.')
    await member.getByLabel('Password').fill('grace password 1')
    await member.getByRole('button', { name: 'Sign in' }).click()
    await member.getByRole('button', { name: 'New interview room' }).click()
    await expect(member.getByLabel('Candidate link')).toHaveValue(new RegExp(`^${fresh.baseURL}/r/`))

    // The admin's members page lists her, with her last visit.
    await admin.reload()
    await expect(admin.getByRole('row', { name: /Grace Hopper grace member active/ })).toBeVisible()
    await adminContext.close()
    await memberContext.close()
  } finally {
    await fresh.stop()
  }
})

test('a guest candidate’s browser never receives the bank: no response or socket frame carries the reference outline', async ({ browser, mockboard }) => {
  const question = (await (
    await fetch(`${mockboard.baseURL}/api/questions/url-shortener`, { headers: { Authorization: `Bearer ${mockboard.admin.token}` } })
  ).json()) as FullQuestion
  const secrets = [question.referenceOutline.slice(0, 60), ...question.hints, ...question.followUps, ...question.pitfalls].map((text) =>
    JSON.stringify(text).slice(1, -1),
  )
  const created = await fetch(`${mockboard.baseURL}/api/rooms`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${mockboard.admin.token}` },
    body: JSON.stringify({ questionId: 'url-shortener' }),
  })
  const room = (await created.json()) as { invites: Record<'interviewer' | 'candidate', string> }

  const received: string[] = []
  const pending: Promise<void>[] = []
  const candidateContext = await browser.newContext()
  candidateContext.on('response', (response) =>
    pending.push(
      response.body().then(
        (body) => void received.push(body.toString('utf8')),
        () => undefined,
      ),
    ),
  )
  const candidate = await candidateContext.newPage()
  candidate.on('websocket', (socket) => socket.on('framereceived', (frame) => received.push(String(frame.payload))))
  await candidate.goto(room.invites.candidate)
  await candidate.getByLabel('Your name').fill('Bob')
  await candidate.getByRole('button', { name: 'Join as Candidate' }).click()
  await expect(candidate.getByRole('heading', { name: 'Waiting for the interviewer to start' })).toBeVisible()

  const interviewerContext = await browser.newContext()
  const interviewer = await interviewerContext.newPage()
  await interviewer.goto(room.invites.interviewer)
  await interviewer.getByLabel('Your name').fill('Ada')
  await interviewer.getByRole('button', { name: 'Join as Interviewer' }).click()
  await interviewer.getByRole('button', { name: 'Start the interview' }).click()
  await expect(candidate.getByRole('heading', { name: 'Design a URL shortener' }).first()).toBeVisible()

  // Trying the bank's pages from the candidate's browser leads to sign-in, never to data.
  await candidate.goto(`${mockboard.baseURL}/bank/url-shortener`)
  await expect(candidate.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await Promise.all(pending)
  expect(received.length).toBeGreaterThan(5)
  const everything = received.join('\n')
  expect(everything).toContain('Design a URL shortener')
  for (const secret of secrets) expect(everything, secret).not.toContain(secret)
  await candidateContext.close()
  await interviewerContext.close()
})
