import { createTLSchema } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { BOARD_RECORD_TYPES, BOARD_RECORDS_KEY, BoardRefusal } from '../../shared/board.ts'
import { BoardIndex } from './board-index.ts'
import { readUpdate, type DecodedUpdate, type StructId, type UpdateItem } from './board-update-reader.ts'

/** The caps a room's board must stay within (server/config.ts). */
export interface BoardLimits {
  maxBoardBytes: number
  maxShapes: number
}

export type BoardVerdict = { ok: true } | { ok: false; reason: BoardRefusal; detail: string }

// The same schema the client's store validates with (createTLStore with the default shapes and bindings).
const schema = createTLSchema()
const recordTypes = schema.types as unknown as Record<string, { scope: string; validate(record: unknown, before?: unknown): unknown }>
const allowedTypes = new Set<string>(BOARD_RECORD_TYPES)
const REQUIRED_DOCUMENT = 'document:document'
const OK: BoardVerdict = { ok: true }

class Refused extends Error {
  readonly reason: BoardRefusal
  constructor(reason: BoardRefusal, detail: string) {
    super(detail)
    this.reason = reason
  }
}

function refuse(reason: BoardRefusal, detail: string): never {
  throw new Refused(reason, detail)
}

/**
 * Decides whether `author`'s (a participant id) update may be applied to the room's doc, before it touches it. Refused:
 * writes outside the `tl_records` array (clients never write `tl_meta` or another root); entries
 * that are not `{ key, val }` with `key === val.id`; records tldraw's schema rejects or that are
 * not board content (instance, camera, pointer, presence…); structs that build on structs the doc
 * does not have, which Yjs would park as pending forever; deletions of the document record or of
 * the last page; and growth past the board's caps.
 *
 * Cost: one decode of the update (not of the doc) and one validation per inserted record, checked
 * against the key's current record so that unchanged fields are skipped, as tldraw's store does.
 */
export function checkBoardUpdate(doc: Y.Doc, update: Uint8Array, limits: BoardLimits, author: string): BoardVerdict {
  let decoded: DecodedUpdate
  try {
    decoded = readUpdate(update)
  } catch (error) {
    return { ok: false, reason: BoardRefusal.MALFORMED_UPDATE, detail: error instanceof Error ? error.message : String(error) }
  }
  try {
    const index = BoardIndex.of(doc)
    const inserted = checkStructs(doc, index, decoded, author)
    const removed = checkDeletes(doc, index, decoded)
    checkBoardRules(index, inserted, removed, update.byteLength, limits)
    return OK
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason, detail: error.message }
    throw error
  }
}

/** Checks every struct the doc does not have yet; returns the keys of the records it inserts. */
function checkStructs(doc: Y.Doc, index: BoardIndex, decoded: DecodedUpdate, author: string): Map<string, string> {
  const inserted = new Map<string, string>()
  const carried = carriedRanges(decoded)
  for (const { client, structs } of decoded.clients) {
    const known = Y.getState(doc.store, client)
    const first = structs[0]
    if (first && first.clock > known) refuse(BoardRefusal.MISSING_DEPENDENCY, `client ${client} starts at clock ${first.clock}, the board has ${known}`)
    for (const struct of structs) {
      if (struct.type === 'skip') return refuse(BoardRefusal.MISSING_DEPENDENCY, `client ${client} skips clocks ${struct.clock}…`)
      if (struct.type !== 'item') return refuse(BoardRefusal.UNSUPPORTED_CONTENT, 'garbage-collected structs are never board edits')
      // Yjs ignores a struct the doc already has, whatever it holds.
      if (struct.clock + struct.length <= known) continue
      checkPlacement(doc, index, struct, carried)
      if (struct.content.kind === 'other') refuse(BoardRefusal.UNSUPPORTED_CONTENT, `${struct.content.kind} content (${struct.content.name})`)
      if (struct.content.kind === 'any') for (const value of struct.content.values) checkEntry(index, value, inserted, author)
    }
  }
  requireIntegrable(doc, decoded)
  return inserted
}

