import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'

/**
 * The bank commands' command line: positionals plus `options`, or null after printing what was
 * not understood and the usage (the caller exits 2).
 */
export function readCommandLine<const O extends ParseArgsOptionsConfig>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options })
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`)
    return null
  }
}
