import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Logger, Plugin } from 'vite'

/**
 * Reports, at every production build, the gzip size of what the home page loads and of what the
 * room page loads (issue 3: ≤ 150 kB and ≤ 700 kB). The home page must ship none of tldraw, so a
 * regression (a static import of the board from the home route) shows up here as a jump.
 *
 * "Loads" follows the chunk graph, not a browser: the page's HTML, the entry chunk and everything
 * it imports statically, plus their CSS; the room page adds the lazy room-route chunk and its own
 * static imports and CSS. Fonts, icons and translations that tldraw fetches at run time (through
 * asset URLs) are not part of the graph and are not counted. kB here = 1000 bytes, as Vite prints.
 */

export interface BundleSizeReportOptions {
  /** Name of the chunk the room route's `import()` creates (from client/src/room/room-route.tsx). */
  roomChunkName?: string
  homeTargetBytes?: number
  roomTargetBytes?: number
  /** Written into the build's output folder. */
  fileName?: string
}

interface PageSize {
  files: { file: string; rawBytes: number; gzipBytes: number }[]
  rawBytes: number
  gzipBytes: number
  targetBytes: number
  pass: boolean
}

// Just the fields this plugin reads, so it does not depend on the bundler's full output types.
interface GraphChunk {
  type: 'chunk'
  fileName: string
  name: string
  isEntry: boolean
  isDynamicEntry: boolean
  facadeModuleId: string | null
  imports: string[]
  code: string
  viteMetadata?: { importedCss: Set<string> }
}
interface GraphAsset {
  type: 'asset'
  fileName: string
  source: string | Uint8Array
}
type GraphItem = GraphChunk | GraphAsset

export function bundleSizeReport(options: BundleSizeReportOptions = {}): Plugin {
  const roomChunkName = options.roomChunkName ?? 'room-route'
  const homeTarget = options.homeTargetBytes ?? 150_000
  const roomTarget = options.roomTargetBytes ?? 700_000
  const fileName = options.fileName ?? 'bundle-sizes.json'
  let logger: Logger | undefined

  return {
    name: 'mockboard:bundle-size-report',
    apply: 'build',
    configResolved(config) {
      logger = config.logger
    },
    writeBundle(outputOptions, bundle) {
      const items = bundle as unknown as Record<string, GraphItem>
      const chunks = Object.values(items).filter((item): item is GraphChunk => item.type === 'chunk')
      const entry = chunks.find((chunk) => chunk.isEntry)
      if (!entry) {
        logger?.warn('bundle-size-report: no entry chunk in this build, nothing to report')
        return
      }
      const html = Object.keys(items).filter((file) => file.endsWith('.html'))
      const homeFiles = new Set([...html, ...staticClosure(items, entry)])
      const room = chunks.find((chunk) => chunk.isDynamicEntry && (chunk.name === roomChunkName || chunk.facadeModuleId?.endsWith(`/${roomChunkName}.tsx`)))
      const roomFiles = new Set(homeFiles)
      if (room) for (const file of staticClosure(items, room)) roomFiles.add(file)
      else logger?.warn(`bundle-size-report: no lazy "${roomChunkName}" chunk found; the room page is reported as the home page`)

      const gzipCache = new Map<string, { rawBytes: number; gzipBytes: number }>()
      const measure = (files: Set<string>, targetBytes: number): PageSize => {
        const sized = [...files].sort().map((file) => {
          let size = gzipCache.get(file)
          if (!size) {
            const bytes = contentOf(items[file]!)
            // zlib's default level (6), as compression middleware sends it and as Vite's own size report uses.
            size = { rawBytes: bytes.byteLength, gzipBytes: gzipSync(bytes).byteLength }
            gzipCache.set(file, size)
          }
          return { file, ...size }
        })
        const gzipBytes = sized.reduce((sum, file) => sum + file.gzipBytes, 0)
        return { files: sized, rawBytes: sized.reduce((sum, file) => sum + file.rawBytes, 0), gzipBytes, targetBytes, pass: gzipBytes <= targetBytes }
      }
      const pages = { home: measure(homeFiles, homeTarget), room: measure(roomFiles, roomTarget) }

      const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`
      for (const [page, size] of Object.entries(pages)) {
        const line = `${page} page loads ${kB(size.gzipBytes)} gzip (${kB(size.rawBytes)} raw, ${size.files.length} files); target ≤ ${kB(size.targetBytes)}: ${size.pass ? 'OK' : 'OVER'}`
        if (size.pass) logger?.info(line)
        else logger?.warn(line)
      }
      const outDir = outputOptions.dir ?? path.dirname(outputOptions.file ?? '.')
      fs.writeFileSync(path.join(outDir, fileName), `${JSON.stringify({ generatedAt: new Date().toISOString(), pages }, null, 2)}\n`)
    },
  }
}

/** The chunk, every chunk it imports statically (transitively), and the CSS any of them imports. */
function staticClosure(items: Record<string, GraphItem>, start: GraphChunk): Set<string> {
  const files = new Set<string>()
  const visit = (fileName: string) => {
    if (files.has(fileName)) return
    const item = items[fileName]
    if (!item) return
    files.add(fileName)
    if (item.type !== 'chunk') return
    for (const css of item.viteMetadata?.importedCss ?? []) files.add(css)
    for (const imported of item.imports) visit(imported)
  }
  visit(start.fileName)
  return files
}

function contentOf(item: GraphItem): Uint8Array {
  if (item.type === 'chunk') return Buffer.from(item.code)
  return typeof item.source === 'string' ? Buffer.from(item.source) : item.source
}
