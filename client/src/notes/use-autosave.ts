import { useCallback, useEffect, useRef, useState } from 'react'

/** Long enough not to save every keystroke, short enough that a closed tab loses nothing (pagehide saves too). */
export const AUTOSAVE_DELAY_MS = 800

/**
 * Saves `draft` once typing pauses, and at once when the page is hidden or the editor unmounts,
 * so the last keystrokes reach the outbox (localStorage) before a reload or a closed tab.
 */
export function useAutosave(draft: string, savedText: string, save: (text: string) => void, delayMs = AUTOSAVE_DELAY_MS) {
  const saveRef = useRef(save)
  const lastSaved = useRef(savedText)
  const waiting = useRef<string | undefined>(undefined)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const [dirty, setDirty] = useState(false)

  useEffect(() => {
    saveRef.current = save
  }, [save])

  const flush = useCallback(() => {
    clearTimeout(timer.current)
    const text = waiting.current
    waiting.current = undefined
    setDirty(false)
    if (text === undefined || text === lastSaved.current) return
    lastSaved.current = text
    saveRef.current(text)
  }, [])

  useEffect(() => {
    if (draft === lastSaved.current && waiting.current === undefined) return
    waiting.current = draft
    setDirty(true)
    clearTimeout(timer.current)
    timer.current = setTimeout(flush, delayMs)
  }, [draft, delayMs, flush])

  useEffect(() => {
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [flush])

  return { dirty, flush }
}
