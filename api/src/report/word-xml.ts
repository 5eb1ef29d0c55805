// Large bordered tables written straight as WordprocessingML text, byte for byte as the docx
// library writes the same table. Written by hand because docx builds several objects per element
// and walks them twice before writing: for the annex of 1,000 measures that was most of the
// report's time and memory (issue 16), while the XML itself is a few string joins. The tables are
// placed into the document after docx has written it, in place of a placeholder paragraph each
// (see `placeholder` and `replacePlaceholders`). Text passes through sanitizeText, as in runs().
import { randomUUID } from 'node:crypto'
import { Paragraph, TextRun } from 'docx'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { sanitizeText } from './text.js'

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' }

/** Text as docx escapes it (quotes and apostrophes too). */
export function escapeXml(text: string): string {
  return text.replace(/[&"'<>]/g, (char) => ESCAPES[char]!)
}

const BOLD = '<w:rPr><w:b/><w:bCs/></w:rPr>'
const NOT_BOLD = '<w:rPr><w:b w:val="false"/><w:bCs w:val="false"/></w:rPr>'
const textXml = (text: string) => `<w:t xml:space="preserve">${escapeXml(text)}</w:t>`

/** The run runs() makes of one line: tabs as Word tabs; nothing for an empty line. */
export function runXml(line: string, options: { bold?: boolean } = {}): string {
  const parts = sanitizeText(line).split('\t')
  const children = parts.map((part, index) => (index === 0 ? '' : '<w:tab/>') + (part === '' ? '' : textXml(part))).join('')
  if (children === '') return ''
  const properties = options.bold === true ? BOLD : options.bold === false ? NOT_BOLD : ''
  return `<w:r>${properties}${children}</w:r>`
}

/** A run of a fixed label, as `new TextRun({ text, bold: true })` writes it. */
export function labelRunXml(text: string): string {
  return `<w:r>${BOLD}${textXml(text)}</w:r>`
}

export type CellAlignment = 'left' | 'center' | 'right'

/** A paragraph of the given style, optionally aligned, holding the given runs. */
export function paragraphXml(style: string, runs: string, alignment?: CellAlignment): string {
  const jc = alignment ? `<w:jc w:val="${alignment}"/>` : ''
  return `<w:p><w:pPr><w:pStyle w:val="${escapeXml(style)}"/>${jc}</w:pPr>${runs}</w:p>`
}

const border = (side: string, color: string) => `<w:${side} w:val="single" w:color="${color}" w:sz="4"/>`
const CELL_BORDERS = `<w:tcBorders>${['top', 'left', 'bottom', 'right'].map((side) => border(side, '808080')).join('')}</w:tcBorders>`
const CELL_MARGINS =
  '<w:tcMar><w:top w:type="dxa" w:w="40"/><w:left w:type="dxa" w:w="80"/><w:bottom w:type="dxa" w:w="40"/><w:right w:type="dxa" w:w="80"/></w:tcMar>'
const HEADER_SHADING = '<w:shd w:fill="E7E6E6" w:color="auto" w:val="clear"/>'
const TABLE_BORDERS = `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => border(side, 'auto')).join('')}</w:tblBorders>`

/** A bordered cell (grey borders, 2/4 pt margins; shaded in a header row); `empty` when it has no paragraphs. */
export function cellXml(paragraphs: readonly string[], width: number, options: { header?: boolean; empty: string }): string {
  const shading = options.header ? HEADER_SHADING : ''
  const content = paragraphs.length > 0 ? paragraphs.join('') : options.empty
  return `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${CELL_BORDERS}${shading}${CELL_MARGINS}</w:tcPr>${content}</w:tc>`
}

/** A row; the header row repeats on every page and never splits, other rows as `cantSplit` says. */
export function rowXml(cells: readonly string[], options: { header?: boolean; cantSplit: boolean }): string {
  const properties = options.header ? '<w:cantSplit/><w:tblHeader/>' : options.cantSplit ? '<w:cantSplit/>' : '<w:cantSplit w:val="off"/>'
  return `<w:tr><w:trPr>${properties}</w:trPr>${cells.join('')}</w:tr>`
}

/** A fixed-layout table of the given width and column widths. */
export function tableXml(width: number, columnWidths: readonly number[], rows: readonly string[]): string {
  const grid = columnWidths.map((column) => `<w:gridCol w:w="${column}"/>`).join('')
  return (
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${width}"/>${TABLE_BORDERS}<w:tblLayout w:type="fixed"/></w:tblPr>` +
    `<w:tblGrid>${grid}</w:tblGrid>${rows.join('')}</w:tbl>`
  )
}

/** Tables written as XML, each standing in the document as a placeholder paragraph until the document is written. */
export class PreparedXml {
  private readonly key = randomUUID()
  private readonly parts = new Map<string, string>()

  /** A paragraph to put where `xml` goes. */
  placeholder(xml: string): Paragraph {
    const token = `prepared-xml-${this.key}-${this.parts.size}`
    this.parts.set(token, xml)
    return new Paragraph({ children: [new TextRun(token)] })
  }

  /** The written DOCX with each placeholder paragraph replaced by its XML. */
  replacePlaceholders(docx: Uint8Array): Buffer {
    if (this.parts.size === 0) return Buffer.from(docx)
    const files = unzipSync(docx)
    const pattern = new RegExp(`<w:p><w:r><w:t xml:space="preserve">(prepared-xml-${this.key}-\\d+)</w:t></w:r></w:p>`, 'g')
    let placed = 0
    const xml = strFromU8(files['word/document.xml']!).replace(pattern, (paragraph, token: string) => {
      placed++
      return this.parts.get(token) ?? paragraph
    })
    if (placed !== this.parts.size) throw new Error(`${this.parts.size - placed} placeholders missing from the document`)
    files['word/document.xml'] = strToU8(xml)
    return Buffer.from(zipSync(files))
  }
}
