import * as decoding from 'lib0/decoding'

/**
 * A reader of Yjs v1 updates that decodes what the board guard needs — each struct's id, where it
 * is inserted, and the values of ContentAny items — without applying anything to a doc.
 *
 * Why not `Y.decodeUpdate`: it decodes every string through a fatal TextDecoder, ~0.5 µs a call
 * in Node, and a tldraw shape has ~40 strings; decoding a drag update that way cost as much as
 * applying it (~22 µs, tests/bench/board-guard-bench.ts). Here ASCII strings, nearly all of a
 * board, are built from their bytes directly; anything else goes through the same fatal
 * TextDecoder Yjs uses, so both read the same values and reject the same bytes.
 *
 * Content kinds the board never writes (text, embeds, formats, nested types, subdocs, binary, the
 * legacy JSON content) are reported by kind and not decoded further: the guard refuses them.
 */

/** `client:clock` of a struct, as Yjs encodes origins. */
export interface StructId {
  client: number
  clock: number
}

export type UpdateContent =
  | { kind: 'any'; values: unknown[] }
  | { kind: 'deleted' }
  /** A content kind the board never writes; the name is for the log line. */
  | { kind: 'other'; name: string }

export interface UpdateItem {
  type: 'item'
  client: number
  clock: number
  length: number
  origin: StructId | null
  rightOrigin: StructId | null
  /** Set only when the item has neither origin: a root type's name, or the id of a nested type. */
  parent: string | StructId | null
  parentSub: string | null
  content: UpdateContent
}

/** A GC or Skip struct: a clock range without content (Skip = a range this update does not carry). */
export interface UpdateGap {
  type: 'gc' | 'skip'
  client: number
  clock: number
  length: number
}

export type UpdateStruct = UpdateItem | UpdateGap

export interface DeleteRange {
  client: number
  clock: number
  length: number
}

export interface DecodedUpdate {
  /** Structs grouped by client, each group in clock order as encoded. */
  clients: { client: number; structs: UpdateStruct[] }[]
  deletes: DeleteRange[]
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const CONTENT_NAMES = ['gc', 'deleted', 'json', 'binary', 'string', 'embed', 'format', 'type', 'any', 'doc']
const CONTENT_DELETED = 1
const CONTENT_ANY = 8
const INFO_SKIP = 10
const BIT_ORIGIN = 0b1000_0000
const BIT_RIGHT_ORIGIN = 0b0100_0000
const BIT_PARENT_SUB = 0b0010_0000
const CONTENT_BITS = 0b0001_1111

/** Decodes a v1 update; throws on malformed bytes (which Yjs would refuse too). */
export function readUpdate(update: Uint8Array): DecodedUpdate {
  const decoder = decoding.createDecoder(update)
  const clients: DecodedUpdate['clients'] = []
  const clientCount = decoding.readVarUint(decoder)
  for (let i = 0; i < clientCount; i++) {
    const structCount = decoding.readVarUint(decoder)
    const client = decoding.readVarUint(decoder)
    let clock = decoding.readVarUint(decoder)
    const structs: UpdateStruct[] = []
    for (let j = 0; j < structCount; j++) {
      const struct = readStruct(decoder, client, clock)
      structs.push(struct)
      clock += struct.length
      // An item of another content kind is refused whatever follows; its bytes are not read.
      if (struct.type === 'item' && struct.content.kind === 'other') return { clients: [...clients, { client, structs }], deletes: [] }
    }
    clients.push({ client, structs })
  }
  return { clients, deletes: readDeleteSet(decoder) }
}

function readStruct(decoder: decoding.Decoder, client: number, clock: number): UpdateStruct {
  const info = decoding.readUint8(decoder)
  if (info === INFO_SKIP) return { type: 'skip', client, clock, length: decoding.readVarUint(decoder) }
  const contentRef = info & CONTENT_BITS
  if (contentRef === 0) return { type: 'gc', client, clock, length: decoding.readVarUint(decoder) }
  const origin = (info & BIT_ORIGIN) !== 0 ? readId(decoder) : null
  const rightOrigin = (info & BIT_RIGHT_ORIGIN) !== 0 ? readId(decoder) : null
  const hasParentInfo = origin === null && rightOrigin === null
  const parent = hasParentInfo ? (decoding.readVarUint(decoder) === 1 ? readString(decoder) : readId(decoder)) : null
  const parentSub = hasParentInfo && (info & BIT_PARENT_SUB) !== 0 ? readString(decoder) : null
  let content: UpdateContent
  let length = 1
  if (contentRef === CONTENT_ANY) {
    const count = decoding.readVarUint(decoder)
    const values: unknown[] = []
    for (let i = 0; i < count; i++) values.push(readAny(decoder))
    content = { kind: 'any', values }
    length = count
  } else if (contentRef === CONTENT_DELETED) {
    length = decoding.readVarUint(decoder)
    content = { kind: 'deleted' }
  } else {
    content = { kind: 'other', name: CONTENT_NAMES[contentRef] ?? `unknown ${contentRef}` }
  }
  if (length < 1) throw new Error('empty struct')
  return { type: 'item', client, clock, length, origin, rightOrigin, parent, parentSub, content }
}

function readId(decoder: decoding.Decoder): StructId {
  return { client: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder) }
}

function readDeleteSet(decoder: decoding.Decoder): DeleteRange[] {
  const deletes: DeleteRange[] = []
  const clientCount = decoding.readVarUint(decoder)
  for (let i = 0; i < clientCount; i++) {
    const client = decoding.readVarUint(decoder)
    const rangeCount = decoding.readVarUint(decoder)
    for (let j = 0; j < rangeCount; j++) {
      deletes.push({ client, clock: decoding.readVarUint(decoder), length: decoding.readVarUint(decoder) })
    }
  }
  return deletes
}

function readString(decoder: decoding.Decoder): string {
  const length = decoding.readVarUint(decoder)
  const start = decoder.pos
  const end = start + length
  const bytes = decoder.arr
  if (end > bytes.length) throw new Error('string runs past the end of the update')
  decoder.pos = end
  let text = ''
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!
    if (byte >= 0x80) return fatalUtf8.decode(bytes.subarray(start, end))
    text += String.fromCharCode(byte)
  }
  return text
}

/** lib0's `readAny`, value for value (object keys assigned the same way), with the fast strings above. */
function readAny(decoder: decoding.Decoder): unknown {
  const type = decoding.readUint8(decoder)
  switch (type) {
    case 127:
      return undefined
    case 126:
      return null
    case 125:
      return decoding.readVarInt(decoder)
    case 124:
      return decoding.readFloat32(decoder)
    case 123:
      return decoding.readFloat64(decoder)
    case 122:
      return decoding.readBigInt64(decoder)
    case 121:
      return false
    case 120:
      return true
    case 119:
      return readString(decoder)
    case 118: {
      const count = decoding.readVarUint(decoder)
      const object: Record<string, unknown> = {}
      for (let i = 0; i < count; i++) {
        const key = readString(decoder)
        object[key] = readAny(decoder)
      }
      return object
    }
    case 117: {
      const count = decoding.readVarUint(decoder)
      const array: unknown[] = []
      for (let i = 0; i < count; i++) array.push(readAny(decoder))
      return array
    }
    case 116:
      return decoding.readVarUint8Array(decoder)
    default:
      throw new Error(`unknown value type ${type}`)
  }
}
