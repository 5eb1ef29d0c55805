// Rich text round trip: a narrative with lists, marks, a link, a footnote and a table becomes real
// Word structures — numbering, runs, a hyperlink, a footnote and a table — read back from the XML.
import { beforeAll, describe, expect, it } from 'vitest'
import { defaultReportContent, type ReportContent, type RichDoc } from '@apt/shared'
import { buildReportDocx } from '../../src/report/docx.js'
import { assertWellFormed, loadDemoPlan, paragraphsOf, plain, tablesOf, text, unzip, type WordParagraph } from './ooxml.js'

const LINK = 'https://www.iem.gov.lv/lv/citi-parskati'

const RICH: RichDoc = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Ievads ar ' },
        { type: 'text', text: 'treknu', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' un ' },
        { type: 'text', text: 'slīprakstu', marks: [{ type: 'italic' }] },
        { type: 'text', text: ', saiti uz ' },
        { type: 'text', text: 'pārskatu', marks: [{ type: 'link', attrs: { href: LINK, target: '_blank', rel: null, class: null } }] },
        { type: 'footnote', attrs: { text: 'Pārskats par situāciju nepilngadīgo noziedzības jomā.' } },
        { type: 'hardBreak' },
        { type: 'text', text: 'otrā rinda' },
      ],
    },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Aizzīme viens' }] }] },
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Aizzīme divi' }] },
            {
              type: 'bulletList',
              content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ieliktā aizzīme' }] }] }],
            },
          ],
        },
      ],
    },
    {
      type: 'orderedList',
      attrs: { start: 1, type: null },
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Pirmais punkts' }] }] },
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Otrais punkts' }] }] },
      ],
    },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Institūcija' }] }] },
            { type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Summa' }] }] },
          ],
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'IeM' }] }] },
            { type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text: '46 000 euro' }] }] },
          ],
        },
      ],
    },
    {
      type: 'orderedList',
      attrs: { start: 5 },
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Piektais punkts' }] }] }],
    },
    {
      // Quotes as typed or pasted: straight ones around a bold run, “…”, and in a footnote.
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Programma "' },
        { type: 'text', text: 'Drošas skolas', marks: [{ type: 'bold' }] },
        { type: 'text', text: '" un “Drošības vēstneši”' },
        { type: 'footnote', attrs: { text: 'Skat. "Skolu drošība".' } },
        { type: 'text', text: '.' },
      ],
    },
  ],
}

function content(): ReportContent {
  const c = defaultReportContent()
  c.outline = c.outline.map((entry) => (entry.kind === 'text' && entry.id === 'conclusions' ? { ...entry, body: RICH } : entry))
  // A second numbered list elsewhere: it must restart at 1, not continue from the conclusions'.
  c.actionLines = {
    '1': {
      type: 'doc',
      content: [
        {
          type: 'orderedList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Cits saraksts' }] }] }],
        },
      ],
    },
  }
  return c
}

