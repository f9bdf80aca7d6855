import path from 'node:path'
import type { DocumentReport, ImportReport } from './import-run.ts'

/** The importer's report as a person reads it in a terminal. */
export function formatImportReport(report: ImportReport): string {
  const lines: string[] = []
  const mode = report.dryRun ? ' (dry run: nothing written)' : ''
  lines.push(`Importing ${report.documents.length} document(s) into ${report.outDir}${mode}`, '')
  for (const document of report.documents) lines.push(...documentLines(document))
  const curated = report.curatedDuplicates.length
  lines.push('', `${report.found} question(s) found, ${report.questions + curated} after merging duplicates, ${curated} already in the curated bank.`)
  if (report.mergedGroups.length > 0) {
    lines.push('', 'Merged (one file each, listing every source):')
    for (const group of report.mergedGroups) lines.push(`  ${group.title}`, `    ${group.sources.join(', ')}`)
  }
  if (curated > 0) {
    lines.push('', 'Already in the curated bank (not written):')
    for (const entry of report.curatedDuplicates) {
      const how = entry.by === 'source' ? 'cites this source' : 'has the same title'
      lines.push(`  ${entry.title}`, `    questions/${entry.curatedId}.md ${how}; ${entry.sources.join(', ')}`)
      if (entry.staleDraft) lines.push(`    an earlier draft ${entry.staleDraft} is still in the output folder; delete it`)
    }
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

function documentLines(document: DocumentReport): string[] {
  const name = path.basename(document.path)
  if (document.error) return [`${name}: skipped, ${document.error}`]
  const dialects = document.dialects.length > 0 ? document.dialects.join(', ') : 'none recognised'
  const lines = [`${name}: ${document.found} question(s), ${document.merged} merged; found by: ${dialects}`]
  for (const skipped of document.skipped) lines.push(`  ${name}:${skipped.line}  skipped: ${skipped.reason}`)
  if (document.unused.length > 0) lines.push(`  not used (${document.unused.length} block(s)):`)
  for (const block of document.unused) lines.push(`  ${name}:${block.line}  "${block.excerpt}" — ${block.reason}`)
  return lines
}
