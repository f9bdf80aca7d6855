import { describe, expect, it } from 'vitest'
import { renderSafeMarkdown } from '../../../client/src/ui/safe-markdown.tsx'

describe('safe markdown', () => {
  it('renders the Markdown people write: emphasis, lists, code, tables and links', () => {
    const html = renderSafeMarkdown('**Cache** the *hot* keys\n\n- one\n- two\n\n`GET /x`\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n[docs](https://example.org/x)')
    expect(html).toContain('<strong>Cache</strong>')
    expect(html).toContain('<li>one</li>')
    expect(html).toContain('<code>GET /x</code>')
    expect(html).toContain('<table>')
    expect(html).toContain('<a href="https://example.org/x">docs</a>')
  })

  it('never lets HTML or script through: raw tags are escaped, dangerous URLs dropped', () => {
    const attacks = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      '[click](javascript:alert(1))',
      '![img](javascript:alert(1))',
      '[data](data:text/html;base64,PHNjcmlwdD4=)',
      '<iframe src="https://evil.example"></iframe>',
      '<svg onload=alert(1)>',
    ]
    for (const attack of attacks) {
      const html = renderSafeMarkdown(attack)
      expect(html, attack).not.toMatch(/<(script|img|iframe|svg)\b/i)
      expect(html, attack).not.toMatch(/<[a-z]+[^>]*\son\w+=/i)
      expect(html, attack).not.toMatch(/href="(javascript|data):/i)
      expect(html, attack).not.toMatch(/src="javascript:/i)
    }
  })
})
