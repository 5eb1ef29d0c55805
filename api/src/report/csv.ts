// measures.csv: the measure rows as RFC 4180 CSV for any spreadsheet or script. UTF-8 with a BOM
// (without it Excel reads Latvian letters as Windows-1257 mojibake), CRLF line ends, comma
// separated. Written by hand: the format is a dozen lines and no dependency adds anything.
import type { PlanDocument } from '@apt/shared'
import { MEASURE_COLUMNS, buildMeasureRows, type MeasureRow } from './measure-rows.js'

const BOM = '\uFEFF'

/**
 * Spreadsheets run a cell starting with =, +, - or @ as a formula, so a text like "=HYPERLINK(…)"
 * in an institution's report would execute when the file is opened (CSV injection). Such texts
 * get a leading apostrophe, which spreadsheets show as plain text. Plain numbers stay as they are.
 */
function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+(\.\d+)?$/.test(value) ? `'${value}` : value
}

/** Quotes a field when RFC 4180 requires it; inner quotes are doubled, newlines become CRLF. */
function field(value: string | number | null): string {
  if (value === null) return ''
  const text = neutraliseFormula(String(value)).replace(/\r?\n/g, '\r\n')
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** A table as CSV text: the BOM, the header, one record per row, CRLF after each. */
export function csvTable(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const records = [header, ...rows].map((cells) => cells.map(field).join(','))
  return `${BOM}${records.join('\r\n')}\r\n`
}

export function measuresToCsv(rows: readonly MeasureRow[]): string {
  return csvTable(
    MEASURE_COLUMNS.map((column) => column.header),
    rows.map((row) => MEASURE_COLUMNS.map((column) => row[column.key])),
  )
}

/** The plan's measures as a UTF-8 CSV file. */
export function buildMeasuresCsv(doc: PlanDocument): Buffer {
  return Buffer.from(measuresToCsv(buildMeasureRows(doc)), 'utf8')
}
