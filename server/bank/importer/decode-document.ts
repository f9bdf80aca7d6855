import { repairMojibake } from './mojibake.ts'

/** Prep documents are tens of kilobytes; past this size the file is not one, and parsing it would only stall the run. */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024
/** Share of control or undecodable characters above which a file is taken for binary rather than damaged text. */
const BINARY_RATIO = 0.05
const SAMPLE_CHARS = 65_536

export type DecodedDocument = { ok: true; text: string } | { ok: false; reason: string }

/**
 * Bytes to clean text: refuses huge and binary files with a reason, otherwise decodes UTF-8
 * leniently (a few bad bytes become U+FFFD and are dropped), normalizes line ends, drops stray
 * control characters and repairs Mac Roman mojibake.
 */
export function decodeDocument(bytes: Uint8Array): DecodedDocument {
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    return { ok: false, reason: `too large (${(bytes.length / 1024 / 1024).toFixed(1)} MiB; documents up to ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB are read)` }
  }
  const decoded = new TextDecoder('utf-8').decode(bytes)
  if (decoded.trim() === '') return { ok: false, reason: 'empty document' }
  if (looksBinary(decoded)) return { ok: false, reason: 'binary content, not a text document' }
  const text = decoded
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g, '')
  return { ok: true, text: repairMojibake(text) }
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, SAMPLE_CHARS)
  const suspicious = sample.match(/[\u0000-\u0008\u000E-\u001F\uFFFD]/g)?.length ?? 0
  // Measured against at least 512 characters, so a short note with one bad byte is not called binary.
  return suspicious / Math.max(sample.length, 512) > BINARY_RATIO
}
