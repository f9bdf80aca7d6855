/** Dates as a member reads them in lists: "Fri 4 Dec, 14:30" in their own locale and time zone. */
export function formatWhen(at: number): string {
  return new Date(at).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
}

export function formatDay(at: number): string {
  return new Date(at).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
}

/** Minutes with one decimal under ten ("2.5 min"), whole above. */
export function formatMinutesOf(ms: number): string {
  const minutes = ms / 60_000
  return `${minutes < 10 ? Math.round(minutes * 10) / 10 : Math.round(minutes)} min`
}
