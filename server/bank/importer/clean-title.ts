import { toString as nodeText } from 'mdast-util-to-string'
import { parseMarkdown } from '../format/markdown.ts'

const MAX_TITLE_CHARS = 160
const EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|[\u{1F3FB}-\u{1F3FF}]|\uFE0E|\uFE0F|\u200D|\u20E3/gu
const PREFIX = /^(?:(?:Q|Question|Problem|Exercise)\s*#?\s*\d*|Scenario|Challenge\s*#?\s*\d*|Case study\s*#?\s*\d*)\s*[:.)\-–—]\s*/i
/** Section labels of the seed dialects that can end up glued to a title when markup is lost. */
const GLUED_LABELS =
  /(?:functional requirements|non-functional requirements|requirements|explanation|answer|key considerations|scenario|time limit|high-level architecture|detailed design|solution approach|question)\s*:?\s*$/i

/**
 * A title as a person would write it: Markdown rendered to plain text, no emoji, no
 * `Q:`/`Scenario:`/`Challenge 3:` prefix, no section label glued on the end, one line.
 * Returns '' when nothing readable is left; the caller picks a fallback.
 */
export function cleanTitle(raw: string): string {
  let text = readableText(raw)
  for (let previous = ''; previous !== text; ) {
    previous = text
    text = text
      .replace(PREFIX, '')
      .replace(/^#+\s*/, '')
      .trim()
  }
  text = cutGluedLabel(text).replace(/[\s:;,\-–—]+$/, '')
  return /[\p{L}\p{N}]/u.test(text) ? truncate(text) : ''
}

/** Category and topic headings: the same clean-up, plus list numbering such as `3. Database Design`. */
export function cleanHeading(raw: string): string {
  return readableText(raw)
    .replace(/^\d+[.)]\s*/, '')
    .replace(/[\s:;,\-–—]+$/, '')
    .slice(0, 100)
    .trim()
}

/** Characters that can make Markdown of a line; without any, the line is its own plain text and is not parsed. */
const MARKDOWN_SYNTAX = /[*_`[\]<>&\\!#|~]|^\s*(?:\d+[.)]|[-+*>=])(?:\s|$)/

function readableText(raw: string): string {
  const line = raw.replace(/\n/g, ' ')
  const plain = MARKDOWN_SYNTAX.test(line) ? nodeText(parseMarkdown(line), { includeHtml: false }) : line
  return plain
    .replace(/\*\*|__|`/g, '')
    .replace(EMOJI, '')
    .replace(/[\u0000-\u001F\u007F\uFFFD\uF8FF]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** `…for global scaleFunctional Requirements:` → `…for global scale`. Only cuts when something is left. */
function cutGluedLabel(text: string): string {
  const glued = GLUED_LABELS.exec(text)
  if (!glued || glued.index === 0) return text
  const before = text.slice(0, glued.index)
  const gluedWithoutSpace = /[\p{Ll}\p{N}?.!)]$/u.test(before)
  const endsWithColon = /:\s*$/.test(glued[0])
  return gluedWithoutSpace || endsWithColon ? before.trim() : text
}

function truncate(text: string): string {
  if (text.length <= MAX_TITLE_CHARS) return text
  const cut = text.slice(0, MAX_TITLE_CHARS)
  return `${cut.slice(0, cut.lastIndexOf(' ') > 80 ? cut.lastIndexOf(' ') : MAX_TITLE_CHARS).trim()}…`
}
