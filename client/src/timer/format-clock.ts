/**
 * Whole seconds shown for a remaining time: rounded up while counting down (so "0:00" appears
 * exactly at the deadline) and down while counting up past it ("+0:01" after one full second over).
 */
export function displaySeconds(remainingMs: number): number {
  return remainingMs >= 0 ? Math.ceil(remainingMs / 1000) : Math.floor(-remainingMs / 1000)
}

/** "4:07" left, or "+1:05" over; minutes are not wrapped into hours (a phase is never that long). */
export function formatClock(remainingMs: number): string {
  const seconds = displaySeconds(remainingMs)
  const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
  return remainingMs < 0 ? `+${text}` : text
}

/** "3 minutes 20 seconds", for screen readers. */
export function spokenDuration(ms: number): string {
  const seconds = displaySeconds(ms)
  const minutes = Math.floor(seconds / 60)
  const parts = [
    minutes > 0 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : '',
    seconds % 60 > 0 || minutes === 0 ? `${seconds % 60} second${seconds % 60 === 1 ? '' : 's'}` : '',
  ]
  return parts.filter(Boolean).join(' ')
}

export function formatMinutes(ms: number): string {
  return `${Math.round(ms / 60_000)} min`
}
