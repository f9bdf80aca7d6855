import type { Db } from '../db/connection.ts'
import type { Logger } from '../log.ts'
import { listBankFiles } from './bank-files.ts'
import { syncPhasePlans, syncQuestions, syncRubrics } from './bank-store.ts'
import { parseQuestionFile } from './format/question-format.ts'
import { parsePhasePlanFile, parseRubricFile } from './format/shared-files.ts'
import { parseFiles, type LoadError } from './read-bank-file.ts'
import { knownKey, rememberParsed, reuseParsed } from './parse-memo.ts'
import { reuseStoredQuestions } from './reuse-stored.ts'

export interface LoadBankOptions {
  db: Db
  log: Logger
  /** Bank folders, e.g. [<repo>/question-bank, <repo>/question-bank/imported]; missing ones are skipped. */
  dirs: string[]
  now?: () => number
}

export interface LoadBankResult {
  /** Valid question files found (active questions after the load). */
  loaded: number
  /** Questions inserted or changed by this load. */
  updated: number
  /** Questions whose file disappeared, archived by this load. */
  archived: number
  unchanged: number
  rubrics: number
  phasePlans: number
  /** Files that did not load, with why; their last good version (if any) stays active. */
  errors: LoadError[]
  durationMs: number
}

/**
 * Loads the bank folders into SQLite in one transaction: rubrics and phase plans first, so that
 * questions can be checked against the ids that really exist. Synchronous on purpose: it runs
 * once at start (and in tests), and a whole bank of ~100 files takes tens of milliseconds.
 */
export function loadQuestionBank({ db, log, dirs, now = Date.now }: LoadBankOptions): LoadBankResult {
  const started = performance.now()
  const files = listBankFiles(dirs)
  const errors: LoadError[] = []
  const rubrics = parseFiles(files.rubrics, (text) => withId(parseRubricFile(text), (file) => file.rubric.id), errors)
  const phasePlans = parseFiles(files.phasePlans, (text) => withId(parsePhasePlanFile(text), (plan) => plan.id), errors)
  const known = {
    rubricIds: new Set(rubrics.map((file) => file.id)),
    rubrics: new Map(rubrics.map((file) => [file.id, file.value.rubric])),
    phasePlanIds: new Set(phasePlans.map((file) => file.id)),
  }
  const parseQuestion = (text: string) => withId(parseQuestionFile(text, known), (question) => question.document.id)
  const memoKey = knownKey(known)
  const questions = parseFiles(files.questions, parseQuestion, errors, reuseParsed(reuseStoredQuestions(db, known), memoKey))
  rememberParsed(questions, memoKey)
  const malformed = new Set(errors.map((error) => error.path))
  const at = now()
  const counts = db.$client.transaction(() => ({
    rubrics: syncRubrics(db, rubrics, malformed, at),
    phasePlans: syncPhasePlans(db, phasePlans, malformed, at),
    questions: syncQuestions(db, questions, malformed, at),
  }))()
  const result: LoadBankResult = {
    loaded: questions.length,
    updated: counts.questions.inserted + counts.questions.updated,
    archived: counts.questions.archived,
    unchanged: counts.questions.unchanged,
    rubrics: rubrics.length,
    phasePlans: phasePlans.length,
    errors,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  }
  for (const error of errors) log.warn({ path: error.path, line: error.line, reason: error.reason }, 'bank file skipped')
  for (const question of questions) {
    for (const problem of question.value.problems) log.warn({ path: question.path, line: problem.line, reason: problem.message }, 'bank file problem')
  }
  log.info({ ...result, errors: errors.length }, 'question bank loaded')
  return result
}

function withId<T>(value: T, idOf: (value: T) => string): { id: string; value: T } {
  return { id: idOf(value), value }
}
