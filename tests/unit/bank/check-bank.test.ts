import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkBank } from '../../../server/bank/check-bank.ts'
import { leveledCriterion, makeTempBank, questionFile, secondEditionFile } from './bank-fixtures.ts'

const run = promisify(execFile)
const CLI = path.resolve('server/bank/check-cli.ts')

let bank: ReturnType<typeof makeTempBank>
beforeEach(() => {
  bank = makeTempBank()
})
afterEach(() => bank.cleanup())

const lineOf = (text: string, fragment: string) => text.slice(0, text.indexOf(fragment)).split('\n').length
const check = (only?: string[]) => checkBank({ dirs: [bank.dir], only, cacheFile: null })

describe('bank:check', () => {
  it('passes a bank with a first-edition and a second-edition question, listing the one still to convert', () => {
    const old = bank.write('old.md', questionFile({ id: 'old' }))
    bank.write('new.md', secondEditionFile('new'))
    const result = check()
    expect(result.problems).toEqual([])
    expect(result.firstEdition).toEqual([old])
  })

  it('reports every file that does not load, with its line, and quality problems of files that do', () => {
    const broken = questionFile({ id: 'broken' }).replace('phasePlan: standard-45', 'phasePlan: standard-30')
    const brokenPath = bank.write('broken.md', broken)
    const generic = secondEditionFile('generic', { rubric: `## Rubric\n\n${leveledCriterion('Codes', 100, 'design, base62, counter range')}` })
    const genericPath = bank.write('generic.md', generic)
    const arrows = secondEditionFile('arrows', { extraSections: '\n## Starter board\n\n- box api: API\n- arrow api -> db\n' })
    const arrowsPath = bank.write('arrows.md', arrows)
    const copy = bank.write('copy.md', questionFile({ id: 'old' }))
    expect(check().problems).toEqual([
      { path: arrowsPath, line: lineOf(arrows, '- arrow'), message: 'starter board: arrow api -> db points at "db", which is not a box' },
      { path: brokenPath, line: lineOf(broken, 'phasePlan:'), message: 'phase plan "standard-30" does not exist in phase-plans/' },
      { path: copy, line: 1, message: 'the id "old" must match the file name (copy.md)' },
      {
        path: genericPath,
        line: lineOf(generic, 'Keywords:'),
        message: 'section "Rubric", criterion "Codes": keyword "design" matches any conversation; name the concrete technique or term instead',
      },
    ])
  })

  it('reports a question id used twice, on the file found second', () => {
    const twin = bank.write(path.join('nested', 'same.md'), questionFile({ id: 'same' }))
    const one = bank.write('same.md', questionFile({ id: 'same' }))
    expect(check().problems).toEqual([{ path: one, line: 1, message: `id "same" is already used by ${twin}` }])
  })

  it('only reports the files asked for, still checking them against the rest of the bank', () => {
    bank.write('bad.md', questionFile({ id: 'bad' }).replace('## Pitfalls', '## Pitfals'))
    const good = bank.write('good.md', questionFile({ id: 'good' }))
    expect(check([good]).problems).toEqual([])
    expect(check([good]).checked).toBe(1)
  })

  it('prints path:line: message for each problem and exits 1; exits 0 on a clean bank', async () => {
    const text = questionFile({ id: 'bad' }).replace('## Pitfalls', '## Pitfals')
    bank.write('bad.md', text)
    const failed = await run('node', [CLI, '--bank', bank.dir, '--no-cache'], { cwd: bank.dir }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    )
    expect('code' in failed && failed.code).toBe(1)
    expect(failed.stdout).toContain(`questions/bad.md:${lineOf(text, '## Pitfals')}: unknown section "## Pitfals"`)
    expect(failed.stderr).toMatch(/bank check: \d+ file\(s\), 1 problem\(s\)/)
    bank.remove('bad.md')
    const clean = await run('node', [CLI, '--bank', bank.dir, '--no-cache'], { cwd: bank.dir })
    expect(clean.stdout).toMatch(/bank check: \d+ file\(s\), 0 problem\(s\)/)
  })
})
