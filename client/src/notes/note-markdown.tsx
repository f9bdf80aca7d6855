import Markdown, { type Components } from 'react-markdown'
import rehypeSanitize from 'rehype-sanitize'
import remarkGfm from 'remark-gfm'

// Links leave the room in a new tab and pass nothing back to it.
const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
}

/**
 * A note's Markdown. Raw HTML in the text is dropped (`skipHtml`), the tree is sanitised, and
 * react-markdown's URL filter drops javascript: links: nothing typed can run as script.
 */
export function NoteMarkdown({ text }: { text: string }) {
  return (
    <div className="notes-markdown">
      <Markdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeSanitize]} skipHtml components={components}>
        {text}
      </Markdown>
    </div>
  )
}
