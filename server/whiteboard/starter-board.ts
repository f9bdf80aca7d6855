import { createTLSchema, toRichText, type TLBinding, type TLPageId, type TLRecord, type TLShape } from '@tldraw/tlschema'
import type { StarterBoard } from '../../shared/bank.ts'

/**
 * A question's starter board as tldraw records: each box a labelled rectangle on a grid, each
 * arrow bound to its two boxes (so it follows them when they move), each note a sticky note under
 * the boxes. Ids are derived from the board, so the same starter always gives the same records:
 * that is how the lobby recognises a board nobody has touched yet.
 */

const schema = createTLSchema()

const BOX_W = 220
const BOX_H = 110
const COL_STEP = 320
const ROW_STEP = 220
const NOTE_STEP = 240
const NOTE_GAP = 60
/** tldraw's fractional-index digits, in order. */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

export const boxShapeId = (boxId: string) => `shape:starter-box-${boxId}` as TLShape['id']
const arrowShapeId = (index: number) => `shape:starter-arrow-${index + 1}` as TLShape['id']
const noteShapeId = (index: number) => `shape:starter-note-${index + 1}` as TLShape['id']
const bindingId = (index: number, terminal: 'start' | 'end') => `binding:starter-arrow-${index + 1}-${terminal}` as TLBinding['id']

/** Valid fractional indexes in increasing order: a0…az, then b00…: a starter has at most ~70 shapes. */
function indexKey(position: number): string {
  if (position < DIGITS.length) return `a${DIGITS[position]}`
  const rest = position - DIGITS.length
  return `b${DIGITS[Math.floor(rest / DIGITS.length)]}${DIGITS[rest % DIGITS.length]}`
}

const boxOrigin = (box: { col: number; row: number }) => ({ x: box.col * COL_STEP, y: box.row * ROW_STEP })

/** The starter's records, each checked against tldraw's schema: a bad one throws here, never on a client. */
export function starterBoardRecords(board: StarterBoard, pageId: TLPageId): TLRecord[] {
  let position = 0
  const base = () => ({ parentId: pageId, index: indexKey(position++) as TLShape['index'], rotation: 0, isLocked: false, opacity: 1, meta: {} })
  const boxes = board.boxes.map((box) =>
    schema.types.shape.create({
      ...base(),
      id: boxShapeId(box.id),
      type: 'geo',
      ...boxOrigin(box),
      props: { ...geoDefaults, w: BOX_W, h: BOX_H, richText: toRichText(box.label) },
    }),
  )
  const arrows: TLRecord[] = board.arrows.flatMap((arrow, index) => {
    const from = board.boxes.find((box) => box.id === arrow.from)
    const to = board.boxes.find((box) => box.id === arrow.to)
    if (!from || !to) return [] // the parser refuses these; a stored board from elsewhere is skipped, not drawn wrong
    const start = { x: boxOrigin(from).x + BOX_W / 2, y: boxOrigin(from).y + BOX_H / 2 }
    const end = { x: boxOrigin(to).x + BOX_W / 2 - start.x, y: boxOrigin(to).y + BOX_H / 2 - start.y }
    const shape = schema.types.shape.create({
      ...base(),
      id: arrowShapeId(index),
      type: 'arrow',
      ...start,
      props: { ...arrowDefaults, start: { x: 0, y: 0 }, end, richText: toRichText(arrow.label) },
    })
    const bind = (terminal: 'start' | 'end', boxId: string) =>
      schema.types.binding.create({
        id: bindingId(index, terminal),
        type: 'arrow',
        fromId: shape.id,
        toId: boxShapeId(boxId),
        meta: {},
        props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
      })
    return [shape, bind('start', arrow.from), bind('end', arrow.to)]
  })
  const rows = Math.max(0, ...board.boxes.map((box) => box.row)) + 1
  const notes = board.notes.map((text, index) =>
    schema.types.shape.create({
      ...base(),
      id: noteShapeId(index),
      type: 'note',
      x: index * NOTE_STEP,
      y: rows * ROW_STEP + NOTE_GAP,
      props: { ...noteDefaults, richText: toRichText(text) },
    }),
  )
  const records = [...boxes, ...arrows, ...notes]
  for (const record of records) schema.types[record.typeName].validate(record)
  return records
}

const geoDefaults = {
  geo: 'rectangle',
  dash: 'solid',
  growY: 0,
  url: '',
  scale: 1,
  flipX: false,
  flipY: false,
  color: 'black',
  labelColor: 'black',
  fill: 'semi',
  size: 'm',
  font: 'sans',
  align: 'middle',
  verticalAlign: 'middle',
} as const

const arrowDefaults = {
  kind: 'arc',
  elbowMidPoint: 0.5,
  dash: 'solid',
  size: 'm',
  fill: 'none',
  color: 'black',
  labelColor: 'black',
  bend: 0,
  arrowheadStart: 'none',
  arrowheadEnd: 'arrow',
  labelPosition: 0.5,
  font: 'sans',
  scale: 1,
} as const

const noteDefaults = {
  color: 'yellow',
  size: 'm',
  font: 'sans',
  align: 'middle',
  verticalAlign: 'middle',
  labelColor: 'black',
  growY: 0,
  fontSizeAdjustment: 1,
  url: '',
  scale: 1,
  textLastEditedBy: null,
} as const

/**
 * Whether the board's shapes and bindings are exactly a starter as it was seeded (or nothing at
 * all, for a room that had no starter): same ids, same places, same words. Sizes the editor
 * adjusts on its own when it lays text out (a label's growY, a note's font fit) and an arrow's
 * computed end points do not count as touching it.
 */
export function isUntouchedStarter(current: readonly TLRecord[], starter: StarterBoard | null, pageId: TLPageId): boolean {
  const drawn = current.filter((record) => record.typeName === 'shape' || record.typeName === 'binding' || record.typeName === 'asset')
  const expected = starter ? starterBoardRecords(starter, pageId) : []
  if (drawn.length !== expected.length) return false
  const byId = new Map<string, TLRecord>(drawn.map((record) => [record.id, record]))
  return expected.every((record) => {
    const found = byId.get(record.id)
    return found !== undefined && fingerprint(found) === fingerprint(record)
  })
}

function fingerprint(record: TLRecord): string {
  if (record.typeName === 'binding') return JSON.stringify([record.type, record.fromId, record.toId, (record.props as { terminal?: string }).terminal])
  if (record.typeName !== 'shape') return JSON.stringify(record)
  const props = record.props as { richText?: unknown; w?: number; h?: number }
  const placed = record.type === 'arrow' ? [] : [Math.round(record.x), Math.round(record.y), props.w, props.h]
  return JSON.stringify([record.type, record.parentId, ...placed, props.richText])
}
