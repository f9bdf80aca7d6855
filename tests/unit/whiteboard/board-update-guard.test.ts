import fc from 'fast-check'
import { createTLStore, defaultBindingUtils, defaultShapeUtils, PageRecordType, type IndexKey, type TLPageId, type TLShapeId, type TLStore } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { BOARD_RECORDS_KEY, BoardRefusal } from '../../../shared/board.ts'
import { seedBoardDoc } from '../../../server/whiteboard/board-seed.ts'
import { checkBoardUpdate, type BoardVerdict } from '../../../server/whiteboard/board-update-guard.ts'
import { bindStoreToDoc } from '../../../client/src/board/yjs-tldraw-binding.ts'

const limits = { maxBoardBytes: 16 * 1024 * 1024, maxShapes: 5000 }
const REMOTE = Symbol('remote')

/** One browser: a tldraw store bound to its Y.Doc by the client's own binding, and what it has yet to send and receive. */
interface Browser {
  store: TLStore
  doc: Y.Doc
  outbox: Uint8Array[]
  inbox: Uint8Array[]
  ownPages: TLPageId[]
  author: string
  stop: () => void
}

function openBrowser(server: Y.Doc, author: string): Browser {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server), REMOTE)
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
  const browser: Browser = { store, doc, outbox: [], inbox: [], ownPages: [], author, stop: () => undefined }
  // Like y-websocket: everything but what the provider applied goes to the server.
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) browser.outbox.push(update)
  })
  browser.stop = bindStoreToDoc(store, doc)
  return browser
}

/** Store listeners fire a frame late; in Node, flush now so each edit reaches the doc in order. */
function flush(store: TLStore): void {
  ;(store as unknown as { _flushHistory(): void })._flushHistory()
}

const geoValues = ['rectangle', 'ellipse', 'triangle', 'diamond', 'star', 'cloud'] as const
const colorValues = ['black', 'blue', 'green', 'red', 'violet', 'orange'] as const

const shapeProps = fc.record({
  x: fc.double({ min: -5000, max: 5000, noNaN: true }),
  y: fc.double({ min: -5000, max: 5000, noNaN: true }),
  w: fc.double({ min: 1, max: 2000, noNaN: true }),
  h: fc.double({ min: 1, max: 2000, noNaN: true }),
  geo: fc.constantFrom(...geoValues),
  color: fc.constantFrom(...colorValues),
  text: fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }),
})

