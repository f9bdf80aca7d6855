import type { Difficulty } from '../../../shared/bank.ts'
import type { UnusedBlock } from './found-question.ts'
import type { FrontMatter } from './note-cleanup.ts'
import { applyProperty, emptyProperties } from './properties.ts'

export interface DocumentDefaults {
  difficulty: Difficulty | null
  timeLimitMinutes: number | null
  tags: string[]
  /** Front-matter fields the bank has no place for, or a front matter that could not be read. */
  unused: UnusedBlock[]
}

/** Fields that only describe the note file itself; not worth a line in the report. */
const FILE_FIELDS = /^(?:title|aliases|alias|created|updated|modified|date|cssclass|cssclasses|publish|permalink)$/i

/**
 * YAML front matter describes the document (an Obsidian note, a static-site page): its
 * difficulty, time and tags apply to every question in it. It never names a category: a note's
 * `category:` is how that tool files the note, not one of the bank's categories.
 */
export function frontMatterDefaults(frontMatter: FrontMatter | null): DocumentDefaults {
  const defaults: DocumentDefaults = { difficulty: null, timeLimitMinutes: null, tags: [], unused: [] }
  if (!frontMatter) return defaults
  if (!frontMatter.data) {
    defaults.unused.push({ line: 1, excerpt: '---', reason: frontMatter.error ?? 'front matter could not be read' })
    return defaults
  }
  const properties = emptyProperties()
  for (const [key, value] of Object.entries(frontMatter.data)) {
    const text = Array.isArray(value) ? value.map(String).join(', ') : value === null || typeof value === 'object' ? '' : String(value)
    applyProperty(properties, key, text)
  }
  const ignored = [...properties.ignored, ...(properties.category ? ['category'] : [])].filter((key) => !FILE_FIELDS.test(key))
  if (ignored.length > 0)
    defaults.unused.push({ line: 1, excerpt: ignored.join(', '), reason: 'front matter fields the bank has no place for (document metadata)' })
  return { ...defaults, difficulty: properties.difficulty, timeLimitMinutes: properties.timeLimitMinutes, tags: properties.tags }
}
