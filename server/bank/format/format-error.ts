/** A bank file that breaks the format; the message names what is wrong in words a question author can act on. */
export class FormatError extends Error {}

export function requireFormat(condition: unknown, message: string): asserts condition {
  if (!condition) throw new FormatError(message)
}