const action = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), who: fc.nat(1), props: shapeProps }),
  fc.record({ kind: fc.constant('move' as const), who: fc.nat(1), pick: fc.nat(), dx: fc.integer({ min: -300, max: 300 }) }),
  fc.record({ kind: fc.constant('delete' as const), who: fc.nat(1), pick: fc.nat() }),
  fc.record({ kind: fc.constant('page' as const), who: fc.nat(1), name: fc.string({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant('deletePage' as const), who: fc.nat(1) }),
  fc.record({ kind: fc.constant('send' as const), who: fc.nat(1), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('receive' as const), who: fc.nat(1), count: fc.integer({ min: 1, max: 4 }) }),
)
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never

let created = 0

function edit(browser: Browser, step: Action): void {
  const { store } = browser
  const shapes = store.allRecords().filter((record) => record.typeName === 'shape')
  const picked = 'pick' in step && shapes.length > 0 ? shapes[step.pick % shapes.length]! : undefined
  if (step.kind === 'create') {
    const { x, y, w, h, geo, color, text } = step.props
    const id = `shape:s${created++}` as TLShapeId
    store.put([
      {
        id,
        typeName: 'shape',
        type: 'geo',
        x,
        y,
        rotation: 0,
        index: 'a1' as IndexKey,
        parentId: 'page:page' as TLPageId,
        isLocked: false,
        opacity: 1,
        meta: {},
        props: {
          geo,
          dash: 'draw',
          url: '',
          w,
          h,
          growY: 0,
          scale: 1,
          flipX: false,
          flipY: false,
          labelColor: 'black',
          color,
          fill: 'none',
          size: 'm',
          font: 'draw',
          align: 'middle',
          verticalAlign: 'middle',
          richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
        },
      } as never,
    ])
  } else if (step.kind === 'move' && picked) {
    store.update(picked.id, (record) => ({ ...record, x: (record as { x: number }).x + step.dx }) as never)
  } else if (step.kind === 'delete' && picked) {
    store.remove([picked.id])
  } else if (step.kind === 'page') {
    const page = PageRecordType.create({ name: step.name, index: `a${2 + browser.ownPages.length}` as IndexKey })
    browser.ownPages.push(page.id)
    store.put([page])
  } else if (step.kind === 'deletePage') {
    // Only pages this browser added: two browsers deleting different pages at once could leave none, which is refused by design.
    const page = browser.ownPages.pop()
    if (page && store.has(page)) store.remove([page])
  }
  flush(store)
}

/** Delivers a browser's next updates to the server through the guard, and relays each accepted one. */
function send(server: Y.Doc, from: Browser, others: Browser[], count: number, verdicts: BoardVerdict[]): void {
  for (const update of from.outbox.splice(0, count)) {
    const verdict = checkBoardUpdate(server, update, limits, from.author)
    verdicts.push(verdict)
    if (!verdict.ok) continue
    Y.applyUpdate(server, update, from)
    for (const other of others) other.inbox.push(update)
  }
}

function receive(browser: Browser, count: number): void {
  for (const update of browser.inbox.splice(0, count)) Y.applyUpdate(browser.doc, update, REMOTE)
  flush(browser.store)
}

function recordsOf(doc: Y.Doc): Record<string, unknown> {
  return Object.fromEntries(new YKeyValue<unknown>(doc.getArray(BOARD_RECORDS_KEY)).map)
}

describe('the board update guard', () => {
  it('accepts every update of random valid tldraw edits by two browsers, whatever order they arrive in', () => {
    let checked = 0
    fc.assert(
      fc.property(fc.array(action, { minLength: 5, maxLength: 40 }), (steps) => {
        const server = new Y.Doc()
        seedBoardDoc(server)
        const browsers = [openBrowser(server, 'participant-a'), openBrowser(server, 'participant-b')]
        const verdicts: BoardVerdict[] = []
        try {
          for (const step of steps) {
            const browser = browsers[step.who]!
            const others = browsers.filter((other) => other !== browser)
            if (step.kind === 'send') send(server, browser, others, step.count, verdicts)
            else if (step.kind === 'receive') receive(browser, step.count)
            else edit(browser, step)
          }
          // Drain: receiving may make a browser clean up duplicates, which it then sends.
          while (browsers.some((browser) => browser.outbox.length > 0 || browser.inbox.length > 0)) {
            for (const browser of browsers) {
              send(
                server,
                browser,
                browsers.filter((other) => other !== browser),
                browser.outbox.length,
                verdicts,
              )
              receive(browser, browser.inbox.length)
            }
          }
          checked += verdicts.length
          expect(verdicts.filter((verdict) => !verdict.ok)).toEqual([])
          const serverRecords = recordsOf(server)
          for (const browser of browsers) expect(recordsOf(browser.doc)).toEqual(serverRecords)
        } finally {
          for (const browser of browsers) {
            browser.stop()
            browser.doc.destroy()
          }
          server.destroy()
        }
      }),
      { numRuns: 60 },
    )
    // The property checked real traffic, not empty runs.
    expect(checked).toBeGreaterThan(120)
  })

  it('refuses a record the same schema rejects, an entry whose key is not its id, an update with a clock gap, and someone else’s user record', () => {
    const server = new Y.Doc()
    seedBoardDoc(server)
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
    const updateOf = (edit: (records: YKeyValue<unknown>) => void) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server))
      const updates: Uint8Array[] = []
      doc.on('update', (update: Uint8Array) => updates.push(update))
      edit(new YKeyValue<unknown>(doc.getArray(BOARD_RECORDS_KEY)))
      return updates
    }
    const page = PageRecordType.create({ name: 'x', index: 'a2' as IndexKey })
    const [wrongKey] = updateOf((records) => records.set('page:other', page))
    const [badName] = updateOf((records) => records.set(page.id, { ...page, name: 42 }))
    const [, second] = updateOf((records) => {
      records.set(page.id, page)
      records.set('page:another', { ...page, id: 'page:another' })
    })
    expect(checkBoardUpdate(server, wrongKey!, limits, 'participant')).toMatchObject({ ok: false, reason: BoardRefusal.INVALID_ENTRY })
    expect(checkBoardUpdate(server, badName!, limits, 'participant')).toMatchObject({ ok: false, reason: BoardRefusal.INVALID_RECORD })
    expect(checkBoardUpdate(server, second!, limits, 'participant')).toMatchObject({ ok: false, reason: BoardRefusal.MISSING_DEPENDENCY })

    // tldraw writes a user record per browser; another participant may not rewrite it.
    const user = { id: 'user:ada', typeName: 'user', name: 'Ada', color: '#ff0000', imageUrl: '', meta: {} }
    const [ada] = updateOf((records) => records.set(user.id, user))
    expect(checkBoardUpdate(server, ada!, limits, 'participant-ada')).toEqual({ ok: true })
    Y.applyUpdate(server, ada!)
    const [forged] = updateOf((records) => records.set(user.id, { ...user, name: 'Mallory' }))
    expect(checkBoardUpdate(server, forged!, limits, 'participant-mallory')).toMatchObject({ ok: false, reason: BoardRefusal.NOT_OWN_RECORD })
    expect(checkBoardUpdate(server, forged!, limits, 'participant-ada')).toEqual({ ok: true })
  })
})
