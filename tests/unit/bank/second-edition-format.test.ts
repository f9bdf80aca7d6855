import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FormatError } from '../../../server/bank/format/format-error.ts'
import { parseQuestionFile, type KnownIds, type ParseOptions } from '../../../server/bank/format/question-format.ts'
import { parseRubricFile } from '../../../server/bank/format/shared-files.ts'
import { LADDER_HINTS, leveledCriterion, questionFile, secondEditionFile } from './bank-fixtures.ts'
import { REPO_BANK_DIR } from './seeds.ts'

const sharedRubric = parseRubricFile(`---
id: leveled
title: A leveled shared rubric
---
${leveledCriterion('Requirements', 30, 'QPS estimate, read/write ratio, storage per year')}
${leveledCriterion('Data model', 30, 'partition key, secondary index, retention')}
${leveledCriterion('Failure handling', 40, 'failover, retry budget, idempotency key')}
`).rubric
const known: KnownIds = {
  rubricIds: new Set(['generic-system-design', 'leveled']),
  rubrics: new Map([
    ['leveled', sharedRubric],
    ['generic-system-design', parseRubricFile(fs.readFileSync(path.join(REPO_BANK_DIR, 'rubrics', 'generic-system-design.md'), 'utf8')).rubric],
  ]),
  phasePlanIds: new Set(['standard-45']),
}

const lineOf = (text: string, fragment: string, from = 0) => {
  const at = text.indexOf(fragment, from)
  if (at === -1) throw new Error(`fixture has no "${fragment}"`)
  return text.slice(0, at).split('\n').length
}

/** The message and line a file is refused with. */
function refusal(text: string, options?: ParseOptions): { message: string; line: number | undefined } {
  try {
    parseQuestionFile(text, known, options)
  } catch (error) {
    if (error instanceof FormatError) return { message: error.message, line: error.line }
    throw error
  }
  throw new Error('the file was accepted')
}

const parse = (text: string, options?: ParseOptions) => parseQuestionFile(text, known, options)
/** The bank's transition mode (REQUIRE_SECOND_EDITION off), for the rules that only apply there. */
const FIRST_EDITION_ALLOWED: ParseOptions = { requireSecondEdition: false }

describe('hint ladders', () => {
  it('reads each ### topic as a ladder with an id derived from its name, rungs gentlest first', () => {
    const { document } = parse(secondEditionFile('ladders'))
    expect(document.hints.map((topic) => [topic.id, topic.name, topic.rungs.length])).toEqual([
      ['unique-codes', 'Unique codes', 3],
      ['fast-redirects', 'Fast redirects', 2],
      ['expiry', 'Expiry', 2],
    ])
    expect(document.hints[0]?.rungs[0]).toBe('Two servers pick a code at the same time: what stops a clash?')
  })

  it('reads a plain numbered list as one ladder named "Hints" in a draft and in a first-edition ready file', () => {
    const draft = questionFile({ id: 'draft' }).replace('rubric: generic-system-design', 'rubric: generic-system-design\nstatus: draft')
    expect(parse(draft).document.hints).toEqual([{ id: 'hints', name: 'Hints', rungs: ['First hint.', 'Second hint.'] }])
    expect(parse(questionFile({ id: 'old' }), FIRST_EDITION_ALLOWED).document.hints).toEqual([
      { id: 'hints', name: 'Hints', rungs: ['First hint.', 'Second hint.'] },
    ])
  })

  it('refuses a topic with one rung or four, naming the topic and the line of its list', () => {
    const one = secondEditionFile('x', { hints: LADDER_HINTS.replace('2. What can sit in front of the store?\n', '') })
    expect(refusal(one)).toEqual({
      message: 'hint topic "Fast redirects" has 1 rung; a topic has 2 or 3 (a nudge, a direction, a near-answer)',
      line: lineOf(one, '1. Which request'),
    })
    const four = secondEditionFile('x', {
      hints: LADDER_HINTS.replace('3. Counter ranges per server, base62-encoded.\n', '3. Counter ranges.\n4. The answer.\n'),
    })
    expect(refusal(four)).toEqual({
      message: 'hint topic "Unique codes" has 4 rungs; a topic has 2 or 3 (a nudge, a direction, a near-answer)',
      line: lineOf(four, '1. Two servers'),
    })
  })

  it('refuses a topic without rungs, bulleted rungs, two topics of the same name and text before the first topic', () => {
    const empty = secondEditionFile('x', {
      hints: LADDER_HINTS.replace('1. What happens to a link nobody opens for a year?\n2. A TTL column and a sweeper, or lazy deletion on read.\n', ''),
    })
    expect(refusal(empty)).toEqual({ message: 'hint topic "Expiry" has no rungs; add a numbered list of 2–3', line: lineOf(empty, '### Expiry') })
    const bullets = secondEditionFile('x', {
      hints: LADDER_HINTS.replace('1. Which request is the most frequent?\n2. What', '- Which request is the most frequent?\n- What'),
    })
    expect(refusal(bullets)).toEqual({
      message: 'section "Hints › Fast redirects" must be a numbered list (1. 2. 3.)',
      line: lineOf(bullets, '- Which request'),
    })
    const twins = secondEditionFile('x', { hints: LADDER_HINTS.replace('### Expiry', '### Unique codes') })
    expect(refusal(twins)).toEqual({
      message: 'section "Hints": two topics are named "Unique codes"',
      line: lineOf(twins, '### Unique codes', twins.indexOf('### Fast')),
    })
    const preamble = secondEditionFile('x', { hints: LADDER_HINTS.replace('## Hints\n', '## Hints\n\nClimb these slowly.\n') })
    expect(refusal(preamble)).toEqual({
      message: 'section "Hints": write every rung under a "### Topic" heading (nothing may come before the first topic)',
      line: lineOf(preamble, 'Climb these'),
    })
  })

  it('requires at least three topics in a ready question written with ladders', () => {
    const two = secondEditionFile('x', { hints: LADDER_HINTS.slice(0, LADDER_HINTS.indexOf('### Expiry')) })
    expect(refusal(two)).toEqual({ message: 'section "Hints" has 2 topics; a ready question needs at least 3', line: lineOf(two, '## Hints') })
  })

  it('refuses a flat list in a file that already writes leveled expectations', () => {
    const mixed = secondEditionFile('x', { hints: '## Hints\n\n1. First.\n2. Second.\n' })
    expect(refusal(mixed)).toEqual({
      message: 'section "Hints": a ready question writes its hints as ladders ("### Topic", then 2–3 numbered rungs)',
      line: lineOf(mixed, '## Hints'),
    })
  })
})

