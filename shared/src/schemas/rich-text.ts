// Rich text as the report editor (Tiptap, on ProseMirror) writes it: its JSON document, restricted
// to what the informative report prints — paragraphs, bulleted and numbered lists, bold, italic,
// links, footnotes and simple tables. The API accepts nothing else (this schema is the sanitiser:
// unknown nodes, marks and attributes are refused, links are http(s) or mailto only), and the
// preview and the DOCX both render from this JSON, never from HTML.
import { Type, type Static, type TSchema } from '@sinclair/typebox'

const MAX_TEXT = 100_000
const MAX_NODES = 5_000
/** The most characters in one run of text (a paragraph without marks or breaks is one run). */
export const RICH_TEXT_MAX_CHARS = MAX_TEXT
/** A table's limits: rows, and cells in a row (columns). */
export const RICH_TABLE_MAX_ROWS = 500
export const RICH_TABLE_MAX_COLUMNS = 20

const closed = { additionalProperties: false } as const

/** Only web and mail addresses: no `javascript:`, `data:` or relative links reach a document. */
export const LINK_HREF_PATTERN = '^(https?://|mailto:)[^\\s<>"]+$'

export const RichMarkSchema = Type.Union([
  Type.Object({ type: Type.Literal('bold') }, closed),
  Type.Object({ type: Type.Literal('italic') }, closed),
  Type.Object(
    {
      type: Type.Literal('link'),
      attrs: Type.Object(
        {
          href: Type.String({ maxLength: 2000, pattern: LINK_HREF_PATTERN }),
          // Tiptap's Link extension writes these; the document ignores them.
          target: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
          rel: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
          class: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
        },
        closed,
      ),
    },
    closed,
  ),
])
export type RichMark = Static<typeof RichMarkSchema>

export const RichTextNodeSchema = Type.Object(
  {
    type: Type.Literal('text'),
    text: Type.String({ minLength: 1, maxLength: MAX_TEXT }),
    marks: Type.Optional(Type.Array(RichMarkSchema, { maxItems: 3 })),
  },
  closed,
)

/** A footnote: a marker in the text, its note at the foot of the page (Word) or section (preview). */
export const RichFootnoteSchema = Type.Object(
  { type: Type.Literal('footnote'), attrs: Type.Object({ text: Type.String({ minLength: 1, maxLength: 5000 }) }, closed) },
  closed,
)

export const RichInlineSchema = Type.Union([
  RichTextNodeSchema,
  Type.Object({ type: Type.Literal('hardBreak') }, closed),
  RichFootnoteSchema,
])
export type RichInline = Static<typeof RichInlineSchema>

export const RichParagraphSchema = Type.Object(
  { type: Type.Literal('paragraph'), content: Type.Optional(Type.Array(RichInlineSchema, { maxItems: MAX_NODES })) },
  closed,
)
export type RichParagraph = Static<typeof RichParagraphSchema>

const CellAttrs = Type.Object(
  {
    colspan: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    rowspan: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    colwidth: Type.Optional(Type.Union([Type.Array(Type.Integer({ minimum: 0, maximum: 5000 }), { maxItems: 20 }), Type.Null()])),
  },
  closed,
)

const cell = (type: 'tableCell' | 'tableHeader') =>
  Type.Object(
    { type: Type.Literal(type), attrs: Type.Optional(CellAttrs), content: Type.Array(RichParagraphSchema, { minItems: 1, maxItems: 200 }) },
    closed,
  )

export const RichTableSchema = Type.Object(
  {
    type: Type.Literal('table'),
    content: Type.Array(
      Type.Object(
        {
          type: Type.Literal('tableRow'),
          content: Type.Array(Type.Union([cell('tableCell'), cell('tableHeader')]), { minItems: 1, maxItems: RICH_TABLE_MAX_COLUMNS }),
        },
        closed,
      ),
      { minItems: 1, maxItems: RICH_TABLE_MAX_ROWS },
    ),
  },
  closed,
)
export type RichTable = Static<typeof RichTableSchema>

/** Lists nest up to three levels: a list item holds paragraphs and, above the third level, further lists. */
export const MAX_LIST_DEPTH = 3

