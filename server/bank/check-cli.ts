import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readCommandLine } from './cli-args.ts'
import fs from 'node:fs'
import { catalogMarkdown, withCatalog } from './bank-catalog.ts'
import { checkBank, type BankCheckResult } from './check-bank.ts'

const USAGE = `Usage: npm run bank:check [-- <file.md…>] [--bank <dir>] [--no-cache] [--write-catalog]

Validates the question bank (question-bank/: questions, rubrics, phase plans) the way the server
loads it, plus the quality rules: references, weights, duplicate ids, generic keywords, starter
boards. Prints each problem as path:line: message and exits 1 when there is any. With files, only
those are reported (references are still checked against the whole bank). --bank checks another
bank folder (default: the repository's question-bank/). Results of unchanged files are kept in the
system's temporary folder; --no-cache parses everything. --write-catalog rewrites the table of
categories and kinds in question-bank/README.md from the files.`

const BANK_DIR = fileURLToPath(new URL('../../question-bank', import.meta.url))

const OPTIONS = {
  bank: { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
  'write-catalog': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const

function main(argv: string[]): number {
  const parsed = readCommandLine(argv, OPTIONS, USAGE)
  if (!parsed) return 2
  if (parsed.values.help) {
    console.log(USAGE)
    return 0
  }
  const started = performance.now()
  const only = parsed.positionals.length > 0 ? parsed.positionals.map((file) => path.resolve(file)) : undefined
  const bankDir = path.resolve(parsed.values.bank ?? BANK_DIR)
  const result = checkBank({ dirs: [bankDir], only, ...(parsed.values['no-cache'] ? { cacheFile: null } : {}) })
  if (!only) reportCatalog(path.join(bankDir, 'README.md'), result, parsed.values['write-catalog'])
  for (const problem of result.problems) console.log(`${path.relative(process.cwd(), problem.path)}:${problem.line}: ${problem.message}`)
  const ms = Math.round(performance.now() - started)
  const pending =
    result.firstEdition.length > 0
      ? `; ${result.firstEdition.length} ready question(s) still in the first edition (allowed until REQUIRE_SECOND_EDITION is on)`
      : ''
  const summary = `bank check: ${result.checked} file(s), ${result.problems.length} problem(s) in ${ms} ms${pending}`
  if (result.problems.length > 0) {
    console.error(summary)
    return 1
  }
  console.log(summary)
  return 0
}

/** The README's catalog is documentation, not a bank rule: a stale one is a notice, not a failure. */
function reportCatalog(readmePath: string, result: BankCheckResult, write: boolean): void {
  if (!fs.existsSync(readmePath)) return
  const readme = fs.readFileSync(readmePath, 'utf8')
  const updated = withCatalog(readme, catalogMarkdown(result.catalog))
  if (updated === null || updated === readme) return
  if (write) {
    fs.writeFileSync(readmePath, updated)
    console.log(`${path.relative(process.cwd(), readmePath)}: catalog of categories and kinds rewritten`)
  } else {
    console.log(`${path.relative(process.cwd(), readmePath)}: the catalog of categories and kinds is out of date; run npm run bank:check -- --write-catalog`)
  }
}

process.exitCode = main(process.argv.slice(2))
