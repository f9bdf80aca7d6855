import { describe, expect, it } from 'vitest'
import { newClientId } from '../../../client/src/outbox/client-id.ts'
import { Outbox, type OutboxStorage, type SendOutcome } from '../../../client/src/outbox/outbox.ts'
import { MemoryStorage } from '../../integration/helpers/memory-storage.ts'
import { ClientIdSchema } from '../../../shared/notes-events.ts'

const KEY = 'mockboard:outbox:notes:room:me'
const ok: SendOutcome = { ok: true, ack: { ok: true } }
const offline: SendOutcome = { ok: false, retry: true, code: 'OFFLINE', message: 'Not connected.' }

function entry(id: string, replaces?: string) {
  return { id, event: 'note:edit', payload: { id }, replaces }
}

/** A sender that records what it was asked to send and answers from a script (default: ok). */
function recordingSender(answers: Record<string, SendOutcome> = {}) {
  const sent: string[] = []
  let active = 0
  let maxActive = 0
  const send = async (_event: string, payload: unknown) => {
    active++
    maxActive = Math.max(maxActive, active)
    await Promise.resolve()
    const id = (payload as { id: string }).id
    sent.push(id)
    active--
    return answers[id] ?? ok
  }
  return { send, sent, maxActive: () => maxActive }
}

