/**
 * A persistent, ordered queue of socket events waiting for the server's ack. Whatever is typed
 * while offline (or just before a reload) is written here first and sent in order once the
 * socket is back. Each entry carries a client-generated id inside its payload, so sending an
 * entry twice (the ack was lost) is harmless: the server recognises the id and stores nothing new.
 *
 * The storage is the source of truth, read again before every change, so two tabs of the same
 * participant never overwrite each other's queued entries.
 */

export interface OutboxStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

export interface OutboxEntry {
  /** Unique per entry: the client id the payload carries (a revision id, a message id). */
  id: string
  event: string
  payload: unknown
  /** While waiting, a newer entry with the same key replaces an older one (e.g. autosaves of one note). */
  replaces?: string | undefined
  /** Client time (ms) when the entry was queued. */
  queuedAt: number
}

export type SendOutcome =
  | { ok: true; ack: unknown }
  /** `retry`: a transient failure (offline, timeout, server error); the entry stays and the flush stops. */
  | { ok: false; retry: boolean; code: string; message: string }

export type Sender = (event: string, payload: unknown) => Promise<SendOutcome>

/** `drained`: nothing left; `stalled`: a transient failure stopped the flush, try again later. */
export type FlushResult = 'drained' | 'stalled'

export interface OutboxOptions {
  storage: OutboxStorage
  key: string
  /** After every change of the queue: render from `entries()`. */
  onChange?: (entries: readonly OutboxEntry[]) => void
  onSent?: (entry: OutboxEntry, ack: unknown) => void
  /** The server refused the entry for good (invalid, forbidden): it is dropped so the rest can go. */
  onRejected?: (entry: OutboxEntry, outcome: { code: string; message: string }) => void
}

export class Outbox {
  private readonly options: OutboxOptions
  /** Used when the storage fails (quota, private mode): the queue then lives as long as the page. */
  private memory: OutboxEntry[] | undefined
  private inFlightId: string | undefined
  private flushing: Promise<FlushResult> | undefined

  constructor(options: OutboxOptions) {
    this.options = options
  }

  entries(): readonly OutboxEntry[] {
    if (this.memory) return this.memory
    try {
      return parseEntries(this.options.storage.getItem(this.options.key))
    } catch {
      return []
    }
  }

  enqueue(entry: Omit<OutboxEntry, 'queuedAt'> & { queuedAt?: number }): void {
    const queued: OutboxEntry = { ...entry, queuedAt: entry.queuedAt ?? Date.now() }
    const kept = this.entries().filter(
      (other) => other.id !== queued.id && (queued.replaces === undefined || other.replaces !== queued.replaces || other.id === this.inFlightId),
    )
    this.write([...kept, queued])
  }

  /** Sends the entries one at a time, in order, each after the previous one's ack. One flush runs at a time. */
  flush(send: Sender): Promise<FlushResult> {
    this.flushing ??= this.drain(send)
    return this.flushing
  }

  private async drain(send: Sender): Promise<FlushResult> {
    // Yield once so that `flushing` is assigned before the `finally` below can clear it.
    await undefined
    try {
      for (;;) {
        const head = this.entries()[0]
        if (!head) return 'drained'
        const outcome = await this.sendOne(head, send)
        if (!outcome.ok && outcome.retry) return 'stalled'
        this.remove(head.id)
        if (outcome.ok) this.options.onSent?.(head, outcome.ack)
        else this.options.onRejected?.(head, { code: outcome.code, message: outcome.message })
      }
    } finally {
      // Cleared in the same step as the last look at the queue: a flush asked for after an entry
      // is queued either finds this run still looping or starts a new one, never a finished run.
      this.flushing = undefined
    }
  }

  private async sendOne(entry: OutboxEntry, send: Sender): Promise<SendOutcome> {
    this.inFlightId = entry.id
    try {
      return await send(entry.event, entry.payload)
    } catch (error) {
      return { ok: false, retry: true, code: 'SEND_FAILED', message: error instanceof Error ? error.message : String(error) }
    } finally {
      this.inFlightId = undefined
    }
  }

  private remove(id: string): void {
    this.write(this.entries().filter((entry) => entry.id !== id))
  }

  private write(entries: OutboxEntry[]): void {
    if (!this.memory) {
      try {
        this.options.storage.setItem(this.options.key, JSON.stringify(entries))
      } catch {
        this.memory = entries
      }
    } else this.memory = entries
    this.options.onChange?.(entries)
  }
}

/** Tolerates anything in storage (an older format, a hand edit): unreadable entries are skipped. */
function parseEntries(raw: string | null): OutboxEntry[] {
  if (!raw) return []
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return []
  }
  if (!Array.isArray(value)) return []
  return value.filter(isEntry)
}

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  return typeof entry.id === 'string' && typeof entry.event === 'string' && typeof entry.queuedAt === 'number' && 'payload' in entry
}

/** The localStorage key of one participant's queue of one kind in one room. */
export function outboxKey(kind: string, roomId: string, participantId: string): string {
  return `mockboard:outbox:${kind}:${roomId}:${participantId}`
}
