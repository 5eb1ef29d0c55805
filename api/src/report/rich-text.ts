// The coordinator's rich text (Tiptap JSON, shared/src/schemas/rich-text.ts) as real Word
// structures, so the Cabinet's copy edits like any Word document: paragraphs with bold and italic
// runs, links as hyperlinks (Hyperlink style), hard line breaks, bulleted and numbered lists on
// Word numbering (each list restarts at its own start, nested up to three levels), footnotes as
// Word footnotes and tables as Word tables whose header rows repeat. Every text passes through
// sanitizeText (via runs of word.ts), so no input can break the XML.
import {
  AlignmentType,
  ExternalHyperlink,
  FootnoteReferenceRun,
  LevelFormat,
  Paragraph,
  TextRun,
  type FileChild,
  type INumberingOptions,
  type NumberingDefinition,
  type ParagraphChild,
} from 'docx'
import {
  quotedInlineTexts,
  type RichBlock,
  type RichDoc,
  type RichInline,
  type RichList,
  type RichListItem,
  type RichMark,
  type RichParagraph,
  type RichTable,
} from '@apt/shared'
import { sanitizeText, toParagraphs } from './text.js'
import { CONTENT_WIDTH, TABLE_TEXT, gridTable, runs } from './word.js'

type ListKind = 'bullet' | 'ordered'

// Indent per level (twips): the marker hangs in the first 360.
const LEVEL_INDENT = 720
const HANGING = 360
const BULLETS = ['•', '◦', '▪']
// Numbered lists: 1. → a) → i. as Latvian documents nest them.
const ORDERED_LEVELS = [
  { format: LevelFormat.DECIMAL, text: (level: number) => `%${level + 1}.` },
  { format: LevelFormat.LOWER_LETTER, text: (level: number) => `%${level + 1})` },
  { format: LevelFormat.LOWER_ROMAN, text: (level: number) => `%${level + 1}.` },
]

function listDefinition(kind: ListKind, start: number): NumberingDefinition {
  return {
    reference: kind === 'bullet' ? 'rich-bullet' : start === 1 ? 'rich-ordered' : `rich-ordered-from-${start}`,
    levels: [0, 1, 2].map((level) => ({
      level,
      ...(kind === 'bullet'
        ? { format: LevelFormat.BULLET, text: BULLETS[level]! }
        : { format: ORDERED_LEVELS[level]!.format, text: ORDERED_LEVELS[level]!.text(level), start: level === 0 ? start : 1 }),
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent: { left: LEVEL_INDENT * (level + 1), hanging: HANGING } } },
    })),
  }
}

/**
 * What the rich text of one document shares across its narratives: the list definitions it used
 * (for the Document's `numbering` config) and the list instances, numbered document-wide so every
 * list, wherever it stands, restarts at its own start. One context per document.
 */
export class RichTextContext {
  private readonly definitions = new Map<string, NumberingDefinition>()
  private instances = 0

  /** A new list: the numbering reference to use and its own instance. */
  list(kind: ListKind, start = 1): { reference: string; instance: number } {
    const definition = listDefinition(kind, Math.max(0, Math.trunc(start)))
    if (!this.definitions.has(definition.reference)) this.definitions.set(definition.reference, definition)
    this.instances += 1
    return { reference: definition.reference, instance: this.instances }
  }

  /** The Document's numbering option: every list definition the narratives used. */
  numbering(extra: readonly NumberingDefinition[] = []): INumberingOptions {
    return { config: [...extra, ...this.definitions.values()] }
  }
}

// ——— inline content ———

interface RunFormat {
  bold?: boolean
  italics?: boolean
}

function formatOf(marks: readonly RichMark[] | undefined): RunFormat & { href: string | null } {
  const format: RunFormat & { href: string | null } = { href: null }
  for (const mark of marks ?? []) {
    if (mark.type === 'bold') format.bold = true
    else if (mark.type === 'italic') format.italics = true
    else format.href = mark.attrs.href
  }
  return format
}

/** A text node's runs; a link's runs go inside a hyperlink to its address. */
function textChildren(text: string, marks: readonly RichMark[] | undefined, base: RunFormat): ParagraphChild[] {
  const { href, ...format } = formatOf(marks)
  const options = { bold: base.bold || format.bold || undefined, italics: base.italics || format.italics || undefined }
  if (!href) return runs(text, options)
  const linked = runs(text, { ...options, style: 'Hyperlink' })
  return linked.length === 0 ? [] : [new ExternalHyperlink({ link: sanitizeText(href), children: linked })]
}