function listSchema(depth: number): TSchema {
  const item = Type.Object(
    {
      type: Type.Literal('listItem'),
      content: Type.Array(depth < MAX_LIST_DEPTH ? Type.Union([RichParagraphSchema, listSchema(depth + 1)]) : RichParagraphSchema, {
        minItems: 1,
        maxItems: 200,
      }),
    },
    closed,
  )
  const items = Type.Array(item, { minItems: 1, maxItems: MAX_NODES })
  return Type.Union([
    Type.Object({ type: Type.Literal('bulletList'), content: items }, closed),
    Type.Object(
      {
        type: Type.Literal('orderedList'),
        attrs: Type.Optional(
          Type.Object(
            {
              start: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
              type: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
            },
            closed,
          ),
        ),
        content: items,
      },
      closed,
    ),
  ])
}
const RichListSchema = listSchema(1)

export interface RichListItem {
  type: 'listItem'
  content: (RichParagraph | RichList)[]
}
export type RichList =
  | { type: 'bulletList'; content: RichListItem[] }
  | { type: 'orderedList'; attrs?: { start?: number; type?: string | null }; content: RichListItem[] }

export const RichBlockSchema = Type.Union([RichParagraphSchema, RichListSchema, RichTableSchema])
export type RichBlock = RichParagraph | RichList | RichTable

export interface RichDoc {
  type: 'doc'
  content: RichBlock[]
}
/** A narrative: Tiptap's JSON document. (Typed by hand: TypeBox cannot infer the recursive lists.) */
export const RichDocSchema = Type.Unsafe<RichDoc>(
  Type.Object(
    { type: Type.Literal('doc'), content: Type.Array(RichBlockSchema, { maxItems: MAX_NODES }) },
    { ...closed, description: 'Rich text: a Tiptap/ProseMirror JSON document (paragraphs, lists, bold, italic, links, footnotes, tables)' },
  ),
)

// ——— working with rich text ———

/** The empty document. */
export const emptyRichDoc = (): RichDoc => ({ type: 'doc', content: [] })

/** Plain text as rich text: one paragraph per non-blank line (how narratives were kept before rich text). */
export function richDocFromText(text: string | null | undefined): RichDoc {
  const lines = (text ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
  return { type: 'doc', content: lines.map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })) }
}

function inlineText(nodes: readonly RichInline[] | undefined): string {
  return (nodes ?? []).map((node) => (node.type === 'text' ? node.text : node.type === 'hardBreak' ? '\n' : '')).join('')
}

function blockText(block: RichBlock | RichListItem): string[] {
  switch (block.type) {
    case 'paragraph':
      return [inlineText(block.content)]
    case 'bulletList':
    case 'orderedList':
      return block.content.flatMap(blockText)
    case 'listItem':
      return block.content.flatMap(blockText)
    case 'table':
      return block.content.map((row) => row.content.map((c) => c.content.map((p) => inlineText(p.content)).join(' ')).join('\t'))
  }
}

/** The document's text, one line per paragraph, list item or table row (footnotes left out): for search and checks. */
export function richDocText(doc: RichDoc | null | undefined): string {
  return (doc?.content ?? []).flatMap(blockText).join('\n')
}

function hasFootnote(block: RichBlock | RichListItem | RichParagraph): boolean {
  switch (block.type) {
    case 'paragraph':
      return (block.content ?? []).some((node) => node.type === 'footnote' && node.attrs.text.trim() !== '')
    case 'bulletList':
    case 'orderedList':
    case 'listItem':
      return block.content.some(hasFootnote)
    case 'table':
      return block.content.some((row) => row.content.some((cell) => cell.content.some(hasFootnote)))
  }
}

/**
 * True when the document has nothing to print: no text in any paragraph, list or table, and no
 * footnote. A footnote alone is written text (the DOCX prints its marker and note), so it is kept,
 * numbered and printed like any other text.
 */
export function isRichDocBlank(doc: RichDoc | null | undefined): boolean {
  return richDocText(doc).trim() === '' && !(doc?.content ?? []).some(hasFootnote)
}
