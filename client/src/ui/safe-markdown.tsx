import Markdown, { type Components } from 'react-markdown'
import rehypeSanitize from 'rehype-sanitize'
import remarkGfm from 'remark-gfm'

// Links leave the room in a new tab and pass nothing back to it.
const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
}

/**
 * Markdown typed by people (notes, bank files). Raw HTML is dropped (`skipHtml`), the tree is
 * sanitised, and react-markdown's URL filter drops javascript: links: nothing in the text can run.
 */
export function SafeMarkdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className ?? 'markdown'}>
      <Markdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeSanitize]} skipHtml components={components}>
        {text}
      </Markdown>
    </div>
  )
}
