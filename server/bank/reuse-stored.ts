import type { Db } from '../db/connection.ts'
import { bankQuestions } from '../db/schema/bank.ts'
import type { KnownIds, ParsedQuestion, QuestionDocument } from './format/question-format.ts'
import type { Reuse } from './read-bank-file.ts'

/**
 * A question file whose bytes (and format version) match the active row loaded from the same
 * path is taken from the database instead of being parsed again: a restart with an unchanged
 * bank then costs file reads and hashes only. Its references are re-checked, since a rubric or
 * phase plan it names may have gone since.
 */
export function reuseStoredQuestions(db: Db, known: KnownIds): Reuse<ParsedQuestion> {
  const rows = db
    .select({
      id: bankQuestions.id,
      filePath: bankQuestions.filePath,
      contentHash: bankQuestions.contentHash,
      archivedAt: bankQuestions.archivedAt,
      document: bankQuestions.document,
      prompt: bankQuestions.prompt,
      outline: bankQuestions.outline,
    })
    .from(bankQuestions)
    .all()
  const byPath = new Map(rows.map((row) => [row.filePath, row]))
  return (file, hash) => {
    const row = byPath.get(file)
    if (!row || row.contentHash !== hash || row.archivedAt !== null) return null
    const document = JSON.parse(row.document) as QuestionDocument
    // An extension was merged with the shared rubric as it was then: parse again in case that changed.
    if (document.rubricId !== null && document.inlineRubric !== null) return null
    const referencesHold = known.phasePlanIds.has(document.phasePlanId) && (document.rubricId === null || known.rubricIds.has(document.rubricId))
    return referencesHold ? { id: row.id, value: { document, promptText: row.prompt, outlineText: row.outline, problems: [] } } : null
  }
}
