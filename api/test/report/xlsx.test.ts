// measures.xlsx and measures.csv read back: every measure, Latvian labels, spreadsheet niceties.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { PlanDocument } from '@apt/shared'
import { buildMeasuresCsv, measuresToCsv } from '../../src/report/csv.js'
import { MEASURE_COLUMNS, buildMeasureRows } from '../../src/report/measure-rows.js'
import { buildMeasuresXlsx } from '../../src/report/xlsx.js'
import { loadDemoPlan, text, unzip } from './ooxml.js'
import { parseCsv } from '../helpers/csv.js'

const demo = loadDemoPlan()

async function readXlsx(buffer: Buffer, name = 'Pasākumi'): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook()
  // exceljs's typings want its own Buffer flavour; the bytes are what matter.
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer)
  const sheet = workbook.getWorksheet(name)
  if (!sheet) throw new Error(`sheet "${name}" missing`)
  return sheet
}

const columnOf = (key: string) => MEASURE_COLUMNS.findIndex((c) => c.key === key) + 1

describe('measures.xlsx', () => {
  it('has one row per measure under a frozen, filterable header', async () => {
    const sheet = await readXlsx(await buildMeasuresXlsx(demo))
    expect(sheet.rowCount).toBe(31)
    expect(sheet.getRow(1).values).toEqual([undefined, ...MEASURE_COLUMNS.map((c) => c.header)])
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.autoFilter).toBeTruthy()
    expect(JSON.stringify(sheet.autoFilter)).toMatch(/A1|"row":1/)
    expect(sheet.getColumn(4).width).toBeGreaterThan(40)
    expect(sheet.getRow(2).getCell(4).alignment).toMatchObject({ wrapText: true })
  })

  it('carries every field with Latvian status labels', async () => {
    const sheet = await readXlsx(await buildMeasuresXlsx(demo))
    const column = (key: string) => MEASURE_COLUMNS.findIndex((c) => c.key === key) + 1
    const statuses = Array.from({ length: 30 }, (_, i) => String(sheet.getRow(i + 2).getCell(column('status')).value))
    expect(new Set(statuses)).toEqual(new Set(['Izpildīts', 'Daļēji izpildīts', 'Nav izpildīts']))
    expect(statuses.filter((s) => s === 'Izpildīts')).toHaveLength(19)
    expect(statuses.filter((s) => s === 'Daļēji izpildīts')).toHaveLength(9)

    const row12 = sheet.getRow(3) // measure 1.2
    expect(row12.getCell(column('number')).value).toBe('1.2')
    expect(row12.getCell(column('budgetTotalEur')).value).toBe(46000)
    expect(row12.getCell(column('deadlineDue')).value).toEqual(new Date('2024-12-31T00:00:00Z'))
    expect(row12.getCell(column('responsible')).value).toBe('VP')

    const row11 = sheet.getRow(2)
    expect(row11.getCell(column('progress')).value).toMatch(/^\(VP\) VP ieviests Interneta policista koncepts/)
    const row211 = sheet.getRow(21) // measure 2.11: involved institutions
    expect(row211.getCell(column('number')).value).toBe('2.11')
    expect(row211.getCell(column('involved')).value).toBe('VPD')
    expect(row211.getCell(column('sourceRef')).value).toBe('2.2.6')
  })

  it('orders measures by number naturally (2.2 before 2.10), whatever the plan’s order', async () => {
    const doc: PlanDocument = structuredClone(demo)
    // The plan stores action line 2 backwards and the action lines last to first.
    doc.plan.actionLines[1].measures.reverse()
    doc.plan.actionLines.reverse()
    const sheet = await readXlsx(await buildMeasuresXlsx(doc))
    const numbers = Array.from({ length: 30 }, (_, i) => String(sheet.getRow(i + 2).getCell(columnOf('number')).value))
    const line2 = numbers.filter((n) => n.startsWith('2.'))
    expect(line2).toEqual(Array.from({ length: 11 }, (_, i) => `2.${i + 1}`))
    expect(numbers.slice(0, 3)).toEqual(['1.1', '1.2', '1.3'])
    expect(numbers.at(-1)).toBe('4.4')
    // The CSV is written from the same rows, in the same order.
    expect(buildMeasureRows(doc).map((r) => r.number)).toEqual(numbers)
  })

  it('writes amounts as numbers in euro, the column wide enough for the largest', async () => {
    const doc: PlanDocument = structuredClone(demo)
    const huge = 98_765_432_109_876.5
    const line = doc.plan.actionLines[0]?.measures[1]?.budget?.lines?.[0]
    if (!line) throw new Error('measure 1.2 has a budget line in the demo')
    line.amountEur = huge
    const sheet = await readXlsx(await buildMeasuresXlsx(doc))
    const cell = sheet.getRow(3).getCell(columnOf('budgetTotalEur'))
    expect(cell.value).toBe(huge)
    expect(cell.numFmt).toBe('#,##0.00 "€"')
    // What Excel shows in that format ("99,999,999,999,999.50 €" with the separators of the locale) must fit.
    const shown = `${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(huge)} €`
    expect(sheet.getColumn(columnOf('budgetTotalEur')).width).toBeGreaterThan(shown.length)
    // The demo's amounts keep the header's width at least.
    const demoSheet = await readXlsx(await buildMeasuresXlsx(demo))
    expect(demoSheet.getColumn(columnOf('budgetTotalEur')).width).toBeGreaterThanOrEqual(14)
    expect(demoSheet.getRow(3).getCell(columnOf('budgetTotalEur')).numFmt).toBe('#,##0.00 "€"')
  })

  it('wraps long texts in sensibly wide columns, rows free to grow', async () => {
    const buffer = await buildMeasuresXlsx(demo)
    const sheet = await readXlsx(buffer)
    for (const key of ['title', 'expectedResult', 'indicator', 'assessment', 'progress']) {
      expect(sheet.getColumn(columnOf(key)).width).toBeGreaterThanOrEqual(40)
      expect(sheet.getRow(10).getCell(columnOf(key)).alignment).toMatchObject({ wrapText: true, vertical: 'top' })
    }
    // No row has a fixed height: Excel sizes each row to its wrapped text.
    const xml = text(unzip(new Uint8Array(buffer)), 'xl/worksheets/sheet1.xml')
    const rows = xml.match(/<row [^>]*>/g) ?? []
    expect(rows).toHaveLength(31)
    expect(rows.filter((row) => /customHeight|\sht=/.test(row))).toEqual([])
  })

  it('has a sheet "Iestādes" with each institution’s code, official abbreviation and name', async () => {
    const doc: PlanDocument = structuredClone(demo)
    doc.institutions.push({ code: 'RPP-RIGA', name: 'Rīgas pašvaldības policija', abbreviation: 'RPP', kind: 'municipality' })
    const sheet = await readXlsx(await buildMeasuresXlsx(doc), 'Iestādes')
    expect(sheet.getRow(1).values).toEqual([undefined, 'Kods', 'Saīsinājums', 'Nosaukums', 'Veids', 'Augstāka iestāde'])
    expect(sheet.rowCount).toBe(doc.institutions.length + 1)
    const rows = new Map(
      Array.from({ length: doc.institutions.length }, (_, i) => sheet.getRow(i + 2)).map((row) => [
        String(row.getCell(1).value),
        { abbreviation: row.getCell(2).value, name: row.getCell(3).value, kind: row.getCell(4).value },
      ]),
    )
    for (const institution of doc.institutions) expect(rows.get(institution.code)?.name).toBe(institution.name)
    // Absent: the code is the abbreviation; null: none (the municipalities together); given: that one.
    expect(rows.get('VP')).toMatchObject({ abbreviation: 'VP', name: 'Valsts policija' })
    expect(rows.get('PASV')?.abbreviation).toBeNull()
    expect(rows.get('RPP-RIGA')).toMatchObject({ abbreviation: 'RPP', kind: 'Pašvaldība' })
    expect(rows.get('IeM')?.kind).toBe('Ministrija')
    expect(sheet.getRow(2).getCell(3).alignment).toMatchObject({ wrapText: true })
  })

  it('survives control characters and cells longer than Excel allows', async () => {
    const doc: PlanDocument = structuredClone(demo)
    const measure = doc.plan.actionLines[0].measures[0]
    measure.title = 'Nosaukums\u0000\u0007 ar 🚀'
    measure.progress = [{ institution: 'VP', text: 'ā'.repeat(100_000) }]
    const sheet = await readXlsx(await buildMeasuresXlsx(doc))
    expect(sheet.getRow(2).getCell(4).value).toBe('Nosaukums ar 🚀')
    const progress = String(sheet.getRow(2).getCell(15).value)
    expect(progress.length).toBeLessThanOrEqual(32_767)
    expect(progress.endsWith('[teksts saīsināts; pilns teksts ziņojumā]')).toBe(true)
  })
})

