// Tiptap's JSON as the report's rich-text schema (@apt/shared RichDoc) accepts it: only the
// allowed nodes, marks and attributes, nothing empty. Tiptap adds attributes the schema refuses
// (a link's `title`, null table attributes), and a table cell may hold more than paragraphs, so
// every document is passed through here before it is stored or previewed.
import {
  LINK_HREF_PATTERN,
  MAX_LIST_DEPTH,
  type RichBlock,
  type RichDoc,
  type RichInline,
  type RichList,
  type RichListItem,
  type RichMark,
  type RichParagraph,
  type RichTable,
} from '@apt/shared'

/** Loose JSON as Tiptap's getJSON() gives it. */
export interface EditorJson {
  type?: string
  attrs?: Record<string, unknown>
  marks?: { type: string; attrs?: Record<string, unknown> }[]
  text?: string
  content?: EditorJson[]
}

const HREF = new RegExp(LINK_HREF_PATTERN)

/** True for a link the report may carry: http(s) or mailto, no spaces. */
export const isAllowedHref = (href: string) => HREF.test(href.trim())

function marks(list: EditorJson['marks']): RichMark[] | undefined {
  const out: RichMark[] = []
  for (const mark of list ?? []) {
    if (mark.type === 'bold' || mark.type === 'italic') out.push({ type: mark.type })
    else if (mark.type === 'link' && typeof mark.attrs?.href === 'string' && isAllowedHref(mark.attrs.href))
      out.push({ type: 'link', attrs: { href: mark.attrs.href.trim() } })
  }
  return out.length ? out : undefined
}

function inline(nodes: EditorJson[] | undefined): RichInline[] {
  const out: RichInline[] = []
  for (const node of nodes ?? []) {
    if (node.type === 'text' && node.text) {
      const m = marks(node.marks)
      out.push(m ? { type: 'text', text: node.text, marks: m } : { type: 'text', text: node.text })
    } else if (node.type === 'hardBreak') out.push({ type: 'hardBreak' })
    else if (node.type === 'footnote') {
      const text = typeof node.attrs?.text === 'string' ? node.attrs.text.trim() : ''
      if (text) out.push({ type: 'footnote', attrs: { text } })
    }
  }
  return out
}

function paragraph(node: EditorJson): RichParagraph {
  const content = inline(node.content)
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' }
}

/** Every paragraph inside a node, however deep (what a table cell or a too-deep list keeps). */
function paragraphsIn(node: EditorJson): RichParagraph[] {
  if (node.type === 'paragraph') return [paragraph(node)]
  return (node.content ?? []).flatMap(paragraphsIn)
}

function list(node: EditorJson, depth: number): RichList {
  const items: RichListItem[] = (node.content ?? []).map((item) => ({
    type: 'listItem',
    content: (item.content ?? []).flatMap((child): (RichParagraph | RichList)[] => {
      if (child.type === 'bulletList' || child.type === 'orderedList')
        return depth < MAX_LIST_DEPTH ? [list(child, depth + 1)] : paragraphsIn(child)
      return paragraphsIn(child)
    }),
  }))
  for (const item of items) if (item.content.length === 0) item.content.push({ type: 'paragraph' })
  if (node.type === 'orderedList') {
    const start = node.attrs?.start
    return typeof start === 'number' && start !== 1 && Number.isInteger(start) && start >= 0
      ? { type: 'orderedList', attrs: { start }, content: items }
      : { type: 'orderedList', content: items }
  }
  return { type: 'bulletList', content: items }
}

function cellAttrs(attrs: Record<string, unknown> | undefined) {
  const out: { colspan?: number; rowspan?: number; colwidth?: number[] | null } = {}
  if (typeof attrs?.colspan === 'number' && attrs.colspan > 1) out.colspan = attrs.colspan
  if (typeof attrs?.rowspan === 'number' && attrs.rowspan > 1) out.rowspan = attrs.rowspan
  if (Array.isArray(attrs?.colwidth) && attrs.colwidth.every((w) => typeof w === 'number'))
    out.colwidth = (attrs.colwidth as number[]).map((w) => Math.max(0, Math.round(w)))
  return Object.keys(out).length ? out : undefined
}

function table(node: EditorJson): RichTable | null {
  const rows = (node.content ?? [])
    .filter((row) => row.type === 'tableRow')
    .map((row) => ({
      type: 'tableRow' as const,
      content: (row.content ?? [])
        .filter((c) => c.type === 'tableCell' || c.type === 'tableHeader')
        .map((c) => {
          const content = paragraphsIn(c)
          const attrs = cellAttrs(c.attrs)
          return {
            type: c.type as 'tableCell' | 'tableHeader',
            ...(attrs ? { attrs } : {}),
            content: content.length ? content : [{ type: 'paragraph' as const }],
          }
        }),
    }))
    .filter((row) => row.content.length > 0)
  return rows.length ? { type: 'table', content: rows } : null
}

function blocks(nodes: EditorJson[] | undefined): RichBlock[] {
  return (nodes ?? []).flatMap((node): RichBlock[] => {
    switch (node.type) {
      case 'paragraph':
        return [paragraph(node)]
      case 'bulletList':
      case 'orderedList':
        return [list(node, 1)]
      case 'table': {
        const t = table(node)
        return t ? [t] : []
      }
      default:
        // Anything else (a heading pasted from Word, say) keeps its text as paragraphs.
        return paragraphsIn(node)
    }
  })
}

/**
 * The document as the schema accepts it. A document with nothing but one empty paragraph (what an
 * emptied editor holds) is the empty document.
 */
export function sanitizeRichDoc(json: EditorJson | null | undefined): RichDoc {
  const content = blocks(json?.content)
  if (content.length === 1 && content[0]!.type === 'paragraph' && !content[0]!.content) return { type: 'doc', content: [] }
  return { type: 'doc', content }
}
