import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseQuestionFile, type KnownIds } from '../../../server/bank/format/question-format.ts'
import { parsePhasePlanFile, parseRubricFile } from '../../../server/bank/format/shared-files.ts'
import { questionFile } from './bank-fixtures.ts'
import { REPO_BANK_DIR } from './seeds.ts'

const read = (...parts: string[]) => fs.readFileSync(path.join(REPO_BANK_DIR, ...parts), 'utf8')
const idsIn = (folder: string) => fs.readdirSync(path.join(REPO_BANK_DIR, folder)).map((name) => path.basename(name, '.md'))
const sharedRubrics = new Map(idsIn('rubrics').map((id) => [id, parseRubricFile(read('rubrics', `${id}.md`)).rubric]))
const known: KnownIds = { rubricIds: new Set(sharedRubrics.keys()), rubrics: sharedRubrics, phasePlanIds: new Set(idsIn('phase-plans')) }

describe('the bank files in the repository', () => {
  it('define the generic rubric with weights adding up to 100 and four levels per criterion', () => {
    const { rubric } = parseRubricFile(read('rubrics', 'generic-system-design.md'))
    expect(rubric.criteria.reduce((sum, criterion) => sum + criterion.weight, 0)).toBe(100)
    expect(rubric.criteria.every((criterion) => criterion.levels.length >= 4 && criterion.keywords.length > 0)).toBe(true)
  })

  it('define the shared rubrics of each kind with leveled criteria totalling 100', () => {
    for (const id of ['design', 'concept', 'scenario']) {
      const problems: { line: number; message: string }[] = []
      const { rubric } = parseRubricFile(read('rubrics', `${id}.md`), problems)
      expect(problems, id).toEqual([])
      expect(
        rubric.criteria.reduce((sum, criterion) => sum + criterion.weight, 0),
        id,
      ).toBe(100)
      expect(
        rubric.criteria.every((criterion) => criterion.expectations !== null),
        id,
      ).toBe(true)
    }
  })

  it('define the named phase plans with their minutes', () => {
    const phases = (id: string) => parsePhasePlanFile(read('phase-plans', `${id}.md`)).phases.map((phase) => [phase.name, phase.minutes])
    expect(phases('standard-45')).toEqual([
      ['Clarify', 5],
      ['High-level design', 15],
      ['Deep dive', 15],
      ['Scale and wrap-up', 10],
    ])
    expect(phases('extended-60')).toEqual([
      ['Requirements', 10],
      ['High-level design', 15],
      ['Detailed design', 20],
      ['Trade-offs', 15],
    ])
    expect(phases('concept-25')).toEqual([
      ['Frame', 5],
      ['Explain', 10],
      ['Apply', 7],
      ['Wrap-up', 3],
    ])
  })

  it('have questions of every kind that parse, with their own rubrics', () => {
    const questions = fs.readdirSync(path.join(REPO_BANK_DIR, 'questions')).map((name) => parseQuestionFile(read('questions', name), known).document)
    expect(questions.length).toBeGreaterThanOrEqual(3)
    expect(new Set(questions.map((question) => question.kind))).toEqual(new Set(['design', 'concept', 'scenario']))
    expect(questions.some((question) => question.inlineRubric !== null)).toBe(true)
  })
})

describe('question file validation', () => {
  const refuse = (content: string) => expect(() => parseQuestionFile(content, known))

  it('accepts a minimal valid question and splits list sections into items', () => {
    const { document } = parseQuestionFile(questionFile({ id: 'ok', extraSections: '\n## Reference material\n\n### Old notes\n\ntext\n' }), known)
    expect(document).toMatchObject({
      id: 'ok',
      hints: [{ id: 'hints', name: 'Hints', rungs: ['First hint.', 'Second hint.'] }],
      followUps: ['A follow-up.'],
      referenceMaterial: '### Old notes\n\ntext',
    })
  })

  it('refuses unknown, empty and repeated sections', () => {
    refuse(questionFile({ id: 'x', extraSections: '\n## Hint\n\n- typo\n' })).toThrow(/unknown section "## Hint"/)
    refuse(questionFile({ id: 'x', extraSections: '\n## Reference material\n\n<!-- later -->\n' })).toThrow(/"## Reference material" is empty/)
    refuse(questionFile({ id: 'x', extraSections: '\n## Pitfalls\n\n- again\n' })).toThrow(/appears twice/)
  })

  it('requires the sections of a ready design problem', () => {
    const concept = questionFile({ id: 'x' })
    refuse(concept.replace('kind: concept', 'kind: design')).toThrow(
      /needs "## Clarifying facts", "## Functional requirements", "## Non-functional requirements"/,
    )
    refuse(concept.replace('## Pitfalls\n\n- A pitfall.\n', '')).toThrow(/needs "## Pitfalls"/)
  })

  it('requires a numbered hint ladder of at least two steps', () => {
    refuse(questionFile({ id: 'x' }).replace('1. First hint.\n2. Second hint.', '- First hint.\n- Second hint.')).toThrow(/numbered list/)
    refuse(questionFile({ id: 'x' }).replace('2. Second hint.\n', '')).toThrow(/at least 2 steps/)
  })

  it('checks that referenced rubric and phase plan ids exist', () => {
    refuse(questionFile({ id: 'x' }).replace('rubric: generic-system-design', 'rubric: nope')).toThrow(/rubric "nope" does not exist/)
    refuse(questionFile({ id: 'x' }).replace('phasePlan: standard-45', 'phasePlan: standard-30')).toThrow(/phase plan "standard-30" does not exist/)
  })

  it('checks rubric weights, levels and keywords', () => {
    const withRubric = (rubric: string) => questionFile({ id: 'x', extraSections: `\n## Rubric\n\n${rubric}` }).replace('rubric: generic-system-design\n', '')
    const levels = '1. **Weak** — a\n2. **Fair** — b\n3. **Good** — c\n4. **Great** — d\n'
    expect(
      parseQuestionFile(withRubric(`### Depth (weight: 100)\n\nKeywords: cache, shard\n\n${levels}`), known).document.inlineRubric?.criteria[0],
    ).toMatchObject({
      id: 'depth',
      keywords: ['cache', 'shard'],
      levels: [{ level: 1, label: 'Weak', descriptor: 'a' }, { level: 2 }, { level: 3 }, { level: 4, label: 'Great', descriptor: 'd' }],
    })
    refuse(withRubric(`### Depth (weight: 90)\n\nKeywords: a\n\n${levels}`)).toThrow(/add up to 90, not 100/)
    refuse(withRubric('### Depth (weight: 100)\n\nKeywords: a\n\n1. a\n2. b\n3. c\n')).toThrow(/has 3 levels, at least 4/)
    refuse(withRubric(`### Depth (weight: 100)\n\n${levels}`)).toThrow(/Keywords:/)
    refuse(withRubric(`### Depth\n\nKeywords: a\n\n${levels}`)).toThrow(/"### Name \(weight: N\)"/)
  })

  it('explains front matter mistakes field by field', () => {
    refuse('# no front matter').toThrow(/must start with YAML front matter/)
    refuse(questionFile({ id: 'Bad Id' })).toThrow(/front matter: id: must be lowercase words joined by hyphens/)
    refuse(questionFile({ id: 'x', extraFrontMatter: 'colour: red\n' })).toThrow(/Unrecognized key/)
    refuse(questionFile({ id: 'x' }).replace('kind: concept', 'kind: puzzle')).toThrow(/kind/)
  })
})
