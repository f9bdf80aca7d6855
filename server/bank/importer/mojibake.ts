/**
 * Repairs UTF-8 text that was once decoded as Mac Roman ("‚Üí" for "→", "üéØ" for "🎯"): each
 * character of Mac Roman's upper half stands for one byte, and runs of them that form valid
 * UTF-8 sequences are decoded back. Characters that do not form such a sequence are left alone,
 * so genuine accented text ("café") survives.
 */

// Mac Roman bytes 0x80–0xFF in order (0xF0 is Apple's logo, a private-use character).
const MAC_ROMAN_HIGH =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø' + '¿¡¬√ƒ≈∆«»…\u00A0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ'

const BYTE_OF = new Map<string, number>([...MAC_ROMAN_HIGH].map((char, index) => [char, 0x80 + index]))
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

export function macRomanByte(char: string): number | undefined {
  return BYTE_OF.get(char)
}

export function repairMojibake(text: string): string {
  // Fast path: almost every document has no character from the table.
  if (![...text].some((char) => BYTE_OF.has(char))) return text
  return text.replace(/[^\x00-\x7F]+/g, (run) => repairRun([...run]))
}

function repairRun(chars: string[]): string {
  let out = ''
  let index = 0
  while (index < chars.length) {
    const decoded = decodeSequenceAt(chars, index)
    if (decoded) {
      out += decoded.text
      index += decoded.length
    } else {
      out += chars[index]
      index += 1
    }
  }
  return out
}

function decodeSequenceAt(chars: string[], index: number): { text: string; length: number } | null {
  const lead = BYTE_OF.get(chars[index] ?? '')
  const length = lead === undefined ? 0 : sequenceLength(lead)
  if (length === 0 || index + length > chars.length) return null
  const bytes = chars.slice(index, index + length).map((char) => BYTE_OF.get(char))
  if (bytes.some((byte, at) => byte === undefined || (at > 0 && (byte < 0x80 || byte > 0xbf)))) return null
  try {
    return { text: strictUtf8.decode(Uint8Array.from(bytes as number[])), length }
  } catch {
    return null
  }
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2
  if (lead >= 0xe0 && lead <= 0xef) return 3
  if (lead >= 0xf0 && lead <= 0xf4) return 4
  return 0
}
