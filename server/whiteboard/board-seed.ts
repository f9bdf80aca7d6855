import {
  createTLSchema,
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  type TLRecord,
} from '@tldraw/tlschema'
import * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { BOARD_META_KEY, BOARD_RECORDS_KEY } from '../../shared/board.ts'

const schema = createTLSchema()

export function boardRecords(doc: Y.Doc): YKeyValue<TLRecord> {
  return new YKeyValue<TLRecord>(doc.getArray(BOARD_RECORDS_KEY))
}

/**
 * Writes the records every tldraw document needs (the document and one page) and the schema
 * they follow. The server does this once, when the room is created, so that two clients joining
 * an empty room at the same moment can never both seed it and end up with two first pages.
 */
export function seedBoardDoc(doc: Y.Doc): void {
  doc.transact(() => {
    doc.getMap(BOARD_META_KEY).set('schema', schema.serialize())
    const records = boardRecords(doc)
    records.set(TLDOCUMENT_ID, DocumentRecordType.create({ id: TLDOCUMENT_ID }))
    const page = PageRecordType.create({ id: PageRecordType.createId('page'), name: 'Board', index: 'a1' as never })
    records.set(page.id, page)
  })
}
