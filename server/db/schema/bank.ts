import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * The question bank as loaded from question-bank/ at start. Files are the source of truth; rows
 * are upserted by id and content hash, and a removed file only archives its row, because rooms
 * and their timelines keep referring to the question.
 */
export const bankQuestions = sqliteTable(
  'bank_questions',
  {
    /** Integer key for the FTS5 external-content index (a TEXT primary key's rowid can change on VACUUM). */
    rowId: integer('row_id').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    title: text('title').notNull(),
    kind: text('kind', { enum: ['design', 'concept', 'scenario'] }).notNull(),
    category: text('category').notNull(),
    difficulty: text('difficulty', { enum: ['easy', 'medium', 'hard'] }).notNull(),
    status: text('status', { enum: ['ready', 'draft'] }).notNull(),
    /** JSON array of tags; FTS5 tokenizes it as text, filters read it with json_each. */
    tags: text('tags').notNull(),
    phasePlanId: text('phase_plan_id').notNull(),
    /** Plain-text prompt, indexed for search. */
    prompt: text('prompt').notNull(),
    /** Plain-text reference outline and material, indexed for search (interviewer-only, never sent to candidates). */
    outline: text('outline').notNull(),
    summary: text('summary').notNull(),
    /** The whole parsed file (server/bank/format QuestionDocument). */
    document: text('document').notNull(),
    filePath: text('file_path').notNull(),
    contentHash: text('content_hash').notNull(),
    loadedAt: integer('loaded_at').notNull(),
    archivedAt: integer('archived_at'),
  },
  (table) => [index('bank_questions_category').on(table.category)],
)

/** Shared rubrics (question-bank/rubrics/), referenced by questions instead of repeating them. */
export const bankRubrics = sqliteTable('bank_rubrics', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  document: text('document').notNull(),
  filePath: text('file_path').notNull(),
  contentHash: text('content_hash').notNull(),
  loadedAt: integer('loaded_at').notNull(),
  archivedAt: integer('archived_at'),
})

/** Named phase plans (question-bank/phase-plans/), e.g. standard-45; rooms store the id. */
export const bankPhasePlans = sqliteTable('bank_phase_plans', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  totalMinutes: integer('total_minutes').notNull(),
  document: text('document').notNull(),
  filePath: text('file_path').notNull(),
  contentHash: text('content_hash').notNull(),
  loadedAt: integer('loaded_at').notNull(),
  archivedAt: integer('archived_at'),
})