/** The clock range [from, to) each client's structs cover in this update. */
function carriedRanges(decoded: DecodedUpdate): Map<number, [number, number]> {
  const ranges = new Map<number, [number, number]>()
  for (const { client, structs } of decoded.clients) {
    const first = structs[0]
    const last = structs[structs.length - 1]
    if (first && last) ranges.set(client, [first.clock, last.clock + last.length])
  }
  return ranges
}

/**
 * Where the item goes must be the records array: a root named `tl_records` without a map key, or
 * next to structs that are in it (in the doc, or carried by this update and checked themselves).
 */
function checkPlacement(doc: Y.Doc, index: BoardIndex, item: UpdateItem, carried: Map<number, [number, number]>): void {
  if (item.origin === null && item.rightOrigin === null) {
    if (item.parent !== BOARD_RECORDS_KEY || item.parentSub !== null) refuse(BoardRefusal.FORBIDDEN_TARGET, `a write to ${describeParent(item)}`)
    return
  }
  for (const neighbour of [item.origin, item.rightOrigin]) {
    if (neighbour === null) continue
    if (neighbour.clock < Y.getState(doc.store, neighbour.client)) {
      const struct = Y.getItem(doc.store, Y.createID(neighbour.client, neighbour.clock)) as Y.Item | Y.GC
      if (!(struct instanceof Y.Item) || struct.parent !== index.records || struct.parentSub !== null) {
        refuse(BoardRefusal.FORBIDDEN_TARGET, 'a write next to content outside the board records')
      }
      continue
    }
    const range = carried.get(neighbour.client)
    if (!range || neighbour.clock < range[0] || neighbour.clock >= range[1]) {
      refuse(BoardRefusal.MISSING_DEPENDENCY, `builds on ${neighbour.client}:${neighbour.clock}, which the board does not have`)
    }
  }
}

function describeParent(item: UpdateItem): string {
  if (typeof item.parent === 'string') return item.parentSub === null ? `the root ${item.parent}` : `the key ${item.parentSub} of ${item.parent}`
  return 'a nested type'
}

/**
 * Whether Yjs can integrate every struct of the update now: each one once the structs it builds on
 * (its origins, and the one before it from its client) are there, as Yjs does. A forged update can
 * make two items each other's origin; Yjs would park both as pending structs forever, and every
 * later update of those clients behind them.
 */
function requireIntegrable(doc: Y.Doc, decoded: DecodedUpdate): void {
  const reached = new Map<number, number>()
  const next = decoded.clients.map(() => 0)
  const has = (id: StructId | null) => id === null || id.clock < (reached.get(id.client) ?? Y.getState(doc.store, id.client))
  let progress = true
  while (progress) {
    progress = false
    decoded.clients.forEach(({ client, structs }, i) => {
      for (; next[i]! < structs.length; next[i]!++) {
        const struct = structs[next[i]!]!
        if (struct.type === 'item' && !(has(struct.origin) && has(struct.rightOrigin))) return
        reached.set(client, struct.clock + struct.length)
        progress = true
      }
    })
  }
  if (decoded.clients.some(({ structs }, i) => next[i]! < structs.length)) {
    refuse(BoardRefusal.MISSING_DEPENDENCY, 'structs that build on structs the board does not have')
  }
}

