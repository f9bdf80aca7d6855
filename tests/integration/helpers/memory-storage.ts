import type { OutboxStorage } from '../../../client/src/outbox/outbox.ts'

/** localStorage stand-in in Node: the outbox under test is the browser's own module. */
export class MemoryStorage implements OutboxStorage {
  readonly items = new Map<string, string>()
  getItem(key: string) {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string) {
    this.items.set(key, value)
  }
}
