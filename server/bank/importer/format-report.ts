import path from 'node:path'
import type { ImportReport } from './import-run.ts'

/** The importer's report as a person reads it in a terminal. */
export function formatImportReport(report: ImportReport): string {
  const lines: string[] = []
  const mode = report.dryRun ? ' (dry run: nothing written)' : ''
  lines.push(`Importing ${report.documents.length} document(s) into ${report.outDir}${mode}`, '')
  for (const document of report.documents) {
    const name = path.basename(document.path)
    if (document.error) {
      lines.push(`${name}: skipped, ${document.error}`)
      continue
    }
    const dialects = document.dialects.length > 0 ? document.dialects.join(', ') : 'none recognised'
    lines.push(`${name}: ${document.found} question(s), ${document.merged} merged; dialect: ${dialects}`)
    for (const skipped of document.skipped) lines.push(`  skipped at line ${skipped.line}: ${skipped.reason}`)
  }
  lines.push('', `${report.found} question(s) found, ${report.questions} after merging duplicates.`)
  if (report.mergedGroups.length > 0) {
    lines.push('', 'Merged (one file each, listing every source):')
    for (const group of report.mergedGroups) lines.push(`  ${group.title}`, `    ${group.sources.join(', ')}`)
  }
  if (report.nearDuplicates.length > 0) {
    lines.push('', 'Near-duplicates (kept apart; review whether they are the same question):')
    for (const pair of report.nearDuplicates) lines.push(`  ${pair.score.toFixed(2)}  ${pair.a}`, `        ${pair.b}`)
  }
  if (report.rejected.length > 0) {
    lines.push('', 'Not imported (would not be a valid bank file):')
    for (const entry of report.rejected) lines.push(`  ${entry.title}: ${entry.reason}`)
  }
  const verb = report.dryRun ? 'would be written' : 'written'
  lines.push('', `Files: ${report.written.length} ${verb}, ${report.unchanged.length} unchanged.`)
  return lines.join('\n')
}