/** One `{ key, val }` entry: the shape y-utility's YKeyValue writes, holding a valid board record. */
function checkEntry(index: BoardIndex, value: unknown, inserted: Map<string, string>, author: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse(BoardRefusal.INVALID_ENTRY, 'an entry that is not an object')
  const { key, val } = value as { key?: unknown; val?: unknown }
  if (Object.keys(value).length !== 2 || typeof key !== 'string' || typeof val !== 'object' || val === null) {
    refuse(BoardRefusal.INVALID_ENTRY, 'an entry that is not { key, val }')
  }
  const record = val as { id?: unknown; typeName?: unknown }
  if (record.id !== key) refuse(BoardRefusal.INVALID_ENTRY, `an entry whose key ${key} is not its record's id`)
  const typeName = String(record.typeName)
  const recordType = Object.hasOwn(recordTypes, typeName) ? recordTypes[typeName] : undefined
  if (!recordType) refuse(BoardRefusal.UNKNOWN_RECORD_TYPE, `a record of unknown type ${typeName.slice(0, 40)}`)
  if (!allowedTypes.has(typeName) || recordType.scope !== 'document')
    refuse(BoardRefusal.NOT_BOARD_RECORD, `a ${typeName} record, which belongs to one browser`)
  try {
    // Like tldraw's store: against the last good version, so unchanged fields are not checked again.
    recordType.validate(val, index.get(key))
  } catch (error) {
    refuse(BoardRefusal.INVALID_RECORD, `${key}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300))
  }
  // A browser's tldraw writes its own user record; nobody may rewrite someone else's.
  if (typeName === 'user' && !index.claimUser(key, author)) refuse(BoardRefusal.NOT_OWN_RECORD, `${key} was written by another participant`)
  inserted.set(key, typeName)
}

/** Checks the update's deletions; returns the keys whose current record they remove. */
function checkDeletes(doc: Y.Doc, index: BoardIndex, decoded: DecodedUpdate): Set<string> {
  const removed = new Set<string>()
  const carried = carriedRanges(decoded)
  for (const range of decoded.deletes) {
    const known = Y.getState(doc.store, range.client)
    const end = range.clock + range.length
    const carriedEnd = carried.get(range.client)?.[1] ?? 0
    if (end > Math.max(known, carriedEnd))
      refuse(BoardRefusal.MISSING_DEPENDENCY, `deletes ${range.client}:${range.clock}+${range.length}, which the board does not have`)
    if (range.clock >= known) continue
    const structs = doc.store.clients.get(range.client)!
    for (let i = Y.findIndexSS(structs, range.clock); i < structs.length; i++) {
      const struct = structs[i]!
      if (struct.id.clock >= end) break
      if (!(struct instanceof Y.Item) || struct.deleted) continue
      if (struct.parent !== index.records || struct.parentSub !== null) refuse(BoardRefusal.FORBIDDEN_TARGET, 'a deletion outside the board records')
      if (!(struct.content instanceof Y.ContentAny)) continue
      const values = struct.content.arr
      const from = Math.max(0, range.clock - struct.id.clock)
      const to = Math.min(values.length, end - struct.id.clock)
      for (let j = from; j < to; j++) {
        const value = values[j]
        if (index.isCurrent(value)) removed.add(value.key)
      }
    }
  }
  return removed
}

/** The board keeps its document record and a page, and stays within its caps. */
function checkBoardRules(index: BoardIndex, inserted: Map<string, string>, removed: Set<string>, bytes: number, limits: BoardLimits): void {
  if (removed.has(REQUIRED_DOCUMENT) && !inserted.has(REQUIRED_DOCUMENT)) refuse(BoardRefusal.REQUIRED_RECORD, 'deletes the document record')
  const pagesAfter = index.pageCount + netChange(index, inserted, removed, 'page')
  if (pagesAfter < 1) refuse(BoardRefusal.REQUIRED_RECORD, 'deletes the last page')
  const shapeChange = netChange(index, inserted, removed, 'shape')
  if (shapeChange > 0 && index.shapeCount + shapeChange > limits.maxShapes) {
    refuse(BoardRefusal.TOO_MANY_SHAPES, `${index.shapeCount + shapeChange} shapes, the cap is ${limits.maxShapes}`)
  }
  if (inserted.size > 0 && !index.fits(bytes, limits.maxBoardBytes)) refuse(BoardRefusal.BOARD_FULL, `the board would exceed ${limits.maxBoardBytes} bytes`)
}

/** How many records of this type the update adds (new keys) minus those it removes for good. */
function netChange(index: BoardIndex, inserted: Map<string, string>, removed: Set<string>, typeName: string): number {
  let change = 0
  for (const [key, type] of inserted) if (type === typeName && !index.has(key)) change++
  for (const key of removed) if (key.startsWith(`${typeName}:`) && !inserted.has(key)) change--
  return change
}
