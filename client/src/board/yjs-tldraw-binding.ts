import { InstancePresenceRecordType, loadSnapshot, type TLInstancePresence, type TLRecord, type TLStore } from 'tldraw'
import type { SerializedSchema } from 'tldraw'
import { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { BOARD_META_KEY, BOARD_RECORDS_KEY } from '../../../shared/board.ts'

/**
 * Two-way binding between a tldraw store and the room's Y.Doc. Records live in a YKeyValue (not a
 * Y.Map, which keeps every overwritten value: 91 KB against 3 KB for one drag). The server seeded
 * the doc; this side only loads it, never seeds, so simultaneous first joins cannot fork the board.
 */
export function bindStoreToDoc(store: TLStore, doc: Y.Doc): () => void {
  const records = new YKeyValue<TLRecord>(doc.getArray(BOARD_RECORDS_KEY))
  const schema = doc.getMap(BOARD_META_KEY).get('schema') as SerializedSchema | undefined

  // loadSnapshot migrates records written by an older tldraw to this client's schema.
  store.mergeRemoteChanges(() => {
    const snapshot = Object.fromEntries(records.yarray.toArray().map(({ key, val }) => [key, val]))
    if (schema) loadSnapshot(store, { store: snapshot, schema })
    else store.put(Object.values(snapshot))
  })

  const stopLocal = store.listen(
    ({ changes }) => {
      doc.transact(() => {
        for (const record of Object.values(changes.added)) records.set(record.id, record)
        for (const [, record] of Object.values(changes.updated)) records.set(record.id, record)
        for (const record of Object.values(changes.removed)) records.delete(record.id)
      })
    },
    { source: 'user', scope: 'document' },
  )

  const handleRemote = (changes: Map<string, { action: 'add' | 'update' | 'delete' }>, transaction: Y.Transaction) => {
    if (transaction.local) return
    const toPut: TLRecord[] = []
    const toRemove: TLRecord['id'][] = []
    changes.forEach((change, id) => {
      if (change.action === 'delete') toRemove.push(id as TLRecord['id'])
      else {
        const record = records.get(id)
        if (record) toPut.push(record)
      }
    })
    store.mergeRemoteChanges(() => {
      if (toRemove.length > 0) store.remove(toRemove)
      if (toPut.length > 0) store.put(toPut)
    })
  }
  records.on('change', handleRemote)

  return () => {
    stopLocal()
    records.off('change', handleRemote)
  }
}

export interface PresenceUser {
  name: string
  color: string
  role: string
}

/** Mirrors everyone else's awareness `presence` into the store as instance_presence records (cursors, names). */
export function bindRemotePresence(store: TLStore, awareness: Awareness): () => void {
  const shown = new Map<number, TLInstancePresence['id']>()

  const handleChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const states = awareness.getStates()
    const toPut: TLInstancePresence[] = []
    const toRemove: TLInstancePresence['id'][] = []
    for (const clientId of [...added, ...updated]) {
      if (clientId === awareness.clientID) continue
      const presence = (states.get(clientId) as { presence?: TLInstancePresence } | undefined)?.presence
      if (!presence) continue
      const id = InstancePresenceRecordType.createId(String(clientId))
      shown.set(clientId, id)
      toPut.push({ ...presence, id })
    }
    for (const clientId of removed) {
      const id = shown.get(clientId)
      if (id) toRemove.push(id)
      shown.delete(clientId)
    }
    store.mergeRemoteChanges(() => {
      if (toRemove.length > 0) store.remove(toRemove)
      if (toPut.length > 0) store.put(toPut)
    })
  }
  awareness.on('change', handleChange)
  return () => {
    awareness.off('change', handleChange)
    store.mergeRemoteChanges(() => store.remove([...shown.values()]))
  }
}
