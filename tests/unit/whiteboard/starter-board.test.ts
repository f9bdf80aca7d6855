import { createTLSchema, PageRecordType, type TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { StarterBoard } from '../../../shared/bank.ts'
import { boardRecords, replaceUntouchedStarter, seedBoardDoc } from '../../../server/whiteboard/board-seed.ts'
import { isUntouchedStarter, starterBoardRecords } from '../../../server/whiteboard/starter-board.ts'

const PAGE = PageRecordType.createId('page')
const board: StarterBoard = {
  boxes: [
    { id: 'clients', label: 'Web and mobile clients', col: 0, row: 0 },
    { id: 'api', label: 'API servers', col: 1, row: 0 },
    { id: 'db', label: 'Link store', col: 0, row: 1 },
  ],
  arrows: [
    { from: 'clients', to: 'api', label: 'HTTPS' },
    { from: 'api', to: 'db', label: '' },
  ],
  notes: ['Start here: what happens when a short link is opened?'],
}
const other: StarterBoard = { boxes: [{ id: 'phone', label: "Alice's phone", col: 0, row: 0 }], arrows: [], notes: [] }

const textOf = (record: TLRecord) => JSON.stringify((record as { props: { richText?: unknown } }).props.richText)
const shapes = (doc: Y.Doc) => [...boardRecords(doc).map.values()].map((entry) => entry.val).filter((record) => record.typeName === 'shape')

describe('starter board records', () => {
  it('are valid tldraw records: labelled rectangles on the grid, arrows bound to both boxes, a note below', () => {
    const records = starterBoardRecords(board, PAGE)
    const schema = createTLSchema()
    for (const record of records) expect(() => schema.types[record.typeName].validate(record)).not.toThrow()
    const boxes = records.filter((record) => record.typeName === 'shape' && record.type === 'geo')
    expect(boxes.map((box) => [box.id, box.typeName === 'shape' && [box.x, box.y]])).toEqual([
      ['shape:starter-box-clients', [0, 0]],
      ['shape:starter-box-api', [320, 0]],
      ['shape:starter-box-db', [0, 220]],
    ])
    expect(textOf(boxes[0]!)).toContain('Web and mobile clients')
    const bindings = records.filter((record) => record.typeName === 'binding')
    expect(bindings.map((binding) => binding.typeName === 'binding' && [binding.fromId, binding.toId, binding.props.terminal])).toEqual([
      ['shape:starter-arrow-1', 'shape:starter-box-clients', 'start'],
      ['shape:starter-arrow-1', 'shape:starter-box-api', 'end'],
      ['shape:starter-arrow-2', 'shape:starter-box-api', 'start'],
      ['shape:starter-arrow-2', 'shape:starter-box-db', 'end'],
    ])
    const note = records.find((record) => record.typeName === 'shape' && record.type === 'note')
    expect(note && note.typeName === 'shape' && note.y).toBeGreaterThan(220 + 110)
    const indexes = records.flatMap((record) => (record.typeName === 'shape' ? [record.index] : []))
    expect([...indexes].sort()).toEqual(indexes)
  })

  it('are the same records every time for the same board', () => {
    expect(starterBoardRecords(board, PAGE)).toEqual(starterBoardRecords(board, PAGE))
  })
})

describe('recognising an untouched starter', () => {
  const records = () => starterBoardRecords(board, PAGE)

  it('accepts the starter as seeded, and the layout adjustments the editor makes on its own', () => {
    expect(isUntouchedStarter(records(), board, PAGE)).toBe(true)
    const grown = records().map((record) =>
      record.typeName === 'shape' && record.type === 'geo' ? { ...record, props: { ...record.props, growY: 24 } } : record,
    )
    expect(isUntouchedStarter(grown, board, PAGE)).toBe(true)
    expect(isUntouchedStarter([], null, PAGE)).toBe(true)
  })

  it('refuses a moved box, an edited label, a deleted arrow or an extra shape', () => {
    const moved = records().map((record) => (record.id === 'shape:starter-box-api' && record.typeName === 'shape' ? { ...record, x: 500 } : record))
    expect(isUntouchedStarter(moved, board, PAGE)).toBe(false)
    const relabelled = starterBoardRecords({ ...board, boxes: board.boxes.map((box) => (box.id === 'db' ? { ...box, label: 'Postgres' } : box)) }, PAGE)
    expect(isUntouchedStarter(relabelled, board, PAGE)).toBe(false)
    expect(
      isUntouchedStarter(
        records().filter((record) => record.id !== 'shape:starter-arrow-2'),
        board,
        PAGE,
      ),
    ).toBe(false)
    const extra = [...records(), { ...records()[0]!, id: 'shape:drawn-by-candidate' } as TLRecord]
    expect(isUntouchedStarter(extra, board, PAGE)).toBe(false)
    expect(isUntouchedStarter(records(), null, PAGE)).toBe(false)
  })
})

describe('seeding and swapping the starter in a board document', () => {
  it('seeds the starter with the document and page, and swaps an untouched one for the next question', () => {
    const doc = new Y.Doc()
    seedBoardDoc(doc, board)
    expect(shapes(doc)).toHaveLength(3 + 2 + 1)
    expect(replaceUntouchedStarter(doc, board, other)).toBe(true)
    expect(shapes(doc).map((shape) => shape.id)).toEqual(['shape:starter-box-phone'])
    expect([...boardRecords(doc).map.values()].filter((entry) => entry.val.typeName === 'binding')).toEqual([])
    expect(boardRecords(doc).get('page:page')).toBeDefined()
    doc.destroy()
  })

  it('leaves a board someone drew on exactly as it was', () => {
    const doc = new Y.Doc()
    seedBoardDoc(doc, board)
    const records = boardRecords(doc)
    const box = records.get('shape:starter-box-api')!
    records.set(box.id, { ...box, x: 999 } as TLRecord)
    const before = Y.encodeStateAsUpdate(doc)
    expect(replaceUntouchedStarter(doc, board, other)).toBe(false)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
    doc.destroy()
  })
})
