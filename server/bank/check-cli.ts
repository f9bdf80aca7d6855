import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { checkBank } from './check-bank.ts'

const USAGE = `Usage: npm run bank:check [-- <file.md…>] [--bank <dir>] [--no-cache]

Validates the question bank (question-bank/: questions, rubrics, phase plans) the way the server
loads it, plus the quality rules: references, weights, duplicate ids, generic keywords, starter
boards. Prints each problem as path:line: message and exits 1 when there is any. With files, only
those are reported (references are still checked against the whole bank). --bank checks another
bank folder (default: the repository's question-bank/). Results of unchanged files are kept in the
system's temporary folder; --no-cache parses everything.`

const BANK_DIR = fileURLToPath(new URL('../../question-bank', import.meta.url))

function main(argv: string[]): number {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { bank: { type: 'string' }, 'no-cache': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } })
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    return 2
  }
  if (parsed.values.help) {
    console.log(USAGE)
    return 0
  }
  const started = performance.now()
  const only = parsed.positionals.length > 0 ? parsed.positionals.map((file) => path.resolve(file)) : undefined
  const result = checkBank({ dirs: [path.resolve(parsed.values.bank ?? BANK_DIR)], only, ...(parsed.values['no-cache'] ? { cacheFile: null } : {}) })
  for (const problem of result.problems) console.log(`${path.relative(process.cwd(), problem.path)}:${problem.line}: ${problem.message}`)
  const ms = Math.round(performance.now() - started)
  const pending = result.firstEdition.length > 0 ? `; ${result.firstEdition.length} ready question(s) still in the first edition (allowed until REQUIRE_SECOND_EDITION is on)` : ''
  const summary = `bank check: ${result.checked} file(s), ${result.problems.length} problem(s) in ${ms} ms${pending}`
  if (result.problems.length > 0) {
    console.error(summary)
    return 1
  }
  console.log(summary)
  return 0
}

process.exitCode = main(process.argv.slice(2))
