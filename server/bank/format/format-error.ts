/**
 * A bank file that breaks the format; the message names what is wrong in words a question author
 * can act on, and `line` (1-based, in the whole file) says where, when a place is known.
 */
export class FormatError extends Error {
  readonly line: number | undefined

  constructor(message: string, line?: number) {
    super(message)
    this.line = line
  }
}

export function requireFormat(condition: unknown, message: string, line?: number): asserts condition {
  if (!condition) throw new FormatError(message, line)
}

/** A quality problem that does not stop the file from loading: the check reports it, the loader logs it. */
export interface FormatProblem {
  line: number
  message: string
}
