import { createTLSchema, DocumentRecordType, PageRecordType, TLDOCUMENT_ID, type TLRecord } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import type { StarterBoard } from '../../shared/bank.ts'
import { BOARD_META_KEY, BOARD_RECORDS_KEY } from '../../shared/board.ts'
import { isUntouchedStarter, starterBoardRecords } from './starter-board.ts'

const schema = createTLSchema()
const BOARD_PAGE_ID = PageRecordType.createId('page')

export function boardRecords(doc: Y.Doc): YKeyValue<TLRecord> {
  return new YKeyValue<TLRecord>(doc.getArray(BOARD_RECORDS_KEY))
}

/**
 * Writes the records every tldraw document needs (the document and one page) and the schema
 * they follow, plus the question's starter board if it has one. The server does this once, when
 * the room is created, so that two clients joining an empty room at the same moment can never
 * both seed it and end up with two first pages; the starter is in the room's first keyframe.
 */
export function seedBoardDoc(doc: Y.Doc, starter: StarterBoard | null = null): void {
  doc.transact(() => {
    doc.getMap(BOARD_META_KEY).set('schema', schema.serialize())
    const records = boardRecords(doc)
    records.set(TLDOCUMENT_ID, DocumentRecordType.create({ id: TLDOCUMENT_ID }))
    const page = PageRecordType.create({ id: BOARD_PAGE_ID, name: 'Board', index: 'a1' as never })
    records.set(page.id, page)
    if (starter) for (const record of starterBoardRecords(starter, BOARD_PAGE_ID)) records.set(record.id, record)
  })
}

/**
 * The lobby's question changed: if the board still holds exactly the previous question's starter
 * (or nothing, when it had none), it is swapped for the new question's starter in one
 * transaction. A board someone drew on is left alone — nothing a user did is ever lost.
 */
export function replaceUntouchedStarter(doc: Y.Doc, previous: StarterBoard | null, next: StarterBoard | null): boolean {
  const records = boardRecords(doc)
  const current = [...records.map.values()].map((entry) => entry.val)
  if (!isUntouchedStarter(current, previous, BOARD_PAGE_ID)) return false
  doc.transact(() => {
    for (const record of current) if (record.typeName === 'shape' || record.typeName === 'binding') records.delete(record.id)
    if (next) for (const record of starterBoardRecords(next, BOARD_PAGE_ID)) records.set(record.id, record)
  })
  return true
}
