// Distinct, readable on white, and not the red tldraw uses for errors.
const PALETTE = ['#2563eb', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#c026d3', '#ca8a04', '#4f46e5']

/** A stable colour per participant, so a cursor keeps its colour across reloads. */
export function colorFor(key: string): string {
  let hash = 0
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return PALETTE[hash % PALETTE.length]!
}
