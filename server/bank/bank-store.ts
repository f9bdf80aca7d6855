import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../db/connection.ts'
import { bankPhasePlans, bankQuestions, bankRubrics } from '../db/schema/bank.ts'
import type { PhasePlan } from '../../shared/bank.ts'
import { summarize } from './format/plain-text.ts'
import type { ParsedQuestion } from './format/question-format.ts'
import type { RubricFile } from './format/shared-files.ts'
import type { ParsedFile } from './read-bank-file.ts'

export interface SyncCounts {
  inserted: number
  updated: number
  unchanged: number
  archived: number
}

interface StoredRow {
  id: string
  contentHash: string
  filePath: string
  archivedAt: number | null
}

interface SyncPlan<T> {
  inserts: ParsedFile<T>[]
  updates: ParsedFile<T>[]
  archive: string[]
  unchanged: number
}

/**
 * Decides what changes: new ids are inserted, a changed hash (or a file that came back) updates,
 * and a row whose file is gone is archived, never deleted. A row whose file is still there but
 * no longer parses keeps its last good version: `malformed` lists those paths.
 */
export function planSync<T>(stored: readonly StoredRow[], files: readonly ParsedFile<T>[], malformed: ReadonlySet<string>): SyncPlan<T> {
  const byId = new Map(stored.map((row) => [row.id, row]))
  const plan: SyncPlan<T> = { inserts: [], updates: [], archive: [], unchanged: 0 }
  for (const file of files) {
    const row = byId.get(file.id)
    if (!row) plan.inserts.push(file)
    else if (row.contentHash !== file.hash || row.archivedAt !== null || row.filePath !== file.path) plan.updates.push(file)
    else plan.unchanged += 1
  }
  const present = new Set(files.map((file) => file.id))
  plan.archive = stored.filter((row) => row.archivedAt === null && !present.has(row.id) && !malformed.has(row.filePath)).map((row) => row.id)
  return plan
}

function countsOf<T>(plan: SyncPlan<T>): SyncCounts {
  return { inserted: plan.inserts.length, updated: plan.updates.length, unchanged: plan.unchanged, archived: plan.archive.length }
}

export function syncQuestions(db: Db, files: ParsedFile<ParsedQuestion>[], malformed: ReadonlySet<string>, now: number): SyncCounts {
  const stored = db
    .select({ id: bankQuestions.id, contentHash: bankQuestions.contentHash, filePath: bankQuestions.filePath, archivedAt: bankQuestions.archivedAt })
    .from(bankQuestions)
    .all()
  const plan = planSync(stored, files, malformed)
  for (const file of plan.inserts) db.insert(bankQuestions).values(questionRow(file, now)).run()
  for (const file of plan.updates) db.update(bankQuestions).set(questionRow(file, now)).where(eq(bankQuestions.id, file.id)).run()
  if (plan.archive.length > 0) db.update(bankQuestions).set({ archivedAt: now }).where(inArray(bankQuestions.id, plan.archive)).run()
  return countsOf(plan)
}

function questionRow(file: ParsedFile<ParsedQuestion>, now: number) {
  const question = file.value.document
  const prompt = file.value.promptText
  return {
    id: question.id,
    title: question.title,
    kind: question.kind,
    category: question.category,
    difficulty: question.difficulty,
    status: question.status,
    tags: JSON.stringify(question.tags),
    phasePlanId: question.phasePlanId,
    prompt,
    outline: file.value.outlineText,
    summary: summarize(prompt),
    document: JSON.stringify(question),
    filePath: file.path,
    contentHash: file.hash,
    loadedAt: now,
    archivedAt: null,
  }
}

export function syncRubrics(db: Db, files: ParsedFile<RubricFile>[], malformed: ReadonlySet<string>, now: number): SyncCounts {
  const plan = planSync(db.select().from(bankRubrics).all(), files, malformed)
  for (const file of [...plan.inserts, ...plan.updates]) {
    const row = {
      id: file.id,
      title: file.value.rubric.title,
      document: JSON.stringify(file.value),
      filePath: file.path,
      contentHash: file.hash,
      loadedAt: now,
      archivedAt: null,
    }
    db.insert(bankRubrics).values(row).onConflictDoUpdate({ target: bankRubrics.id, set: row }).run()
  }
  if (plan.archive.length > 0) db.update(bankRubrics).set({ archivedAt: now }).where(inArray(bankRubrics.id, plan.archive)).run()
  return countsOf(plan)
}

export function syncPhasePlans(db: Db, files: ParsedFile<PhasePlan>[], malformed: ReadonlySet<string>, now: number): SyncCounts {
  const plan = planSync(db.select().from(bankPhasePlans).all(), files, malformed)
  for (const file of [...plan.inserts, ...plan.updates]) {
    const phasePlan = file.value
    const row = {
      id: file.id,
      title: phasePlan.title,
      totalMinutes: phasePlan.totalMinutes,
      document: JSON.stringify(phasePlan),
      filePath: file.path,
      contentHash: file.hash,
      loadedAt: now,
      archivedAt: null,
    }
    db.insert(bankPhasePlans).values(row).onConflictDoUpdate({ target: bankPhasePlans.id, set: row }).run()
  }
  if (plan.archive.length > 0) db.update(bankPhasePlans).set({ archivedAt: now }).where(inArray(bankPhasePlans.id, plan.archive)).run()
  return countsOf(plan)
}
