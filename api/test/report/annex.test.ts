// The report's annex ("1. pielikums") read back from the DOCX: the ministry's landscape table
// (one row per measure, three columns, each institution's text in its row), the flowing layout,
// and the noise rules (budget wording without its lines, deadlines without a repeated "līdz",
// institutions without an abbreviation by name only).
import { describe, expect, it } from 'vitest'
import {
  type DocMeasure,
  MEASURE_STATUS_LABELS,
  type PlanDocument,
  type ReportContent,
  defaultReportContent,
  latvianQuotes,
} from '@apt/shared'
import { buildReportDocx } from '../../src/report/docx.js'
import { budgetTexts, deadlineStatesDue, deadlineText, measureRowCells, rowMaySplit } from '../../src/report/annex.js'
import { institutionIndex } from '../../src/report/figures.js'
import { titleGenitive } from '../../src/report/latvian.js'
import { assertWellFormed, loadDemoPlan, paragraphsOf, plain, tablesOf, text, unzip } from './ooxml.js'

const demo = loadDemoPlan()
const GENERATED_AT = new Date('2025-03-01T10:00:00Z')

function content(annexLayout: ReportContent['settings']['annexLayout']): ReportContent {
  const base = defaultReportContent()
  return { ...base, settings: { ...base.settings, annexLayout } }
}

/** The document's XML from the annex's title on, and the annex's own section properties (the last ones). */
async function annexOf(doc: PlanDocument, layout: ReportContent['settings']['annexLayout']) {
  const xml = text(
    unzip(await buildReportDocx({ document: doc, content: content(layout), generatedAt: GENERATED_AT })),
    'word/document.xml',
  )
  assertWellFormed(xml)
  const start = [...xml.matchAll(/<w:p[ >]/g)]
    .map((match) => match.index!)
    .find((index) => paragraphsOf(xml.slice(index, xml.indexOf('</w:p>', index) + 6))[0]?.text === '1. pielikums')
  expect(start, 'the annex is titled "1. pielikums"').toBeDefined()
  const annex = xml.slice(start)
  const sectPr = [...xml.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].at(-1)![0]
  return { xml: annex, sectPr, paragraphs: paragraphsOf(annex), tables: tablesOf(annex) }
}

const measures = demo.plan.actionLines.flatMap((line) => line.measures)