/** The footnote's own paragraphs: Word numbers it and lists it at the foot of the page. */
function footnote(text: string): FootnoteReferenceRun {
  const lines = toParagraphs(text)
  return new FootnoteReferenceRun({ children: (lines.length > 0 ? lines : ['']).map((line) => new Paragraph({ children: runs(line) })) })
}

function inlineChildren(nodes: readonly RichInline[] | undefined, base: RunFormat = {}): ParagraphChild[] {
  // The paragraph's text quoted „…” as a whole: a quotation may open in one run and close in another.
  const quoted = quotedInlineTexts(nodes)
  return (nodes ?? []).flatMap((node, index): ParagraphChild[] => {
    switch (node.type) {
      case 'text':
        return textChildren(quoted[index]!, node.marks, base)
      case 'hardBreak':
        return [new TextRun({ break: 1 })]
      case 'footnote':
        return [footnote(node.attrs.text)]
    }
  })
}

const isBlankParagraph = (paragraph: RichParagraph) =>
  !(paragraph.content ?? []).some((node) => node.type === 'footnote' || (node.type === 'text' && node.text.trim() !== ''))

// ——— blocks ———

function listParagraphs(list: RichList, level: number, context: RichTextContext): Paragraph[] {
  const start = list.type === 'orderedList' ? (list.attrs?.start ?? 1) : 1
  const { reference, instance } = context.list(list.type === 'bulletList' ? 'bullet' : 'ordered', start)
  return list.content.flatMap((item: RichListItem) => {
    let numbered = false
    return item.content.flatMap((block) => {
      if (block.type !== 'paragraph') return listParagraphs(block, Math.min(level + 1, 2), context)
      if (numbered) {
        // The item's further paragraphs line up with its text, without a marker of their own.
        if (isBlankParagraph(block)) return []
        return [new Paragraph({ indent: { left: LEVEL_INDENT * (level + 1) }, children: inlineChildren(block.content) })]
      }
      numbered = true
      return [new Paragraph({ numbering: { reference, level, instance }, children: inlineChildren(block.content) })]
    })
  })
}

/** Column widths over the text width: Tiptap's own widths (pixels) in proportion when every column has one, else equal. */
function columnWidths(table: RichTable): number[] {
  const columns = Math.max(...table.content.map((row) => row.content.reduce((sum, c) => sum + (c.attrs?.colspan ?? 1), 0)))
  const widths: (number | null)[] = Array.from({ length: columns }, () => null)
  const first = table.content[0]!
  let at = 0
  for (const cell of first.content) {
    const span = cell.attrs?.colspan ?? 1
    const own = cell.attrs?.colwidth ?? []
    for (let i = 0; i < span; i += 1) widths[at + i] = own[i] && own[i]! > 0 ? own[i]! : null
    at += span
  }
  if (widths.some((w) => w === null)) return widths.map(() => Math.floor(CONTENT_WIDTH / columns))
  const total = widths.reduce<number>((sum, w) => sum + w!, 0)
  return widths.map((w) => Math.floor((w! / total) * CONTENT_WIDTH))
}

function richTable(table: RichTable): FileChild {
  const widths = columnWidths(table)
  // Leading rows of header cells form the header that repeats on every page.
  let inHeader = true
  return gridTable(
    widths,
    table.content.map((row) => {
      const header = inHeader && row.content.every((cell) => cell.type === 'tableHeader')
      if (!header) inHeader = false
      return {
        header,
        cells: row.content.map((cell) => {
          const bold = cell.type === 'tableHeader'
          const content = cell.content
            .filter((paragraph, index) => index === 0 || !isBlankParagraph(paragraph))
            .map((paragraph) => new Paragraph({ style: TABLE_TEXT, children: inlineChildren(paragraph.content, { bold }) }))
          return { content, columnSpan: cell.attrs?.colspan, rowSpan: cell.attrs?.rowspan, shaded: bold }
        }),
      }
    }),
  )
}

function blockChildren(block: RichBlock, context: RichTextContext): FileChild[] {
  switch (block.type) {
    case 'paragraph':
      // Empty paragraphs are the editor's blank lines: paragraph spacing does their work in Word.
      return isBlankParagraph(block) ? [] : [new Paragraph({ children: inlineChildren(block.content) })]
    case 'bulletList':
    case 'orderedList':
      return listParagraphs(block, 0, context)
    case 'table':
      // A paragraph after the table keeps it apart from a following table or heading.
      return [richTable(block), new Paragraph({})]
  }
}

/** The Word blocks of a narrative; nothing for an empty one. */
export function richDocBlocks(doc: RichDoc | null | undefined, context: RichTextContext): FileChild[] {
  return (doc?.content ?? []).flatMap((block) => blockChildren(block, context))
}
