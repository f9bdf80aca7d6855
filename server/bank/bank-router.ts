import { Router, type Request } from 'express'
import { BankIdSchema, QuestionQuerySchema, type QuestionQuery } from '../../shared/bank.ts'
import { ErrorCode } from '../../shared/errors.ts'
import { can, NO_CREDENTIAL, type Principal } from '../../shared/roles.ts'
import type { Db } from '../db/connection.ts'
import { describeZodError, forbidden, invalidPayload, notFound, unauthorized } from '../errors.ts'
import type { Logger } from '../log.ts'
import { getQuestionForRole, listPhasePlans, phasePlanForRole } from './bank-read.ts'
import { searchQuestions } from './bank-search.ts'

export interface BankRouterDeps {
  db: Db
  log: Logger
  /** Who asks, through the identity door: a guest's role, or no credential; throws the uniform 401 for a bad credential. */
  resolvePrincipal: (req: Request) => Principal | Promise<Principal>
}

const QUERY_PARAMETERS = Object.keys(QuestionQuerySchema.shape).join(', ')

/** Mounted at /api/questions. Which sections a question carries is decided here, by role, never by the client. */
export function createBankRouter({ db, resolvePrincipal }: BankRouterDeps): Router {
  const router = Router()

  router.get('/', async (req, res) => {
    const query = parseQuery(req.query)
    await requireSearch(resolvePrincipal, req)
    res.json(searchQuestions(db, query))
  })

  router.get('/phase-plans', async (req, res) => {
    const who = await requireSearch(resolvePrincipal, req)
    res.json({ items: listPhasePlans(db).map((plan) => phasePlanForRole(plan, who)) })
  })

  router.get('/:questionId', async (req, res) => {
    const id = BankIdSchema.safeParse(req.params.questionId)
    if (!id.success) throw invalidPayload(`questionId: ${describeZodError(id.error)}`)
    const who = await requireSearch(resolvePrincipal, req)
    const question = getQuestionForRole(db, id.data, who)
    if (!question) throw notFound(ErrorCode.QUESTION_NOT_FOUND, `There is no question "${id.data}" in the bank.`)
    res.json(question)
  })

  return router
}

async function requireSearch(resolvePrincipal: BankRouterDeps['resolvePrincipal'], req: Request): Promise<Principal> {
  const who = await resolvePrincipal(req)
  if (who === NO_CREDENTIAL) throw unauthorized('Sign in to read the question bank.')
  if (!can(who, 'bank:search')) throw forbidden('Only members of the team read the question bank; an invite link opens its own session only.')
  return who
}

function parseQuery(raw: unknown): QuestionQuery {
  const parsed = QuestionQuerySchema.safeParse(raw)
  if (parsed.success) return parsed.data
  const unknownKeys = parsed.error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? issue.keys : []))
  if (unknownKeys.length > 0) {
    throw invalidPayload(`Unknown query parameter ${unknownKeys.map((key) => `"${key}"`).join(', ')}; allowed: ${QUERY_PARAMETERS}.`)
  }
  throw invalidPayload(`Invalid query: ${describeZodError(parsed.error)}.`)
}
