// measures.xlsx: the measure rows as a spreadsheet for coordinators who sort, filter and annotate
// the plan in Excel: header frozen, autofilter on, wrapped text, dates and sums as real values.
import ExcelJS from 'exceljs'
import type { PlanDocument } from '@apt/shared'
import { MEASURE_COLUMNS, buildMeasureRows, type MeasureRow } from './measure-rows.js'

// Excel refuses cells longer than 32 767 characters (the file then needs "repair"); longer texts
// are cut with a note. The CSV and the DOCX carry them whole.
const EXCEL_CELL_LIMIT = 32_767
const CUT_NOTE = ' … [teksts saīsināts; pilns teksts ziņojumā]'

function cellText(text: string): string {
  return text.length <= EXCEL_CELL_LIMIT ? text : text.slice(0, EXCEL_CELL_LIMIT - CUT_NOTE.length) + CUT_NOTE
}

function cellValue(row: MeasureRow, key: keyof MeasureRow): string | number | Date | null {
  const value = row[key]
  if (key === 'deadlineDue') return value ? new Date(`${value}T00:00:00Z`) : null
  if (typeof value === 'string') return value === '' ? null : cellText(value)
  return value
}

export async function buildMeasuresXlsx(doc: PlanDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Rīcības plāna izpildes uzraudzība'
  workbook.title = `${doc.plan.code}: pasākumi`

  const sheet = workbook.addWorksheet('Pasākumi', {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  sheet.columns = MEASURE_COLUMNS.map((column) => ({ key: column.key, header: column.header, width: column.width }))

  for (const row of buildMeasureRows(doc)) {
    sheet.addRow(Object.fromEntries(MEASURE_COLUMNS.map((column) => [column.key, cellValue(row, column.key)])))
  }

  sheet.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true }
  })
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } }
  sheet.getColumn('deadlineDue').numFmt = 'dd.mm.yyyy'
  sheet.getColumn('budgetTotalEur').numFmt = '# ##0.00'
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: MEASURE_COLUMNS.length } }
  // Print titles: the header row repeats on every printed page.
  sheet.pageSetup.printTitlesRow = '1:1'

  return Buffer.from(await workbook.xlsx.writeBuffer())
}