describe('measures.csv', () => {
  const buffer = buildMeasuresCsv(demo)
  const csv = buffer.toString('utf8')

  it('is UTF-8 with a BOM and CRLF line ends', () => {
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    expect(csv.endsWith('\r\n')).toBe(true)
  })

  it('has a header and 30 records, quoted fields spanning lines included', () => {
    const records = parseCsv(csv.slice(1))
    expect(records).toHaveLength(31)
    expect(records[0]).toEqual(MEASURE_COLUMNS.map((c) => c.header))
    expect(records.every((r) => r.length === MEASURE_COLUMNS.length)).toBe(true)
    expect(records.slice(1).map((r) => r[1])).toEqual(demo.plan.actionLines.flatMap((l) => l.measures.map((m) => m.number)))
    // 1.9's title spans lines; 4.2's progress has several paragraphs.
    const title19 = records.find((r) => r[1] === '1.9')?.[3] ?? ''
    expect(title19.split('\r\n').length).toBeGreaterThan(5)
  })

  it('keeps Latvian letters intact', () => {
    const records = parseCsv(csv.slice(1))
    expect(records[0][0]).toBe('Rīcības virziens')
    expect(records[2][12]).toBe('Daļēji izpildīts')
    expect(csv).toContain('Iekšlietu ministrijas budžeta apakšprogrammā 06.01.01 “Valsts policija”')
    expect(records[2][9]).toBe('46000')
  })

  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    const [row] = buildMeasureRows(demo)
    const out = measuresToCsv([{ ...row, title: 'Teksts ar "pēdiņām", komatu', assessment: '=HYPERLINK("http://x")', indicator: '-5' }])
    const [, record] = parseCsv(out.slice(1))
    expect(record[3]).toBe('Teksts ar "pēdiņām", komatu')
    expect(record[13]).toBe('\'=HYPERLINK("http://x")')
    expect(record[11]).toBe('-5')
  })
})