describe('outbox', () => {
  it('sends entries in the order they were queued, one at a time, and empties the queue', async () => {
    const outbox = new Outbox({ storage: new MemoryStorage(), key: KEY })
    for (const id of ['a', 'b', 'c']) outbox.enqueue(entry(id))
    const sender = recordingSender()
    expect(await outbox.flush(sender.send)).toBe('drained')
    expect(sender.sent).toEqual(['a', 'b', 'c'])
    expect(sender.maxActive()).toBe(1)
    expect(outbox.entries()).toEqual([])
  })

  it('survives a reload: a new outbox over the same storage resumes the queue', async () => {
    const storage = new MemoryStorage()
    new Outbox({ storage, key: KEY }).enqueue(entry('typed-before-reload'))
    const reloaded = new Outbox({ storage, key: KEY })
    expect(reloaded.entries().map((e) => e.id)).toEqual(['typed-before-reload'])
    const sender = recordingSender()
    await reloaded.flush(sender.send)
    expect(sender.sent).toEqual(['typed-before-reload'])
  })

  it('a transient failure stops the flush and keeps that entry first; the next flush resends it', async () => {
    const outbox = new Outbox({ storage: new MemoryStorage(), key: KEY })
    outbox.enqueue(entry('a'))
    outbox.enqueue(entry('b'))
    const failing = recordingSender({ a: offline })
    expect(await outbox.flush(failing.send)).toBe('stalled')
    expect(failing.sent).toEqual(['a'])
    expect(outbox.entries().map((e) => e.id)).toEqual(['a', 'b'])
    const working = recordingSender()
    expect(await outbox.flush(working.send)).toBe('drained')
    expect(working.sent).toEqual(['a', 'b'])
  })

  it('a permanent refusal drops the entry, reports it, and lets the rest go', async () => {
    const rejected: string[] = []
    const outbox = new Outbox({ storage: new MemoryStorage(), key: KEY, onRejected: (e, outcome) => rejected.push(`${e.id}:${outcome.code}`) })
    outbox.enqueue(entry('bad'))
    outbox.enqueue(entry('good'))
    const sender = recordingSender({ bad: { ok: false, retry: false, code: 'INVALID_PAYLOAD', message: 'too long' } })
    expect(await outbox.flush(sender.send)).toBe('drained')
    expect(sender.sent).toEqual(['bad', 'good'])
    expect(rejected).toEqual(['bad:INVALID_PAYLOAD'])
  })

  it('reports each ack to onSent', async () => {
    const acks: unknown[] = []
    const outbox = new Outbox({ storage: new MemoryStorage(), key: KEY, onSent: (_e, ack) => acks.push(ack) })
    outbox.enqueue(entry('a'))
    await outbox.flush(recordingSender().send)
    expect(acks).toEqual([{ ok: true }])
  })

  it('a newer entry replaces a waiting one with the same key, but never the one in flight', async () => {
    const outbox = new Outbox({ storage: new MemoryStorage(), key: KEY })
    outbox.enqueue(entry('edit-1', 'note:x'))
    outbox.enqueue(entry('other', 'note:y'))
    outbox.enqueue(entry('edit-2', 'note:x'))
    expect(outbox.entries().map((e) => e.id)).toEqual(['other', 'edit-2'])

    let release: (outcome: SendOutcome) => void = () => undefined
    let started: () => void = () => undefined
    const firstSendStarted = new Promise<void>((resolve) => (started = resolve))
    const sent: string[] = []
    const flushing = outbox.flush((_event, payload) => {
      sent.push((payload as { id: string }).id)
      started()
      return sent.length === 1 ? new Promise((resolve) => (release = resolve)) : Promise.resolve(ok)
    })
    await firstSendStarted
    // 'other' is in flight now; 'edit-3' replaces only the waiting 'edit-2'.
    outbox.enqueue(entry('edit-3', 'note:x'))
    outbox.enqueue(entry('other-2', 'note:y'))
    expect(outbox.entries().map((e) => e.id)).toEqual(['other', 'edit-3', 'other-2'])
    release(ok)
    expect(await flushing).toBe('drained')
    expect(sent).toEqual(['other', 'edit-3', 'other-2'])
  })

  it('concurrent flushes share one run, and entries queued during it are sent by it', async () => {
    const outbox = new Outbox({ storage: new MemoryStorage(), key: KEY })
    outbox.enqueue(entry('a'))
    const sender = recordingSender()
    const first = outbox.flush(sender.send)
    outbox.enqueue(entry('b'))
    const second = outbox.flush(sender.send)
    expect(second).toBe(first)
    await Promise.all([first, second])
    expect(sender.sent).toEqual(['a', 'b'])
  })

  it('two tabs of one participant queue into the same storage without losing each other’s entries', () => {
    const storage = new MemoryStorage()
    const tabA = new Outbox({ storage, key: KEY })
    const tabB = new Outbox({ storage, key: KEY })
    tabA.enqueue(entry('from-a'))
    tabB.enqueue(entry('from-b'))
    expect(new Outbox({ storage, key: KEY }).entries().map((e) => e.id)).toEqual(['from-a', 'from-b'])
  })

  it('ignores unreadable storage content instead of failing', () => {
    const storage = new MemoryStorage()
    storage.setItem(KEY, '{not json')
    expect(new Outbox({ storage, key: KEY }).entries()).toEqual([])
    storage.setItem(KEY, JSON.stringify([{ id: 'ok', event: 'chat:send', payload: {}, queuedAt: 1 }, { id: 3 }, null]))
    expect(new Outbox({ storage, key: KEY }).entries().map((e) => e.id)).toEqual(['ok'])
  })

  it('keeps working in memory when the storage refuses writes (quota, private mode)', async () => {
    const storage: OutboxStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    const outbox = new Outbox({ storage, key: KEY })
    outbox.enqueue(entry('a'))
    expect(outbox.entries().map((e) => e.id)).toEqual(['a'])
    const sender = recordingSender()
    await outbox.flush(sender.send)
    expect(sender.sent).toEqual(['a'])
  })

  it('an entry queued right after a flush found the queue empty is still sent by the next flush', async () => {
    const outbox = new Outbox({ storage: new MemoryStorage(), key: KEY })
    const sender = recordingSender()
    const idle = outbox.flush(sender.send)
    outbox.enqueue(entry('late'))
    await Promise.all([idle, outbox.flush(sender.send)])
    expect(sender.sent).toEqual(['late'])
    expect(outbox.entries()).toEqual([])
  })

  it('a sender that throws counts as a transient failure: the entry stays', async () => {
    const outbox = new Outbox({ storage: new MemoryStorage(), key: KEY })
    outbox.enqueue(entry('a'))
    expect(await outbox.flush(() => Promise.reject(new Error('socket gone')))).toBe('stalled')
    expect(outbox.entries().map((e) => e.id)).toEqual(['a'])
  })

  it('reports every change of the queue to onChange', async () => {
    const sizes: number[] = []
    const outbox = new Outbox({ storage: new MemoryStorage(), key: KEY, onChange: (entries) => sizes.push(entries.length) })
    outbox.enqueue(entry('a'))
    outbox.enqueue(entry('b'))
    await outbox.flush(recordingSender().send)
    expect(sizes).toEqual([1, 2, 1, 0])
  })
})

describe('client ids', () => {
  it('are accepted by the server’s id schema, unique, and sort in creation order', () => {
    const ids = [newClientId(1_000), newClientId(2_000), newClientId(3_000_000_000_000)]
    for (const id of ids) expect(ClientIdSchema.safeParse(id).success).toBe(true)
    expect([...ids].sort()).toEqual(ids)
    const many = new Set(Array.from({ length: 1000 }, () => newClientId()))
    expect(many.size).toBe(1000)
  })
})
