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
  const designSections = kind === 'design' ? '## Clarifying facts\n\n- fact\n\n## Functional requirements\n\n- feature\n\n## Non-functional requirements\n\n- fast\n\n' : ''
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
