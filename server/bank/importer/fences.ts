/**
 * The fence that would close a fenced code block, when its source (as the parser delimited it)
 * lacks one: a truncated document ends inside the block. Copied into a bank file unclosed, it
 * would swallow every section after it. Null when the block is closed or not fenced.
 */
export function missingClosingFence(codeSource: string): string | null {
  const opening = /^ {0,3}(`{3,}|~{3,})/.exec(codeSource)
  if (!opening?.[1]) return null
  const fence = opening[1]
  const lines = codeSource.split('\n')
  const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`)
  return lines.length > 1 && closing.test(lines[lines.length - 1] ?? '') ? null : fence
}