describe('rich text in the DOCX', () => {
  let files: Record<string, Uint8Array>
  let xml: string
  let paragraphs: WordParagraph[]
  let numbering: string
  const para = (t: string) => {
    const found = paragraphs.find((p) => plain(p.text) === t)
    if (!found) throw new Error(`no paragraph "${t}"`)
    return found
  }
  /** The paragraph's list: its w:num id and level. */
  const numPr = (p: WordParagraph) => {
    const m = /<w:numPr><w:ilvl w:val="(\d+)"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/.exec(p.xml)
    return m ? { level: Number(m[1]), numId: m[2]! } : null
  }
  /** The list format of a w:num at a level: its abstract numbering's numFmt and start. */
  const formatOf = (numId: string, level: number) => {
    const num = new RegExp(`<w:num w:numId="${numId}"[^>]*>([\\s\\S]*?)</w:num>`).exec(numbering)![1]!
    const abstractId = /<w:abstractNumId w:val="(\d+)"\/>/.exec(num)![1]
    const abstract = new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${abstractId}"[^>]*>([\\s\\S]*?)</w:abstractNum>`).exec(
      numbering,
    )![1]!
    const lvl = new RegExp(`<w:lvl w:ilvl="${level}"[^>]*>([\\s\\S]*?)</w:lvl>`).exec(abstract)![1]!
    const override = new RegExp(`<w:lvlOverride w:ilvl="${level}">\\s*<w:startOverride w:val="(\\d+)"/>`).exec(num)?.[1]
    return {
      format: /<w:numFmt w:val="([^"]+)"/.exec(lvl)![1],
      start: Number(override ?? /<w:start w:val="(\d+)"/.exec(lvl)?.[1] ?? 1),
    }
  }

  beforeAll(async () => {
    const buffer = await buildReportDocx({ document: loadDemoPlan(), content: content(), generatedAt: new Date('2025-11-20T10:00:00Z') })
    files = unzip(buffer)
    xml = text(files, 'word/document.xml')
    paragraphs = paragraphsOf(xml)
    numbering = text(files, 'word/numbering.xml')
  })

  it('is a well-formed package', () => {
    for (const name of Object.keys(files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
      expect(() => assertWellFormed(text(files, name)), name).not.toThrow()
    }
  })

  it('writes bullets and numbers as Word numbering, nested and restarting', () => {
    const one = numPr(para('Aizzīme viens'))!
    const two = numPr(para('Aizzīme divi'))!
    const nested = numPr(para('Ieliktā aizzīme'))!
    expect(one).toMatchObject({ level: 0 })
    expect(two).toEqual(one)
    expect(nested.level).toBe(1)
    expect(formatOf(one.numId, 0).format).toBe('bullet')
    expect(formatOf(nested.numId, 1).format).toBe('bullet')

    const first = numPr(para('Pirmais punkts'))!
    expect(numPr(para('Otrais punkts'))).toEqual(first)
    expect(formatOf(first.numId, 0)).toEqual({ format: 'decimal', start: 1 })
    expect(first.numId).not.toBe(one.numId)

    const fifth = numPr(para('Piektais punkts'))!
    expect(formatOf(fifth.numId, 0)).toEqual({ format: 'decimal', start: 5 })

    // Another numbered list is a list of its own (its own w:num), starting at 1 again.
    const other = numPr(para('Cits saraksts'))!
    expect(other.numId).not.toBe(first.numId)
    expect(formatOf(other.numId, 0)).toEqual({ format: 'decimal', start: 1 })
  })

  it('writes bold and italic runs, a hard break and a hyperlink to the address', () => {
    const intro = paragraphs.find((p) => p.text.startsWith('Ievads ar '))!
    expect(intro.xml).toMatch(/<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t[^>]*>treknu<\/w:t><\/w:r>/)
    expect(intro.xml).toMatch(/<w:r><w:rPr><w:i\/><w:iCs\/><\/w:rPr><w:t[^>]*>slīprakstu<\/w:t><\/w:r>/)
    expect(intro.xml).toContain('<w:br/>')
    const link = /<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>([\s\S]*?)<\/w:hyperlink>/.exec(intro.xml)
    expect(link).not.toBeNull()
    expect(link![2]).toContain('pārskatu')
    expect(link![2]).toContain('<w:rStyle w:val="Hyperlink"/>')
    const rels = text(files, 'word/_rels/document.xml.rels')
    expect(rels).toMatch(new RegExp(`Id="${link![1]}"[^>]*Target="${LINK.replace(/[.?]/g, '\\$&')}"[^>]*TargetMode="External"`))
    expect(text(files, 'word/styles.xml')).toContain('w:styleId="Hyperlink"')
  })

  it('writes the footnote into footnotes.xml, referred to from the text', () => {
    const intro = paragraphs.find((p) => p.text.startsWith('Ievads ar '))!
    const id = /<w:footnoteReference w:id="(\d+)"\/>/.exec(intro.xml)?.[1]
    expect(id).toBeDefined()
    const footnotes = text(files, 'word/footnotes.xml')
    const note = new RegExp(`<w:footnote w:id="${id}"[^>]*>([\\s\\S]*?)</w:footnote>`).exec(footnotes)?.[1] ?? ''
    expect(paragraphsOf(note).map((p) => p.text.trim())).toContain('Pārskats par situāciju nepilngadīgo noziedzības jomā.')
  })

  it('quotes the narrative „…” as the rest of the report, a quotation across runs and in a footnote too', () => {
    const quoted = paragraphs.find((p) => p.text.startsWith('Programma '))!
    expect(plain(quoted.text)).toBe('Programma „Drošas skolas” un „Drošības vēstneši”.')
    expect(quoted.xml).toMatch(/<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t[^>]*>Drošas skolas<\/w:t><\/w:r>/)
    const notes = paragraphsOf(text(files, 'word/footnotes.xml')).map((p) => plain(p.text).trim())
    expect(notes).toContain('Skat. „Skolu drošība”.')
  })

  it('writes the table as a Word table with a repeating bold header row', () => {
    const table = tablesOf(xml).find((t) => t.rows[0]?.cells.join('|') === 'Institūcija|Summa')!
    expect(table.rows.map((row) => row.cells.map(plain))).toEqual([
      ['Institūcija', 'Summa'],
      ['IeM', '46 000 euro'],
    ])
    expect(table.rows[0]!.xml).toContain('<w:tblHeader/>')
    expect(table.rows[0]!.xml).toMatch(/<w:b\/>/)
    expect(table.rows[1]!.xml).not.toContain('<w:tblHeader')
    for (const row of table.rows) expect(row.xml).toContain('<w:cantSplit/>')
  })
})