describe('leveled expectations', () => {
  it('reads the Mid-level, Senior and Staff bullets of each criterion', () => {
    const criterion = parse(secondEditionFile('levels')).document.inlineRubric?.criteria[0]
    expect(criterion?.expectations).toEqual({
      midLevel: 'proposes a working scheme.',
      senior: 'compares schemes unprompted.',
      staff: 'plans the failure of the ID source.',
    })
  })

  it('refuses an expectations list with a missing or misnamed level, or placed before the levels', () => {
    const two = secondEditionFile('x').replace('- **Staff** — plans the failure of the ID source.\n', '')
    expect(refusal(two)).toEqual({
      message: 'section "Rubric", criterion "Codes": the expectations list has 2 items; it needs exactly 3: Mid-level, Senior, Staff',
      line: lineOf(two, '- **Mid-level**'),
    })
    const misnamed = secondEditionFile('x').replace('- **Senior** —', '- **Lead** —')
    expect(refusal(misnamed)).toEqual({
      message: 'section "Rubric", criterion "Codes": expectation 2 must start with **Senior**',
      line: lineOf(misnamed, '- **Lead**'),
    })
    const before = secondEditionFile('x', {
      rubric: `## Rubric\n\n### Codes (weight: 100)\n\nKeywords: a, b, c\n\n- **Mid-level** — x\n- **Senior** — y\n- **Staff** — z\n\n1. a\n2. b\n3. c\n4. d\n`,
    })
    expect(refusal(before)).toEqual({
      message: 'section "Rubric", criterion "Codes": the Mid-level/Senior/Staff list comes after the numbered level descriptors',
      line: lineOf(before, '- **Mid-level**'),
    })
  })

  it('refuses a criterion without expectations in a file that uses ladders', () => {
    const text = secondEditionFile('x', {
      rubric: '## Rubric\n\n### Codes (weight: 100)\n\nKeywords: base62, counter range, collision check\n\n1. a\n2. b\n3. c\n4. d\n',
    })
    expect(refusal(text)).toEqual({
      message: 'section "Rubric", criterion "Codes": needs the Mid-level, Senior and Staff expectations after its levels',
      line: lineOf(text, '### Codes'),
    })
  })

  it('reports generic, too few and repeated keywords of a leveled criterion as problems on the Keywords line', () => {
    const text = secondEditionFile('x', { rubric: `## Rubric\n\n${leveledCriterion('Codes', 100, 'trade-off, Scalability, base62, base62')}` })
    const keywordsLine = lineOf(text, 'Keywords:')
    expect(parse(text).problems).toEqual([
      {
        line: keywordsLine,
        message: 'section "Rubric", criterion "Codes": keyword "trade-off" matches any conversation; name the concrete technique or term instead',
      },
      {
        line: keywordsLine,
        message: 'section "Rubric", criterion "Codes": keyword "Scalability" matches any conversation; name the concrete technique or term instead',
      },
      { line: keywordsLine, message: 'section "Rubric", criterion "Codes": keyword "base62" is listed twice' },
    ])
    const few = secondEditionFile('x', { rubric: `## Rubric\n\n${leveledCriterion('Codes', 100, 'base62, counter range')}` })
    expect(parse(few).problems).toEqual([
      { line: lineOf(few, 'Keywords:'), message: 'section "Rubric", criterion "Codes": has 2 keywords; give 3–10 concrete ones' },
    ])
  })

  it('reports a figure split at its thousands separator, which would match any number said in the room', () => {
    const text = secondEditionFile('x', { rubric: `## Rubric\n\n${leveledCriterion('Codes', 100, 'clicks per second, 11,600 peak, 429, base62')}` })
    expect(parse(text).problems).toEqual([
      {
        line: lineOf(text, 'Keywords:'),
        message:
          'section "Rubric", criterion "Codes": keywords "11" and "600 peak" look like one figure split at its thousands separator; write it without the comma',
      },
    ])
  })

  it('leaves the keywords of first-edition criteria alone until they are converted', () => {
    const old = questionFile({ id: 'old' }).replace('rubric: generic-system-design\n', '')
    const text = `${old}\n## Rubric\n\n### Talk (weight: 100)\n\nKeywords: trade-off, because\n\n1. a\n2. b\n3. c\n4. d\n`
    expect(parse(text, FIRST_EDITION_ALLOWED).problems).toEqual([])
  })
})

