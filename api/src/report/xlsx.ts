// measures.xlsx: the measure rows as a spreadsheet for coordinators who sort, filter and annotate
// the plan in Excel: header frozen, autofilter on, long texts wrapped (rows grow with them), dates
// and sums as real values, and a sheet "Iestādes" that spells out the institution codes the
// measure rows use.
import ExcelJS from 'exceljs'
import type { DocInstitution, InstitutionKind, PlanDocument } from '@apt/shared'
import { abbreviationOf } from './institution-labels.js'
import { MEASURE_COLUMNS, buildMeasureRows, compareNumbers, type MeasureRow } from './measure-rows.js'

// Excel refuses cells longer than 32 767 characters (the file then needs "repair"); longer texts
// are cut with a note. The CSV and the DOCX carry them whole.
const EXCEL_CELL_LIMIT = 32_767
const CUT_NOTE = ' … [teksts saīsināts; pilns teksts ziņojumā]'

/** Euro with grouped thousands and cents; Excel shows its locale's separators ("1 234 567,50 €" in Latvian). */
export const EURO_FORMAT = '#,##0.00 "€"'
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } }

const INSTITUTION_KIND_LABELS: Readonly<Record<InstitutionKind, string>> = {
  ministry: 'Ministrija',
  agency: 'Padotības iestāde',
  municipality: 'Pašvaldība',
  ngo: 'Nevalstiskā organizācija',
  other: 'Cita',
}

function cellText(text: string): string {
  return text.length <= EXCEL_CELL_LIMIT ? text : text.slice(0, EXCEL_CELL_LIMIT - CUT_NOTE.length) + CUT_NOTE
}

function cellValue(row: MeasureRow, key: keyof MeasureRow): string | number | Date | null {
  const value = row[key]
  if (key === 'deadlineDue') return value ? new Date(`${value}T00:00:00Z`) : null
  if (typeof value === 'string') return value === '' ? null : cellText(value)
  return value
}

/**
 * Characters an amount takes in EURO_FORMAT ("12,345,678.90 €"): Excel shows "####" when a
 * number does not fit its column, so the column is made as wide as the widest amount.
 */
export function euroWidth(amount: number): number {
  const digits = String(Math.trunc(Math.abs(amount))).length
  return (amount < 0 ? 1 : 0) + digits + Math.floor((digits - 1) / 3) + '.00 €'.length
}

function headerStyle(sheet: ExcelJS.Worksheet, columns: number) {
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.fill = HEADER_FILL
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns } }
  // Print titles: the header row repeats on every printed page.
  sheet.pageSetup.printTitlesRow = '1:1'
}

function addMeasuresSheet(workbook: ExcelJS.Workbook, doc: PlanDocument) {
  const sheet = workbook.addWorksheet('Pasākumi', {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  sheet.columns = MEASURE_COLUMNS.map((column) => ({ key: column.key, header: column.header, width: column.width }))

  const rows = buildMeasureRows(doc)
  for (const row of rows) {
    sheet.addRow(Object.fromEntries(MEASURE_COLUMNS.map((column) => [column.key, cellValue(row, column.key)])))
  }

  // Every cell wraps and sits at the top; no row gets a fixed height, so Excel fits each to its text.
  sheet.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true }
  })
  headerStyle(sheet, MEASURE_COLUMNS.length)
  sheet.getColumn('deadlineDue').numFmt = 'dd.mm.yyyy'
  const amounts = sheet.getColumn('budgetTotalEur')
  amounts.numFmt = EURO_FORMAT
  const widest = Math.max(0, ...rows.map((row) => (row.budgetTotalEur === null ? 0 : euroWidth(row.budgetTotalEur))))
  // Two characters of margin: Excel's width unit is a digit of the default font, plus cell padding.
  amounts.width = Math.max(amounts.width ?? 0, widest + 2)
  // Numbers read right-aligned; the header keeps its wrapped, top-left look.
  amounts.eachCell((cell, rowNumber) => {
    if (rowNumber > 1) cell.alignment = { vertical: 'top', horizontal: 'right' }
  })
}

function addInstitutionsSheet(workbook: ExcelJS.Workbook, doc: PlanDocument) {
  const sheet = workbook.addWorksheet('Iestādes', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] })
  sheet.columns = [
    { key: 'code', header: 'Kods', width: 14 },
    { key: 'abbreviation', header: 'Saīsinājums', width: 14 },
    { key: 'name', header: 'Nosaukums', width: 60 },
    { key: 'kind', header: 'Veids', width: 24 },
    { key: 'parent', header: 'Augstāka iestāde', width: 16 },
  ]
  const byCode = (a: DocInstitution, b: DocInstitution) => compareNumbers(a.code, b.code)
  for (const institution of [...doc.institutions].sort(byCode)) {
    sheet.addRow({
      code: institution.code,
      // Empty where the institution has no official abbreviation (documents print its name).
      abbreviation: abbreviationOf(institution),
      name: institution.name,
      kind: INSTITUTION_KIND_LABELS[institution.kind],
      parent: institution.parent ?? null,
    })
  }
  sheet.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true }
  })
  headerStyle(sheet, 5)
}

export async function buildMeasuresXlsx(doc: PlanDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Rīcības plāna izpildes uzraudzība'
  workbook.title = `${doc.plan.code}: pasākumi`
  addMeasuresSheet(workbook, doc)
  addInstitutionsSheet(workbook, doc)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
