import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FullQuestionSchema, PhasePlanListSchema, QuestionListSchema } from '../../shared/bank.ts'
import { startTestServer, type TestRoom, type TestServer } from './helpers/test-server.ts'
import { createMemberWithToken, signedInClient } from './helpers/accounts.ts'

let server: TestServer
let room: TestRoom
let memberToken: string

beforeAll(async () => {
  server = await startTestServer()
  memberToken = (await createMemberWithToken(server)).token
  room = await server.createRoom({ title: 'Bank test', questionId: 'url-shortener', phasePlanId: 'standard-45' })
})
afterAll(async () => {
  await server.destroy()
})

/** As a member with a personal token unless told otherwise; `null` is no credential at all. */
// biome-ignore lint/suspicious/noExplicitAny: each test reads the fields of the answer it expects; a schema per test would only restate them.
async function get(path: string, token: string | null = memberToken): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {}
  const response = await fetch(`${server.url}${path}`, { headers })
  return { status: response.status, body: await response.json() }
}

describe('GET /api/questions', () => {
  it('lists the curated bank with facets', async () => {
    const { status, body } = await get('/api/questions?limit=200')
    expect(status).toBe(200)
    const list = QuestionListSchema.parse(body)
    expect(list.items.map((item) => item.id)).toEqual(expect.arrayContaining(['url-shortener', 'cap-theorem', 'global-cdn', 'traffic-spike-response']))
    expect(list.facets.categories).toContain('Distributed systems')
  })

  // A developer's git-ignored question-bank/imported/ loads too, so only the curated (ready) questions are pinned down.
  const curated = (body: unknown) =>
    QuestionListSchema.parse(body)
      .items.filter((item) => item.status === 'ready')
      .map((item) => item.id)

  it('searches as you type and filters', async () => {
    expect(curated((await get('/api/questions?q=shorte')).body)[0]).toBe('url-shortener')
    const filtered = QuestionListSchema.parse((await get('/api/questions?kind=concept&tag=consistency')).body).items
    expect(filtered.map((item) => item.id)).toContain('cap-theorem')
    expect(filtered.every((item) => item.kind === 'concept' && item.tags.includes('consistency'))).toBe(true)
  })

  it('answers a bad query parameter with 400 INVALID_PAYLOAD and says what is wrong', async () => {
    const kind = await get('/api/questions?kind=puzzle')
    expect(kind).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_PAYLOAD', message: expect.stringContaining('kind: must be one of design, concept, scenario') } },
    })
    const unknown = await get('/api/questions?sort=title')
    expect(unknown.body.error.message).toMatch(/Unknown query parameter "sort"; allowed: q, category, kind, difficulty, tag, limit, offset/)
    const repeated = await get('/api/questions?q=a&q=b')
    expect(repeated).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('q: must be given once') } } })
    const limit = await get('/api/questions?limit=1000')
    expect(limit).toMatchObject({ status: 400, body: { error: { code: 'INVALID_PAYLOAD', message: expect.stringContaining('limit') } } })
  })
})

describe('GET /api/questions/:id', () => {
  it('gives a member, with a personal token or signed in, the full question with its rubric', async () => {
    const signedIn = await signedInClient(server.url, await createMemberWithToken(server))
    const viaCookie = await signedIn.fetch('/api/questions/url-shortener')
    for (const { status, body } of [await get('/api/questions/url-shortener'), { status: viaCookie.status, body: await viaCookie.json() }]) {
      expect(status).toBe(200)
      const question = FullQuestionSchema.parse(body)
      expect(question.rubric.criteria.length).toBeGreaterThan(0)
      expect(question.hints.flatMap((topic) => topic.rungs).length).toBeGreaterThanOrEqual(2)
    }
  })

  it('answers no credential with 401 and every invite link (even the interviewer’s) with 403, never with any view of the question', async () => {
    expect(await get('/api/questions/url-shortener', null)).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } })
    for (const role of ['candidate', 'observer', 'interviewer'] as const) {
      const { status, body } = await get('/api/questions/url-shortener', room.tokens[role])
      expect(status).toBe(403)
      expect(body).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } })
    }
  })

  it('a candidate’s token, or none, never finds a question by words of its interviewer-only sections: the search refuses them', async () => {
    const full = FullQuestionSchema.parse((await get('/api/questions/url-shortener')).body)
    const outlineWord = full.referenceOutline.match(/[A-Za-z]{9,}/)![0]
    expect((await get(`/api/questions?q=${outlineWord}`)).status).toBe(200)
    for (const token of [room.tokens.candidate, null]) {
      const { status, body } = await get(`/api/questions?q=${outlineWord}`, token)
      expect(status).toBe(token ? 403 : 401)
      expect(JSON.stringify(body)).not.toContain('url-shortener')
    }
  })

  it('refuses a bad token with 401 and an unknown id with 404 QUESTION_NOT_FOUND', async () => {
    expect((await get('/api/questions/url-shortener', 'x'.repeat(43))).status).toBe(401)
    expect((await get('/api/questions/url-shortener', `mbp_${'x'.repeat(43)}`)).status).toBe(401)
    expect(await get('/api/questions/no-such-question')).toMatchObject({ status: 404, body: { error: { code: 'QUESTION_NOT_FOUND' } } })
    expect(await get('/api/questions/Not%20An%20Id')).toMatchObject({ status: 400, body: { error: { code: 'INVALID_PAYLOAD' } } })
  })
})

describe('GET /api/questions/phase-plans', () => {
  it('lists the named plans with what the interviewer looks for; a candidate may not list them', async () => {
    const { body } = await get('/api/questions/phase-plans')
    const plans = PhasePlanListSchema.parse(body).items
    expect(plans.map((plan) => [plan.id, plan.totalMinutes])).toEqual([
      ['concept-25', 25],
      ['standard-45', 45],
      ['extended-60', 60],
    ])
    expect(plans[0]?.phases[0]?.lookFor.length).toBeGreaterThan(0)
    expect((await get('/api/questions/phase-plans', room.tokens.candidate)).status).toBe(403)
  })
})
