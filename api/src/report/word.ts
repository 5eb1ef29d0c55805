// The Word building blocks the generated documents share (the plan's informative report, its
// survey chapter and a survey's own report): Times New Roman on A4 as Cabinet documents are set,
// heading styles with outline levels, captions, bordered tables whose header row repeats, pictures
// and page numbers. Text always passes through sanitizeText, so no input can break the XML.
import {
  AlignmentType,
  BorderStyle,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type IStylesOptions,
  type ISectionPropertiesOptions,
} from 'docx'
import { sanitizeText, toParagraphs } from './text.js'

// Government documents are set in Times New Roman, which has every Latvian letter.
export const FONT = 'Times New Roman'
// A4 portrait in twips; margins as in Cabinet documents: 30 mm left, 15 mm right, 20 mm top/bottom.
export const PAGE = { width: 11906, height: 16838 }
export const MARGIN = { left: 1701, right: 851, top: 1134, bottom: 1134 }
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right
const HEADER_FILL = 'E7E6E6'
const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '808080' }
const CELL_BORDERS = { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER }
// Table cells are narrow: left-aligned (justified text gapes there), tighter spacing.
export const TABLE_TEXT = 'TableText'

export type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType]
export type HeadingLevelValue = (typeof HeadingLevel)[keyof typeof HeadingLevel]

// ——— text ———

/** Runs for one line of text; tabs become real Word tabs rather than characters Word may drop. */
export function runs(line: string, options: { bold?: boolean; italics?: boolean; style?: string } = {}): TextRun[] {
  const parts = sanitizeText(line).split('\t')
  const children = parts.flatMap((part, index) => (index === 0 ? [part] : [new Tab(), part])).filter((c) => c !== '')
  return children.length === 0 ? [] : [new TextRun({ ...options, children })]
}

/** One Word paragraph per line of the text; nothing for empty text. */
export function paragraphs(text: string | null | undefined, options: Omit<IParagraphOptions, 'children' | 'text'> = {}): Paragraph[] {
  return toParagraphs(text).map((line) => new Paragraph({ ...options, children: runs(line) }))
}

/** "Label: value" with the label in bold; a multi-line value continues in plain paragraphs. */
export function labelled(label: string, value: string): Paragraph[] {
  const [first = '', ...rest] = toParagraphs(value)
  return [
    new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), ...runs(first)] }),
    ...rest.map((line) => new Paragraph({ children: runs(line) })),
  ]
}

/** A single-line version of a text for headings: line breaks become spaces. */
export function oneLine(text: string): string {
  return toParagraphs(text).join(' ')
}

export function heading(text: string, level: HeadingLevelValue, extra: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({ ...extra, heading: level, children: runs(oneLine(text)) })
}

export function caption(text: string): Paragraph {
  // keepNext holds the caption on the page of the table or picture it names.
  return new Paragraph({ style: 'Caption', keepNext: true, children: runs(text) })
}

/** A paragraph of table text, e.g. a cell's content. */
export function cellText(text: string, options: { bold?: boolean; alignment?: Alignment } = {}): Paragraph[] {
  return toParagraphs(text).map(
    (line) => new Paragraph({ style: TABLE_TEXT, alignment: options.alignment, children: runs(line, { bold: options.bold }) }),
  )
}

// ——— tables ———

function cell(content: Paragraph[], width: number, header = false, span: { columnSpan?: number; rowSpan?: number } = {}): TableCell {
  return new TableCell({
    children: content.length > 0 ? content : [new Paragraph({ style: TABLE_TEXT })],
    width: { size: width, type: WidthType.DXA },
    borders: CELL_BORDERS,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    ...(span.columnSpan && span.columnSpan > 1 ? { columnSpan: span.columnSpan } : {}),
    ...(span.rowSpan && span.rowSpan > 1 ? { rowSpan: span.rowSpan } : {}),
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' } } : {}),
  })
}

/** A bordered table over the text width; its header row repeats on every page it runs onto. */
export function table(columns: readonly { header: string; width: number }[], rows: Paragraph[][][]): Table {
  const widths = columns.map((column) => column.width)
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      // tableHeader repeats this row at the top of every page the table runs onto.
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((column) =>
          cell(
            column.header.split('\n').map(
              (line) =>
                new Paragraph({
                  style: TABLE_TEXT,
                  alignment: AlignmentType.CENTER,
                  children: runs(line, { bold: true }),
                }),
            ),
            column.width,
            true,
          ),
        ),
      }),
      // cantSplit: a row stays whole on one page (a measure's title is never cut in two).
      ...rows.map((cells) => new TableRow({ cantSplit: true, children: cells.map((content, index) => cell(content, widths[index])) })),
    ],
  })
}

