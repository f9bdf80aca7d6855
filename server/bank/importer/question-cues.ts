/**
 * What makes a line read as an interview question, and what makes a label mean one of the
 * format's parts. Structure (a heading, a list item, a toggle, a callout) says where a block
 * starts; these cues say whether the block is a question and what its pieces are.
 */

/** `Q:`, `Q1.`, `Question 2:`, `Problem 3 —`, `Exercise 4)`: the author said it is a question. */
const NUMBERED_PREFIX = /^(?:Q\s*#?\s*\d*|Question\s*#?\s*\d*|(?:Problem|Exercise|Case study)\s*#?\s*\d+)\s*[:.)\-–—]\s*/i
/** `Problem 3` alone, without a separator or title. */
const NUMBERED_ONLY = /^(?:Q|Question|Problem|Exercise)\s*#?\s*\d+$/i
/** An imperative design task: `Design Twitter`, `Build a rate limiter`. */
const DESIGN_TASK =
  /^(?:design|build|architect)\s+(?!(?:patterns?|principles?|categories|considerations?|decisions?|process|tips?|overview|notes?|questions?|interviews?|rounds?|docs?|documents?|reviews?|basics|fundamentals|guides?|checklists?|choices|goals?|phases?|sections?|examples?|exercises?|challenges?|and|&|-|–|—)\b)\S/i
/** `How would you…`, `What is…`, `Explain…`: a question even without its question mark. */
const INTERROGATIVE = /^(?:how|what|why|when|which|where|who)(?:'s)?\s+(?:would|do|does|did|is|are|was|were|can|could|should|will|might|happens|makes)\b/i
/** `Explain CAP`, `Compare queues and streams`: a question as a heading, but too common in bullet-point advice to count there. */
const IMPERATIVE = /^(?:explain|describe|compare|walk (?:me )?through|estimate)\s+\S/i
const LIST_NUMBER = /^\d+[.)]\s+/

export type QuestionCue = 'numbered' | 'phrased'

/**
 * `numbered` when the author labelled it (`Q1:`, `Problem 3 —`), `phrased` when it reads as one
 * (`Design X`, `How would you…`, ends in `?`), null otherwise. Emoji and list numbering are ignored.
 */
export function questionCue(text: string, options: { imperatives: boolean } = { imperatives: true }): QuestionCue | null {
  const plain = text
    .replace(/\p{Extended_Pictographic}|\uFE0F|\u200D/gu, '')
    .replace(/\*\*|__|`/g, '')
    .trim()
  if (NUMBERED_PREFIX.test(plain) || NUMBERED_ONLY.test(plain)) return 'numbered'
  const body = plain.replace(LIST_NUMBER, '')
  if (/\?\s*$/.test(body) || DESIGN_TASK.test(body) || INTERROGATIVE.test(body)) return 'phrased'
  if (options.imperatives && IMPERATIVE.test(body)) return 'phrased'
  return null
}

/** The part of the format a label (`Hint 2`, `Follow-up`, `A`, `Model answer`) stands for. */
export type LabelRole = 'prompt' | 'hint' | 'answer' | 'followUp' | 'time' | 'difficulty' | 'tags'

const ROLE_OF_LABEL: [RegExp, LabelRole][] = [
  [/^(?:q|question|prompt|problem|scenario|task)$/, 'prompt'],
  [/^(?:hint|hints|tip|tips|nudge|nudges|clue)$/, 'hint'],
  [/^(?:a|ans|answer|answers|solution|model answer|sample answer|suggested answer|reference answer)$/, 'answer'],
  [/^(?:follow ?ups?|follow ?up questions?|followups?|probes?|curveballs?|extensions?)$/, 'followUp'],
  [/^(?:time|time limit|duration|timebox|estimated time|minutes|length)$/, 'time'],
  [/^(?:difficulty|level|difficulty level)$/, 'difficulty'],
  [/^(?:tags?|topics?|keywords?)$/, 'tags'],
]

/** Null for labels that only name a part of the answer (`Data model`, `Key Considerations`). */
export function labelRole(label: string): LabelRole | null {
  const key = label
    .toLowerCase()
    .replace(/[-_]+/g, ' ')
    .replace(/\s*#?\d+$/, '')
    .replace(/\s+/g, ' ')
    .trim()
  return ROLE_OF_LABEL.find(([pattern]) => pattern.test(key))?.[1] ?? null
}

/** The canonical section label a role is kept under, so merging and rendering see one name. */
export const LABEL_OF_ROLE: Record<Exclude<LabelRole, 'prompt' | 'time' | 'difficulty' | 'tags'>, string> = {
  hint: 'Hints',
  answer: 'Answer',
  followUp: 'Follow-ups',
}

const INLINE_LABEL = /^(\*\*|__|\*|_)?\s*([A-Za-z][A-Za-z -]{0,28}?)(?:\s*#?\d{1,2})?\s*(?::\s*(?:\*\*|__|\*|_)?|(?:\*\*|__|\*|_)\s*:|\s+[—–]\s+|\s+-\s+)\s*/

/**
 * A label at the start of a list item or line, in any of the ways notes write one
 * (`Hint: …`, `Hint 2 — …`, `**Answer:** …`, `*Follow-up*: …`); null when the lead is no known label.
 */
export function leadingLabel(markdown: string): { role: LabelRole; label: string; rest: string } | null {
  const match = INLINE_LABEL.exec(markdown)
  if (!match?.[2]) return null
  const role = labelRole(match[2])
  if (!role) return null
  return { role, label: match[2].trim(), rest: markdown.slice(match[0].length) }
}

/** Difficulty words teams use, onto the bank's three levels. */
export function parseDifficulty(text: string): 'easy' | 'medium' | 'hard' | null {
  const word = text.toLowerCase()
  if (/\b(?:easy|beginner|junior|basic|simple|low|l3)\b/.test(word)) return 'easy'
  if (/\b(?:hard|difficult|advanced|expert|senior|staff|principal|high|l6|l7)\b/.test(word)) return 'hard'
  if (/\b(?:medium|intermediate|moderate|mid|normal|l4|l5)\b/.test(word)) return 'medium'
  return null
}

/** `45 minutes`, `45m`, `1 hour`, `1h 15m`, `60-75 min` (the upper bound); null without a number. */
export function parseMinutes(text: string): number | null {
  const hours = /(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hours?)\b/i.exec(text)
  const minutes = /(\d{1,3})\s*(?:m|min|mins|minutes?)\b/i.exec(text)
  if (hours) return Math.round(Number(hours[1]) * 60) + (minutes ? Number(minutes[1]) : 0)
  const range = /(\d{1,3})\s*[-–]\s*(\d{1,3})/.exec(text)
  if (range?.[2]) return Number(range[2])
  const plain = /(\d{1,3})/.exec(text)
  return plain?.[1] ? Number(plain[1]) : null
}

/** Tags as the bank spells them: lowercase words joined by hyphens, `#` and brackets dropped. */
export function parseTags(text: string): string[] {
  return text
    .replace(/[[\]"']/g, '')
    .split(/[,;]|\s+#|^#/)
    .map((tag) =>
      tag
        .trim()
        .replace(/^#/, '')
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40),
    )
    .filter((tag) => tag !== '')
}