describe('extending a shared rubric', () => {
  it('uses the shared rubric as is when the question has no ## Rubric section', () => {
    const text = secondEditionFile('x', { frontMatterRubric: 'leveled', rubric: '' })
    const { document } = parse(text)
    expect(document.inlineRubric).toBeNull()
    expect(document.rubricId).toBe('leveled')
  })

  it('replaces a criterion of the same name in place, keeping its weight when none is given, and adds new ones at the end', () => {
    const rubric = `## Rubric\n\n${leveledCriterion('Data model', null, 'short code, long URL, created at')}\n${leveledCriterion('Code generation', 20)}`
    const text = secondEditionFile('x', { frontMatterRubric: 'leveled', rubric })
    expect(refusal(text)).toEqual({
      message: 'section "Rubric" (with rubric "leveled"): criterion weights add up to 120, not 100',
      line: lineOf(text, '## Rubric'),
    })
    const fitted = secondEditionFile('x', {
      frontMatterRubric: 'leveled',
      rubric: `## Rubric\n\n${leveledCriterion('Data model', null, 'short code, long URL, created at')}\n${leveledCriterion('Failure handling', 20)}\n${leveledCriterion('Code generation', 20)}`,
    })
    const resolved = parse(fitted).document.inlineRubric
    expect(resolved?.id).toBe('leveled')
    expect(resolved?.questionCriterionIds).toEqual(['data-model', 'failure-handling', 'code-generation'])
    expect(resolved?.criteria.map((criterion) => [criterion.id, criterion.weight, criterion.keywords[0]])).toEqual([
      ['requirements', 30, 'QPS estimate'],
      ['data-model', 30, 'short code'],
      ['failure-handling', 20, 'base62'],
      ['code-generation', 20, 'base62'],
    ])
  })

  it('re-weights a shared criterion given as a heading with no body, and drops one re-weighted to 0', () => {
    const rubric = `## Rubric\n\n### Requirements (weight: 20)\n\n### Failure handling (weight: 0)\n\n${leveledCriterion('Code generation', 30)}\n${leveledCriterion('Redirect path', 20, 'HTTP 301, CDN edge, hot links')}`
    const resolved = parse(secondEditionFile('x', { frontMatterRubric: 'leveled', rubric })).document.inlineRubric
    expect(resolved?.criteria.map((criterion) => [criterion.id, criterion.weight])).toEqual([
      ['requirements', 20],
      ['data-model', 30],
      ['code-generation', 30],
      ['redirect-path', 20],
    ])
    expect(resolved?.criteria[0]?.keywords).toEqual(sharedRubric.criteria[0]?.keywords)
    expect(resolved?.questionCriterionIds).toEqual(['code-generation', 'redirect-path'])
    const unknown = secondEditionFile('x', { frontMatterRubric: 'leveled', rubric: '## Rubric\n\n### Latency (weight: 100)\n' })
    expect(refusal(unknown)).toEqual({
      message: 'section "Rubric", criterion "Latency": not in rubric "leveled"; a new criterion needs a Keywords: line and levels',
      line: lineOf(unknown, '### Latency'),
    })
  })

  it('needs a weight on a criterion that the shared rubric does not have', () => {
    const text = secondEditionFile('x', { frontMatterRubric: 'leveled', rubric: `## Rubric\n\n${leveledCriterion('Code generation', null)}` })
    expect(refusal(text)).toEqual({
      message: 'section "Rubric": criterion "Code generation" is not in rubric "leveled", so it needs "(weight: N)"',
      line: lineOf(text, '### Code generation'),
    })
  })

  it('refuses a second-edition question that relies on a first-edition shared rubric, on the rubric: line', () => {
    const text = secondEditionFile('x', { frontMatterRubric: 'generic-system-design', rubric: '' })
    const { message, line } = refusal(text, { requireSecondEdition: true })
    expect(line).toBe(lineOf(text, 'rubric: generic'))
    expect(message).toMatch(/^rubric "generic-system-design": criterion ".+" has no leveled expectations; use a second-edition rubric/)
  })
})

