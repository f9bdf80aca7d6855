import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { REPO_BANK_DIR } from './seeds.ts'

/** A throwaway bank folder holding the repository's shared rubric and phase plans, plus the questions a test writes. */
export function makeTempBank(): { dir: string; write(name: string, content: string): string; remove(name: string): void; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-loader-'))
  for (const folder of ['rubrics', 'phase-plans']) fs.cpSync(path.join(REPO_BANK_DIR, folder), path.join(dir, folder), { recursive: true })
  fs.mkdirSync(path.join(dir, 'questions'))
  return {
    dir,
    write(name, content) {
      const file = path.join(dir, 'questions', name)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, content)
      return file
    },
    remove(name) {
      fs.rmSync(path.join(dir, 'questions', name))
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

interface QuestionOptions {
  id: string
  title?: string
  kind?: 'design' | 'concept' | 'scenario'
  tags?: string[]
  prompt?: string
  outline?: string
  extraFrontMatter?: string
  extraSections?: string
}

/** A minimal valid `ready` concept question using the shared rubric. */
export function questionFile(options: QuestionOptions): string {
  const kind = options.kind ?? 'concept'
  const designSections =
    kind === 'design' ? '## Clarifying facts\n\n- fact\n\n## Functional requirements\n\n- feature\n\n## Non-functional requirements\n\n- fast\n\n' : ''
  return `---
id: ${options.id}
title: ${options.title ?? `Question ${options.id}`}
kind: ${kind}
category: Testing
difficulty: easy
tags: [${(options.tags ?? []).join(', ')}]
phasePlan: standard-45
rubric: generic-system-design
${options.extraFrontMatter ?? ''}---

## Prompt

${options.prompt ?? 'Explain the thing.'}

${designSections}## Reference outline

${options.outline ?? 'The answer.'}

## Hints

1. First hint.
2. Second hint.

## Follow-ups

- A follow-up.

## Pitfalls

- A pitfall.
${options.extraSections ?? ''}`
}

/** Three hint topics of two or three rungs: the second edition's `## Hints`. */
export const LADDER_HINTS = `## Hints

### Unique codes
1. Two servers pick a code at the same time: what stops a clash?
2. Think about who hands out numbers.
3. Counter ranges per server, base62-encoded.

### Fast redirects
1. Which request is the most frequent?
2. What can sit in front of the store?

### Expiry
1. What happens to a link nobody opens for a year?
2. A TTL column and a sweeper, or lazy deletion on read.
`

/** One criterion with levels and the Mid-level/Senior/Staff expectations. */
export function leveledCriterion(name: string, weight: number | null, keywords = 'base62, counter range, collision check'): string {
  return `### ${name}${weight === null ? '' : ` (weight: ${weight})`}
How codes are made.

Keywords: ${keywords}

1. **Not yet** — a
2. **Developing** — b
3. **Solid** — c
4. **Strong** — d

- **Mid-level** — proposes a working scheme.
- **Senior** — compares schemes unprompted.
- **Staff** — plans the failure of the ID source.
`
}

/** A ready concept question in the second edition, with its own two-criterion rubric. */
export function secondEditionFile(id: string, options: { rubric?: string; frontMatterRubric?: string; hints?: string; extraSections?: string } = {}): string {
  const rubric = options.rubric ?? `## Rubric\n\n${leveledCriterion('Codes', 60)}\n${leveledCriterion('Redirects', 40, 'HTTP 301, CDN edge, hot links')}`
  return `---
id: ${id}
title: Question ${id}
kind: concept
category: Testing
difficulty: easy
phasePlan: standard-45
${options.frontMatterRubric ? `rubric: ${options.frontMatterRubric}\n` : ''}---

## Prompt

Explain the thing.

## Reference outline

The answer.

${options.hints ?? LADDER_HINTS}
## Follow-ups

- A follow-up.

## Pitfalls

- A pitfall.

${rubric}${options.extraSections ?? ''}`
}
