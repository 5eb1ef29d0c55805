// The editor's schema: exactly what the report's rich text allows (@apt/shared rich-text.ts) —
// paragraphs, bulleted and numbered lists, bold, italic, http(s)/mailto links, hard breaks,
// footnotes and simple tables. Whatever else is pasted (from Word, say) has no node to land in and
// is dropped by ProseMirror's parser, keeping its text.
import type { Extensions } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { TableKit, TableCell, TableHeader } from '@tiptap/extension-table'
import { Footnote } from './footnote'
import { isAllowedHref } from './sanitize'

const LINK_PROTOCOLS = ['http', 'https', 'mailto']

/** Table cells hold paragraphs only (the report's tables are simple: no lists or tables in a cell). */
const SimpleCell = TableCell.extend({ content: 'paragraph+' })
const SimpleHeader = TableHeader.extend({ content: 'paragraph+' })

export function reportExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: false,
      code: false,
      codeBlock: false,
      blockquote: false,
      strike: false,
      underline: false,
      horizontalRule: false,
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        protocols: LINK_PROTOCOLS,
        defaultProtocol: 'https',
        // Only web and mail addresses become links, typed, pasted or set.
        isAllowedUri: (url) => isAllowedHref(url),
        shouldAutoLink: (url) => isAllowedHref(url),
        HTMLAttributes: { target: null, rel: 'noopener noreferrer nofollow', class: null },
      },
    }),
    TableKit.configure({ table: { resizable: false }, tableCell: false, tableHeader: false }),
    SimpleCell,
    SimpleHeader,
    Footnote,
  ]
}