/** A table row for gridTable: header rows lead and repeat on every page; a cell may span columns or rows. */
export interface GridRow {
  header: boolean
  cells: { content: Paragraph[]; columnSpan?: number; rowSpan?: number; shaded?: boolean }[]
}

/** A bordered table of free rows over the given column widths (e.g. a narrative's table); no row splits across pages. */
export function gridTable(widths: readonly number[], rows: readonly GridRow[]): Table {
  return new Table({
    width: { size: widths.reduce((sum, w) => sum + w, 0), type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    rows: rows.map((row) => {
      let column = 0
      return new TableRow({
        tableHeader: row.header || undefined,
        cantSplit: true,
        children: row.cells.map((c) => {
          const span = Math.max(1, c.columnSpan ?? 1)
          const width = widths.slice(column, column + span).reduce((sum, w) => sum + w, 0) || widths[widths.length - 1]!
          column += span
          return cell(c.content, width, c.shaded ?? false, { columnSpan: c.columnSpan, rowSpan: c.rowSpan })
        }),
      })
    }),
  })
}

// ——— pictures ———

/** A centred PNG picture, scaled to `displayWidth` pixels wide with its proportions kept. */
export function picture(
  image: { png: Buffer; width: number; height: number },
  altText: { name: string; description: string },
  displayWidth = 600,
): Paragraph {
  const displayHeight = Math.round((image.height / image.width) * displayWidth)
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    spacing: { before: 240 },
    children: [
      new ImageRun({
        type: 'png',
        data: image.png,
        transformation: { width: displayWidth, height: displayHeight },
        altText: { name: sanitizeText(altText.name), title: sanitizeText(altText.name), description: sanitizeText(altText.description) },
      }),
    ],
  })
}

// ——— the document ———

/** An empty footer, for the first page (a Cabinet report's first page carries no number). */
export function emptyFooter(): Footer {
  return new Footer({ children: [new Paragraph({})] })
}

/**
 * A signature line: the title at the left margin, the name at the right one (a right tab stop at
 * the text width), as "Iekšlietu ministrs … R. Kozlovskis" closes a Cabinet document.
 */
export function signatureLine(title: string, name: string, extra: Partial<IParagraphOptions> = {}): Paragraph {
  return new Paragraph({
    ...extra,
    alignment: AlignmentType.LEFT,
    tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
    children: runs(`${oneLine(title)}\t${oneLine(name)}`),
  })
}

export function pageNumberFooter(): Footer {
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })],
  })
}

/** A4 portrait with the Cabinet margins. */
export const PAGE_PROPERTIES: ISectionPropertiesOptions = {
  page: {
    size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
    margin: MARGIN,
  },
}

/** The styles of every generated document: Normal, Title, Heading 1–3, Caption and Table Text. */
export function documentStyles(): IStylesOptions {
  const run = { font: FONT, size: 24, language: { value: 'lv-LV' } }
  const headingRun = { font: FONT, bold: true, color: '000000' }
  return {
    default: {
      document: {
        run,
        // lineRule must be explicit: without it LibreOffice reads the height as exact and clips pictures.
        paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO }, alignment: AlignmentType.BOTH },
      },
      title: {
        run: { ...headingRun, size: 28 },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } },
      },
      // Explicit outline levels so every word processor (not only Word) lists the headings in its navigator.
      heading1: {
        run: { ...headingRun, size: 28 },
        paragraph: {
          spacing: { before: 360, after: 180 },
          keepNext: true,
          outlineLevel: 0,
          alignment: AlignmentType.LEFT,
        },
      },
      heading2: {
        run: { ...headingRun, size: 26 },
        paragraph: {
          spacing: { before: 240, after: 120 },
          keepNext: true,
          outlineLevel: 1,
          alignment: AlignmentType.LEFT,
        },
      },
      heading3: {
        run: { ...headingRun, size: 24 },
        paragraph: {
          spacing: { before: 240, after: 120 },
          keepNext: true,
          alignment: AlignmentType.LEFT,
          outlineLevel: 2,
        },
      },
      caption: {
        run: { font: FONT, size: 22, italics: true, color: '000000' },
        paragraph: { spacing: { before: 120, after: 60 } },
      },
    },
    paragraphStyles: [
      {
        id: TABLE_TEXT,
        name: 'Table Text',
        basedOn: 'Normal',
        quickFormat: true,
        paragraph: {
          alignment: AlignmentType.LEFT,
          spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
        },
      },
    ],
  }
}
