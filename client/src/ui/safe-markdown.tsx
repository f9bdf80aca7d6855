import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'

/**
 * Markdown written by people (notes, bank files) as HTML that cannot run anything. micromark is
 * safe by construction: raw HTML in the text is escaped, not passed through, and link and image
 * URLs with a dangerous protocol (javascript:, data: …) are dropped. That is why its output may be
 * set as HTML; tests/unit/ui/safe-markdown.test.ts holds it to that. (react-markdown with a
 * sanitizer did the same for 50 kB gzip more on the room page.)
 */
export function renderSafeMarkdown(text: string): string {
  return micromark(text, { extensions: [gfm(), NO_IMAGES], htmlExtensions: [gfmHtml()] })
}

// Images are not rendered: a note's ![](https://…) would make the room fetch from another origin.
const NO_IMAGES = { disable: { null: ['labelStartImage'] } }

/** Links open in a new tab with no opener: following one must never navigate away from a live room. */
function openLinksInNewTab(event: React.MouseEvent<HTMLDivElement>) {
  const link = (event.target as HTMLElement).closest('a[href]')
  if (!link) return
  event.preventDefault()
  window.open(link.getAttribute('href') ?? '', '_blank', 'noopener,noreferrer')
}

export function SafeMarkdown({ text, className }: { text: string; className?: string }) {
  return (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: renderSafeMarkdown escapes raw HTML and drops unsafe URLs (micromark, no images); this is its output.
    // biome-ignore lint/a11y/noStaticElementInteractions: the click only reroutes links inside (which are focusable and keyboard-operable themselves) to a new tab.
    // biome-ignore lint/a11y/useKeyWithClickEvents: as above; Enter on a link fires the same click.
    <div className={className ?? 'markdown'} onClick={openLinksInNewTab} dangerouslySetInnerHTML={{ __html: renderSafeMarkdown(text) }} />
  )
}