describe('the annex as the ministry lays it out (layout "table", the default)', async () => {
  const annex = await annexOf(demo, 'table')

  it('is a landscape A4 section of its own, titled "1. pielikums" at the right, with page numbers', () => {
    expect(annex.sectPr).toMatch(/<w:pgSz[^>]*w:orient="landscape"/)
    const width = Number(/w:w="(\d+)"/.exec(annex.sectPr)![1])
    const height = Number(/w:h="(\d+)"/.exec(annex.sectPr)![1])
    expect([width, height]).toEqual([16838, 11906])
    expect(annex.sectPr).toMatch(/<w:footerReference/)
    const title = annex.paragraphs[0]!
    expect(title.xml).toMatch(/<w:jc w:val="(right|end)"\/>/)
    expect(title.style).toBe('Heading1')
    const texts = annex.paragraphs.map((p) => p.text)
    expect(texts[1]).toBe('informatīvajam ziņojumam')
    expect(texts[2]).toBe(`„Par ${titleGenitive(demo.plan.title.trim())} izpildi”`)
    expect(texts[2]).toMatch(/^„Par .* plāna 2023\.-2024\. gadam izpildi”$/)
  })

  it('has one three-column table per action line with one row per measure, the header repeating', () => {
    expect(annex.tables).toHaveLength(demo.plan.actionLines.filter((line) => line.measures.length > 0).length)
    demo.plan.actionLines.forEach((line, index) => {
      const table = annex.tables[index]!
      expect(table.xml.match(/<w:gridCol /g)).toHaveLength(3)
      expect(table.rows).toHaveLength(line.measures.length + 1)
      expect(table.rows[0]!.cells).toEqual(['Nr.', 'Pasākums', 'Izpildes gaita'])
      expect(table.rows[0]!.xml).toMatch(/<w:tblHeader\/>/)
      line.measures.forEach((measure, row) => {
        const cells = table.rows[row + 1]!.cells
        expect(cells).toHaveLength(3)
        expect(cells[0]!.split('\n')[0]).toBe(`${measure.number}.`)
        expect(cells[1]!.startsWith(latvianQuotes(measure.title.split('\n')[0]!.trim()))).toBe(true)
        expect(cells[2]).toContain(`Izpildes pakāpe: ${MEASURE_STATUS_LABELS.lv[measure.status]}`)
      })
    })
  })

  it('puts each institution’s text in its measure’s row as "(VP) …", paragraphs kept', () => {
    const index = institutionIndex(demo)
    const rows = annex.tables.flatMap((table) => table.rows.slice(1))
    measures.forEach((measure, i) => {
      const done = plain(rows[i]!.cells[2]!)
      for (const entry of measure.progress ?? []) {
        if (!entry.text.trim()) continue
        const institution = index.get(entry.institution)!
        const mark = institution.abbreviation === null ? institution.name : institution.code
        const [first, ...rest] = entry.text
          .split('\n')
          .map((l) => latvianQuotes(plain(l).trim()))
          .filter(Boolean)
        expect(done).toContain(`(${mark}) ${first}`)
        for (const line of rest) expect(done).toContain(line)
      }
    })
  })

  it('names the institutions by abbreviation, those without one by name only (never "PASV")', () => {
    const all = annex.paragraphs.map((p) => p.text).join('\n')
    expect(all).not.toMatch(/PASV/)
    const municipal = measures.findIndex((m) => m.responsible.includes('PASV'))
    const row = annex.tables.flatMap((table) => table.rows.slice(1))[municipal]!
    expect(row.cells[1]).toMatch(/Atbildīgā(s)? institūcija(s)?: .*Pašvaldības/)
  })

  it('keeps a row whole on a page (cantSplit) unless it is longer than a page', () => {
    const index = institutionIndex(demo)
    const rows = annex.tables.flatMap((table) => table.rows.slice(1))
    const whole = measures.map((measure) => !rowMaySplit(measureRowCells(measure, index).map((cell) => cell.map((line) => line.text))))
    rows.forEach((row, i) =>
      expect({ measure: measures[i]!.number, whole: /<w:cantSplit\/>/.test(row.xml) }).toEqual({
        measure: measures[i]!.number,
        whole: whole[i],
      }),
    )
    // Nearly every measure fits a page; the header row never splits.
    expect(whole.filter(Boolean).length).toBeGreaterThanOrEqual(measures.length - 3)
    for (const table of annex.tables) expect(table.rows[0]!.xml).toMatch(/<w:cantSplit\/>/)
  })

  it('prints the budget wording without repeating its lines, and the deadline without a second "līdz"', () => {
    const rows = annex.tables.flatMap((table) => table.rows.slice(1))
    const withLines = measures.findIndex((m) => (m.budget?.lines?.length ?? 0) > 0)
    const cell = plain(rows[withLines]!.cells[1]!)
    expect(cell).toContain(`Finansējums: ${latvianQuotes(plain(measures[withLines]!.budget!.text!.split('\n')[0]!))}`)
    expect(cell).not.toMatch(/papildu valsts budžets|nav piešķirts/i)
    // "2023.–2024. gads" already ends on 31 December 2024.
    expect(cell).toContain('Izpildes termiņš: 2023.–2024. gads')
    expect(annex.paragraphs.map((p) => p.text).join('\n')).not.toMatch(/\(līdz /)
  })
})

describe('a row longer than a page', () => {
  it('may split (it could not be kept whole), while the others stay whole', async () => {
    const long = Array.from(
      { length: 160 },
      (_, i) => `Ziņojuma rindkopa ${i + 1}: ${'ļoti gara izpildes gaitas teikuma daļa '.repeat(6)}`,
    ).join('\n')
    const doc = structuredClone(demo)
    doc.plan.actionLines[0]!.measures[0]!.progress = [{ institution: 'VP', text: long }]
    const annex = await annexOf(doc, 'table')
    const rows = annex.tables[0]!.rows
    expect(rows[1]!.xml).not.toMatch(/<w:cantSplit\/>/)
    expect(rows[2]!.xml).toMatch(/<w:cantSplit\/>/)
    expect(rows[1]!.cells[2]).toContain('(VP) Ziņojuma rindkopa 1:')
    expect(rows[1]!.cells[2]).toContain('Ziņojuma rindkopa 160:')
  })

  it('is told apart by the estimate: a usual measure is short, dozens of paragraphs are not', () => {
    const index = institutionIndex(demo)
    const cellLines = (measure: DocMeasure) => measureRowCells(measure, index).map((cell) => cell.map((line) => line.text))
    expect(rowMaySplit(cellLines(measures[0]!))).toBe(false)
    const longMeasure = { ...measures[0]!, progress: [{ institution: 'VP', text: Array(60).fill('x'.repeat(200)).join('\n') }] }
    expect(rowMaySplit(cellLines(longMeasure))).toBe(true)
  })
})

describe('the flowing layout', async () => {
  const annex = await annexOf(demo, 'flowing')

  it('is a portrait section titled "1. pielikums", every measure as labelled paragraphs, no table', () => {
    expect(annex.sectPr).not.toMatch(/w:orient="landscape"/)
    expect(annex.tables).toHaveLength(0)
    const texts = annex.paragraphs.map((p) => p.text)
    expect(texts[0]).toBe('1. pielikums')
    const headings = annex.paragraphs.filter((p) => p.style === 'Heading3').map((p) => p.text)
    expect(headings).toHaveLength(measures.length)
    expect(headings[0]).toBe(`${measures[0]!.number}. ${latvianQuotes(measures[0]!.title.split('\n')[0]!.trim())}`)
    expect(texts.filter((t) => t.startsWith('Izpildes pakāpe: '))).toHaveLength(measures.length)
    expect(texts.some((t) => t.startsWith('(VP) '))).toBe(true)
    expect(texts.join('\n')).not.toMatch(/PASV/)
    expect(texts.some((t) => t.startsWith('Atbildīgā institūcija: Valsts policija (VP)'))).toBe(true)
  })
})

describe('less noise', () => {
  const index = institutionIndex(demo)

  it('leaves out "(līdz …)" where the deadline wording already says the date or "līdz"', () => {
    const cases: [string, string, boolean][] = [
      ['2023.–2024. gads', '2024-12-31', true],
      ['2024. gads', '2024-12-31', true],
      ['2023.–2024. gads', '2023-12-31', false],
      ['līdz 2024. gada 1. jūlijam', '2024-07-01', true],
      ['Līdz plāna beigām', '2024-12-31', true],
      ['2024. gada 1. jūlijs', '2024-07-01', true],
      ['01.07.2024.', '2024-07-01', true],
      ['2024. gada II ceturksnis', '2024-06-30', true],
      ['2024. gada I ceturksnis', '2024-06-30', false],
      ['2024. gada I pusgads', '2024-06-30', true],
      ['2024. gada jūnijs', '2024-12-31', false],
      ['Pastāvīgi', '2024-12-31', false],
    ]
    for (const [wording, due, states] of cases)
      expect({ wording, due, states: deadlineStatesDue(wording, due) }).toEqual({ wording, due, states })
    expect(deadlineText({ deadline: { text: 'Pastāvīgi', due: '2024-12-31' } })).toBe('Pastāvīgi (līdz 2024. gada 31. decembrim)')
    expect(deadlineText({ deadline: { text: '2023.–2024. gads', due: '2024-12-31' } })).toBe('2023.–2024. gads')
    expect(deadlineText({ deadline: { text: '', due: '2024-12-31' } })).toBe('līdz 2024. gada 31. decembrim')
    expect(deadlineText({ deadline: null })).toBe('')
  })

  it('prints budget lines only when the plan has no budget wording', () => {
    const line = {
      amountEur: 46000,
      source: 'additional_state_budget' as const,
      institution: 'IeM',
      programme: '06.01.01 Valsts policija',
      granted: null,
    }
    expect(budgetTexts({ budget: { text: 'Papildu līdzekļi 46 000 euro apmērā', lines: [line] } }, index)).toEqual({
      wording: ['Papildu līdzekļi 46 000 euro apmērā'],
      lines: [],
    })
    const { wording, lines } = budgetTexts({ budget: { text: null, lines: [line] } }, index)
    expect(wording).toEqual([])
    expect(lines.map(plain)).toEqual([
      '46 000 euro, papildu valsts budžeta līdzekļi, Iekšlietu ministrija (IeM), apakšprogramma 06.01.01 Valsts policija, piešķiršana nav zināma',
    ])
  })
})
