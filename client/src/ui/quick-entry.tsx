import { useState } from 'react'

interface QuickEntryProps {
  /** Accessible name of the text box, e.g. "New note". */
  label: string
  placeholder: string
  submitLabel: string
  maxLength: number
  disabled: boolean
  /** CSS prefix of the feature (`notes`, `chat`): classes `<prefix>-entry` and `<prefix>-textarea`. */
  classPrefix: string
  onSubmit: (text: string) => void
}

/** A small text box where Enter submits and Shift+Enter starts a new line (notes, chat). */
export function QuickEntry({ label, placeholder, submitLabel, maxLength, disabled, classPrefix, onSubmit }: QuickEntryProps) {
  const [text, setText] = useState('')
  const submit = () => {
    if (disabled || text.trim() === '') return
    onSubmit(text)
    setText('')
  }
  return (
    <form
      className={`${classPrefix}-entry`}
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <textarea
        aria-label={label}
        className={`${classPrefix}-textarea`}
        placeholder={disabled ? 'Connecting…' : placeholder}
        value={text}
        maxLength={maxLength}
        rows={2}
        disabled={disabled}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          // Not while an input method is composing: Enter there picks a character.
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault()
            submit()
          }
        }}
      />
      <button type="submit" disabled={disabled || text.trim() === ''}>
        {submitLabel}
      </button>
    </form>
  )
}
