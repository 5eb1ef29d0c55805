// Tiptap's JSON as the report's rich-text schema (@apt/shared RichDoc) accepts it: only the
// allowed nodes, marks and attributes, nothing empty. Tiptap adds attributes the schema refuses
// (a link's `title`, null table attributes), a table cell may hold more than paragraphs, and a
// pasted table may be larger than the schema allows, so every document is passed through here
// before it is stored or previewed. A table too large is brought within the limits keeping all its
// text: the cells past the last column join the last cell, rows past the limit go on in a second table.
import {
  LINK_HREF_PATTERN,
  MAX_LIST_DEPTH,
  RICH_TABLE_MAX_COLUMNS,
  RICH_TABLE_MAX_ROWS,
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

// The schema's other limits on a cell (RichDocSchema's CellAttrs and cell content).
const MAX_ROWSPAN = 200
const MAX_COLWIDTH = 5000
const MAX_CELL_PARAGRAPHS = 200

/** What sanitizing had to change beyond dropping what the report does not print. */
export interface SanitizeReport {
  /** A table was larger than the schema allows and was brought within its limits. */
  tablesClamped: boolean
}

const clamp = (value: number, max: number) => Math.min(max, value)

function cellAttrs(attrs: Record<string, unknown> | undefined) {
  const out: { colspan?: number; rowspan?: number; colwidth?: number[] | null } = {}
  if (typeof attrs?.colspan === 'number' && attrs.colspan > 1) out.colspan = clamp(attrs.colspan, RICH_TABLE_MAX_COLUMNS)
  if (typeof attrs?.rowspan === 'number' && attrs.rowspan > 1) out.rowspan = clamp(attrs.rowspan, MAX_ROWSPAN)
  if (Array.isArray(attrs?.colwidth) && attrs.colwidth.every((w) => typeof w === 'number'))
    out.colwidth = (attrs.colwidth as number[]).slice(0, RICH_TABLE_MAX_COLUMNS).map((w) => clamp(Math.max(0, Math.round(w)), MAX_COLWIDTH))
  return Object.keys(out).length ? out : undefined
}

/** A cell's paragraphs within the limit: the ones past it join the last, line by line. */
function cellParagraphs(paragraphs: RichParagraph[]): RichParagraph[] {
  if (paragraphs.length <= MAX_CELL_PARAGRAPHS) return paragraphs
  const kept = paragraphs.slice(0, MAX_CELL_PARAGRAPHS - 1)
  const joined = paragraphs
    .slice(MAX_CELL_PARAGRAPHS - 1)
    .flatMap((p, i): RichInline[] => [...(i > 0 ? [{ type: 'hardBreak' as const }] : []), ...(p.content ?? [])])
  return [...kept, joined.length ? { type: 'paragraph', content: joined } : { type: 'paragraph' }]
}

type RichRow = RichTable['content'][number]

function tables(node: EditorJson, report: SanitizeReport): RichTable[] {
  const rows: RichRow[] = (node.content ?? [])
    .filter((row) => row.type === 'tableRow')
    .map((row) => {
      const cells = (row.content ?? [])
        .filter((c) => c.type === 'tableCell' || c.type === 'tableHeader')
        .map((c) => {
          const content = paragraphsIn(c)
          const attrs = cellAttrs(c.attrs)
          return {
            type: c.type as 'tableCell' | 'tableHeader',
            ...(attrs ? { attrs } : {}),
            content: content.length ? content : [{ type: 'paragraph' as const }],
          }
        })
      if (cells.length > RICH_TABLE_MAX_COLUMNS) {
        // The cells past the last column keep their text in the last one.
        report.tablesClamped = true
        const last = cells[RICH_TABLE_MAX_COLUMNS - 1]!
        last.content = cells.slice(RICH_TABLE_MAX_COLUMNS - 1).flatMap((c) => c.content)
        cells.length = RICH_TABLE_MAX_COLUMNS
      }
      for (const cell of cells) {
        if (cell.content.length > MAX_CELL_PARAGRAPHS) report.tablesClamped = true
        cell.content = cellParagraphs(cell.content)
      }
      return { type: 'tableRow' as const, content: cells }
    })
    .filter((row) => row.content.length > 0)
  if (rows.length > RICH_TABLE_MAX_ROWS) report.tablesClamped = true
  // Rows past the limit go on in another table right after, so no text is lost.
  const out: RichTable[] = []
  for (let start = 0; start < rows.length; start += RICH_TABLE_MAX_ROWS)
    out.push({ type: 'table', content: rows.slice(start, start + RICH_TABLE_MAX_ROWS) })
  return out
}

function blocks(nodes: EditorJson[] | undefined, report: SanitizeReport): RichBlock[] {
  return (nodes ?? []).flatMap((node): RichBlock[] => {
    switch (node.type) {
      case 'paragraph':
        return [paragraph(node)]
      case 'bulletList':
      case 'orderedList':
        return [list(node, 1)]
      case 'table':
        return tables(node, report)
      default:
        // Anything else (a heading pasted from Word, say) keeps its text as paragraphs.
        return paragraphsIn(node)
    }
  })
}

/**
 * The document as the schema accepts it. A document with nothing but one empty paragraph (what an
 * emptied editor holds) is the empty document. `report` learns whether a table had to be clamped.
 */
export function sanitizeRichDoc(json: EditorJson | null | undefined, report: SanitizeReport = { tablesClamped: false }): RichDoc {
  const content = blocks(json?.content, report)
  if (content.length === 1 && content[0]!.type === 'paragraph' && !content[0]!.content) return { type: 'doc', content: [] }
  return { type: 'doc', content }
}
