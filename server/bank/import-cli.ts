import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readCommandLine } from './cli-args.ts'
import { readCuratedQuestions } from './importer/curated-bank.ts'
import { formatImportReport } from './importer/format-report.ts'
import { runImport } from './importer/import-run.ts'

const USAGE = `Usage: npm run bank:import -- <document.md…> [--out <dir>] [--dry-run]

Reads Markdown prep documents (Notion, Obsidian and Google Docs exports, plain lists, flattened
text) and writes one draft question file per question found into --out (default
question-bank/imported/, which is git-ignored and loaded by the server at start). The same
question found in several documents becomes one file listing every source; a question the
curated bank already has is reported, not written. The report lists every block that went into
no question, and why. --dry-run prints the report and writes nothing.`

const DEFAULT_OUT_DIR = path.join('question-bank', 'imported')
const CURATED_BANK_DIR = fileURLToPath(new URL('../../question-bank', import.meta.url))

const OPTIONS = { out: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } as const

function main(argv: string[]): number {
  const parsed = readCommandLine(argv, OPTIONS, USAGE)
  if (!parsed) return 2
  if (parsed.values.help) {
    console.log(USAGE)
    return 0
  }
  if (parsed.positionals.length === 0) {
    console.error(`No documents given.\n\n${USAGE}`)
    return 2
  }
  const outDir = path.resolve(parsed.values.out ?? DEFAULT_OUT_DIR)
  const report = runImport({
    files: parsed.positionals.map((file) => path.resolve(file)),
    outDir,
    dryRun: parsed.values['dry-run'],
    curated: readCuratedQuestions(CURATED_BANK_DIR),
  })
  console.log(formatImportReport(report))
  return 0
}

process.exitCode = main(process.argv.slice(2))