describe('the second-edition switch', () => {
  it('keeps first-edition ready files loading while it is off', () => {
    expect(() => parse(questionFile({ id: 'old' }), { requireSecondEdition: false })).not.toThrow()
  })

  it('once on, refuses a ready file with a flat hint list and accepts drafts and converted files', () => {
    const old = questionFile({ id: 'old' })
    expect(refusal(old, { requireSecondEdition: true })).toEqual({
      message: 'section "Hints": a ready question writes its hints as ladders ("### Topic", then 2–3 numbered rungs)',
      line: lineOf(old, '## Hints'),
    })
    const draft = old.replace('rubric: generic-system-design', 'rubric: generic-system-design\nstatus: draft')
    expect(() => parse(draft, { requireSecondEdition: true })).not.toThrow()
    expect(() => parse(secondEditionFile('new'), { requireSecondEdition: true })).not.toThrow()
  })
})

describe('starter boards', () => {
  const withBoard = (items: string) => secondEditionFile('board', { extraSections: `\n## Starter board\n\n${items}` })

  it('places boxes left to right, wrapping after four, around the ones given a cell, and keeps arrows and notes', () => {
    const text = withBoard(
      '- box clients: Web and mobile clients\n- box api: API servers @ 0,0\n- box db: Link store\n- box cache: Hot links\n- box queue: Click events\n- box stats: Stats\n- arrow clients -> api: HTTPS\n- arrow api -> db\n- note: Start here: what happens when a short link is opened?\n',
    )
    const board = parse(text).document.starterBoard
    expect(board?.boxes.map((box) => [box.id, box.label, box.col, box.row])).toEqual([
      ['clients', 'Web and mobile clients', 1, 0],
      ['api', 'API servers', 0, 0],
      ['db', 'Link store', 2, 0],
      ['cache', 'Hot links', 3, 0],
      ['queue', 'Click events', 0, 1],
      ['stats', 'Stats', 1, 1],
    ])
    expect(board?.arrows).toEqual([
      { from: 'clients', to: 'api', label: 'HTTPS' },
      { from: 'api', to: 'db', label: '' },
    ])
    expect(board?.notes).toEqual(['Start here: what happens when a short link is opened?'])
  })

  it('refuses an arrow to an unknown box, a repeated id, two boxes in one cell and an unknown element, each on its line', () => {
    const unknown = withBoard('- box api: API\n- arrow api -> dbs\n')
    expect(refusal(unknown)).toEqual({ message: 'starter board: arrow api -> dbs points at "dbs", which is not a box', line: lineOf(unknown, '- arrow') })
    const twice = withBoard('- box api: API\n- box api: Again\n')
    expect(refusal(twice)).toEqual({ message: 'starter board: box "api" is defined twice', line: lineOf(twice, '- box api: Again') })
    const stacked = withBoard('- box a: A @ 1,1\n- box b: B @ 1,1\n')
    expect(refusal(stacked)).toEqual({ message: 'starter board: boxes "a" and "b" are both placed at 1,1', line: lineOf(stacked, '- box b') })
    const odd = withBoard('- box a: A\n- circle b: B\n')
    expect(refusal(odd)).toEqual({
      message: 'starter board: "circle b: B" is not "box <id>: <label>", "arrow <from> -> <to>" or "note: <text>"',
      line: lineOf(odd, '- circle'),
    })
    const bad = withBoard('- box Api: API\n')
    expect(refusal(bad)).toEqual({ message: 'starter board: box id "Api" must be a lowercase word (hyphens allowed)', line: lineOf(bad, '- box Api') })
  })
})

describe('error lines', () => {
  it('reports front matter mistakes on the line of the field', () => {
    const text = questionFile({ id: 'x' }).replace('difficulty: easy', 'difficulty: trivial')
    expect(refusal(text).line).toBe(lineOf(text, 'difficulty:'))
  })

  it('reports rubric weights that do not add up on the ## Rubric line', () => {
    const text = secondEditionFile('x').replace('(weight: 60)', '(weight: 50)')
    expect(refusal(text)).toEqual({ message: 'section "Rubric": criterion weights add up to 90, not 100', line: lineOf(text, '## Rubric') })
  })
})
