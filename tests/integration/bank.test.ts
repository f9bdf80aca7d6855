import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CandidateQuestionSchema, FullQuestionSchema, PhasePlanListSchema, QuestionListSchema } from '../../shared/bank.ts'
import { startTestServer, type TestRoom, type TestServer } from './helpers/test-server.ts'

let server: TestServer
let room: TestRoom

beforeAll(async () => {
  server = await startTestServer()
  room = await server.createRoom({ title: 'Bank test', questionId: 'url-shortener', phasePlanId: 'standard-45' })
})
afterAll(async () => {
  await server.destroy()
})

async function get(path: string, token?: string): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {}
  const response = await fetch(`${server.url}${path}`, { headers })
  return { status: response.status, body: await response.json() }
}

const INTERVIEWER_ONLY = ['clarifyingFacts', 'referenceOutline', 'referenceMaterial', 'hints', 'followUps', 'pitfalls', 'rubric', 'sources']

describe('GET /api/questions', () => {
  it('lists the curated bank with facets', async () => {
    const { status, body } = await get('/api/questions?limit=200')
    expect(status).toBe(200)
    const list = QuestionListSchema.parse(body)
    expect(list.items.map((item) => item.id)).toEqual(expect.arrayContaining(['url-shortener', 'cap-theorem', 'global-cdn', 'traffic-spike-response']))
    expect(list.facets.categories).toContain('Distributed systems')
  })

  // A developer's git-ignored question-bank/imported/ loads too, so only the curated (ready) questions are pinned down.
  const curated = (body: unknown) => QuestionListSchema.parse(body).items.filter((item) => item.status === 'ready').map((item) => item.id)

  it('searches as you type and filters', async () => {
    expect(curated((await get('/api/questions?q=shorte')).body)[0]).toBe('url-shortener')
    const filtered = QuestionListSchema.parse((await get('/api/questions?kind=concept&tag=consistency')).body).items
    expect(filtered.map((item) => item.id)).toContain('cap-theorem')
    expect(filtered.every((item) => item.kind === 'concept' && item.tags.includes('consistency'))).toBe(true)
  })

  it('answers a bad query parameter with 400 INVALID_PAYLOAD and says what is wrong', async () => {
    const kind = await get('/api/questions?kind=puzzle')
    expect(kind).toMatchObject({ status: 400, body: { error: { code: 'INVALID_PAYLOAD', message: expect.stringContaining('kind: must be one of design, concept, scenario') } } })
    const unknown = await get('/api/questions?sort=title')
    expect(unknown.body.error.message).toMatch(/Unknown query parameter "sort"; allowed: q, category, kind, difficulty, tag, limit, offset/)
    const repeated = await get('/api/questions?q=a&q=b')
    expect(repeated).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('q: must be given once') } } })
    const limit = await get('/api/questions?limit=1000')
    expect(limit).toMatchObject({ status: 400, body: { error: { code: 'INVALID_PAYLOAD', message: expect.stringContaining('limit') } } })
  })
})

describe('GET /api/questions/:id', () => {
  it('gives the team (no token) and the interviewer the full question with its rubric', async () => {
    for (const token of [undefined, room.tokens.interviewer, room.tokens.observer]) {
      const { status, body } = await get('/api/questions/url-shortener', token)
      expect(status).toBe(200)
      const question = FullQuestionSchema.parse(body)
      expect(question.rubric.criteria.length).toBeGreaterThan(0)
      expect(question.hints.flatMap((topic) => topic.rungs).length).toBeGreaterThanOrEqual(2)
    }
  })

  it('gives a candidate the prompt and requirements only, never the interviewer sections', async () => {
    const { status, body } = await get('/api/questions/url-shortener', room.tokens.candidate)
    expect(status).toBe(200)
    const question = CandidateQuestionSchema.parse(body)
    expect(question.functionalRequirements.length).toBeGreaterThan(0)
    for (const key of INTERVIEWER_ONLY) expect(body).not.toHaveProperty(key)
    const full = FullQuestionSchema.parse((await get('/api/questions/url-shortener')).body)
    const raw = JSON.stringify(body)
    for (const secret of [full.referenceOutline.slice(0, 80), ...full.hints.flatMap((topic) => topic.rungs), ...full.followUps, ...full.clarifyingFacts]) {
      expect(raw).not.toContain(JSON.stringify(secret).slice(1, -1))
    }
  })

  it('refuses a bad invite token with 401 and an unknown id with 404 QUESTION_NOT_FOUND', async () => {
    expect((await get('/api/questions/url-shortener', 'x'.repeat(43))).status).toBe(401)
    expect(await get('/api/questions/no-such-question')).toMatchObject({ status: 404, body: { error: { code: 'QUESTION_NOT_FOUND' } } })
    expect(await get('/api/questions/Not%20An%20Id')).toMatchObject({ status: 400, body: { error: { code: 'INVALID_PAYLOAD' } } })
  })
})

describe('GET /api/questions/phase-plans', () => {
  it('lists the named plans; a candidate does not see what the interviewer looks for', async () => {
    const { body } = await get('/api/questions/phase-plans')
    const plans = PhasePlanListSchema.parse(body).items
    expect(plans.map((plan) => [plan.id, plan.totalMinutes])).toEqual([['concept-25', 25], ['standard-45', 45], ['extended-60', 60]])
    expect(plans[0]?.phases[0]?.lookFor.length).toBeGreaterThan(0)
    const candidate = PhasePlanListSchema.parse((await get('/api/questions/phase-plans', room.tokens.candidate)).body).items
    expect(candidate.every((plan) => plan.phases.every((phase) => phase.lookFor.length === 0))).toBe(true)
  })
})
