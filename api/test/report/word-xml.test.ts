// The hand-written table XML (word-xml.ts) against what the docx library writes for the same
// table: byte for byte, for texts with tabs, quotes, markup characters, control characters and
// emoji, an empty cell, a header row and rows that may or may not split.
import { describe, expect, it } from 'vitest'
import {
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx'
import { runs } from '../../src/report/word.js'
import { PreparedXml, cellXml, labelRunXml, paragraphXml, rowXml, runXml, tableXml } from '../../src/report/word-xml.js'
import { text, unzip } from './ooxml.js'

type Line = { text: string; label?: string; bold?: boolean; alignment?: 'center' }
type Row = { header?: boolean; cantSplit: boolean; cells: Line[][] }

const WIDTHS = [1000, 5600, 7686]
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '808080' }
const ROWS: Row[] = [
  {
    header: true,
    cantSplit: true,
    cells: [
      [{ text: 'Nr.\tp.k.', bold: true, alignment: 'center' }],
      [{ text: 'Pasākums', bold: true }],
      [{ text: 'Izpilde', bold: false }],
    ],
  },
  {
    cantSplit: true,
    cells: [
      [{ text: '1.1.' }, { text: '(<2.1>)' }],
      [
        { text: '\tLead tab\ta \'x\' "y" <z> & \u0001 😀 end\t' },
        { label: 'Atbildīgā institūcija', text: 'VP, IeM' },
        { label: 'Finansējums', text: '' },
      ],
      [],
    ],
  },
  { cantSplit: false, cells: [[{ text: '' }], [{ text: 'Ā ē ī ū č ģ ķ ļ ņ š ž' }], [{ text: '(VP) a\r\nb' }]] },
]

function docxTable(): Table {
  const paragraph = (line: Line) =>
    new Paragraph({
      style: 'TableText',
      alignment: line.alignment,
      children: [...(line.label ? [new TextRun({ text: `${line.label}: `, bold: true })] : []), ...runs(line.text, { bold: line.bold })],
    })
  return new Table({
    width: { size: 14286, type: WidthType.DXA },
    columnWidths: WIDTHS,
    layout: TableLayoutType.FIXED,
    rows: ROWS.map(
      (row) =>
        new TableRow({
          tableHeader: row.header,
          cantSplit: row.cantSplit,
          children: row.cells.map(
            (lines, index) =>
              new TableCell({
                children: lines.length > 0 ? lines.map(paragraph) : [new Paragraph({ style: 'TableText' })],
                width: { size: WIDTHS[index]!, type: WidthType.DXA },
                borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
                margins: { top: 40, bottom: 40, left: 80, right: 80 },
                ...(row.header ? { shading: { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } } : {}),
              }),
          ),
        }),
    ),
  })
}

function preparedTable(): string {
  const empty = paragraphXml('TableText', '')
  const paragraph = (line: Line) =>
    paragraphXml('TableText', (line.label ? labelRunXml(`${line.label}: `) : '') + runXml(line.text, { bold: line.bold }), line.alignment)
  return tableXml(
    14286,
    WIDTHS,
    ROWS.map((row) =>
      rowXml(
        row.cells.map((lines, index) => cellXml(lines.map(paragraph), WIDTHS[index]!, { header: row.header, empty })),
        { header: row.header, cantSplit: row.cantSplit },
      ),
    ),
  )
}

async function documentXml(children: FileChild[], prepared?: PreparedXml): Promise<string> {
  const buffer = await Packer.toBuffer(new Document({ sections: [{ children }] }))
  return text(unzip(prepared ? prepared.replacePlaceholders(buffer) : buffer), 'word/document.xml')
}

describe('tables written as XML', () => {
  it('are the XML the docx library writes for the same table, byte for byte', async () => {
    const before = new Paragraph({ children: [new TextRun('before')] })
    const after = new Paragraph({ children: [new TextRun('after')] })
    const prepared = new PreparedXml()
    const expected = await documentXml([before, docxTable(), after])
    const actual = await documentXml([before, prepared.placeholder(preparedTable()), after], prepared)
    expect(actual).toBe(expected)
    expect(actual).toContain('&apos;x&apos; &quot;y&quot; &lt;z&gt; &amp;  😀')
  })

  it('refuses a document that lost a placeholder', async () => {
    const prepared = new PreparedXml()
    prepared.placeholder('<w:tbl/>')
    const buffer = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('no placeholder')] }] }))
    expect(() => prepared.replacePlaceholders(buffer)).toThrow(/placeholders missing/)
  })
})
