// plan.xlsx: the whole plan as one workbook a coordinator edits in Excel, and the reader that turns
// such a workbook back into an `action-plan/1` document. Import = export format: the sheet names,
// the header texts and the Plāns labels below are fixed (docs/api.md "The plan workbook"); the
// reader finds columns by their header text, not their position, so columns may be moved, and
// export → import gives the same document.
import { DOMParser } from '@xmldom/xmldom'
import ExcelJS from 'exceljs'
import {
  AppError,
  BUDGET_SOURCE_LABELS,
  BUDGET_SOURCES,
  defaultAbbreviation,
  type BudgetSource,
  type DocActionLine,
  type DocBudgetLine,
  type DocInstitution,
  type DocMeasure,
  type DocProgress,
  ErrorCode,
  type ImportProblem,
  INSTITUTION_KINDS,
  type InstitutionKind,
  MEASURE_STATUS_LABELS,
  MEASURE_STATUSES,
  type MeasureStatus,
  PLAN_FORMAT,
  type PlanDocument,
} from '@apt/shared'
import { sanitizeText } from '../../../report/text.js'
import { plainText } from '../input.js'
import { importProblem, type ParsedPlan } from './file-import/parsed-plan.js'
import { assertSafeZip, openZip, unreadableFile } from './file-import/zip.js'

export const WORKBOOK_SHEETS = {
  plan: 'Plāns',
  measures: 'Pasākumi',
  budget: 'Finansējums',
  progress: 'Izpildes gaita',
  institutions: 'Iestādes',
} as const

type Format = 'text' | 'date' | 'amount' | 'year'

interface ColumnSpec<K extends string = string> {
  key: K
  header: string
  /** The format's field, as problems name it. */
  field: string
  width: number
  /** How the cell is written and read; plain (wrapped) text when absent. */
  format?: Format
}

const column = <K extends string>(key: K, header: string, field: string, width: number, format?: Format): ColumnSpec<K> => ({
  key,
  header,
  field,
  width,
  format,
})

/** Pasākumi: one row per measure; an action line without measures is a row with only its three cells. */
export const MEASURE_COLUMNS = [
  column('lineNumber', 'Rīcības virziena Nr.', 'actionLine.number', 10, 'text'),
  column('lineTitle', 'Rīcības virziens', 'actionLine.title', 30),
  column('lineGoal', 'Rīcības virziena mērķis', 'actionLine.goal', 30),
  column('number', 'Pasākuma Nr.', 'number', 10, 'text'),
  column('sourceRef', 'Nr. plānā', 'sourceRef', 10, 'text'),
  column('title', 'Pasākums', 'title', 60),
  column('responsible', 'Atbildīgās institūcijas', 'responsible', 16),
  column('involved', 'Iesaistītās institūcijas', 'involved', 16),
  column('deadlineText', 'Izpildes termiņš', 'deadline.text', 20),
  column('deadlineDue', 'Izpildes termiņš (datums)', 'deadline.due', 13, 'date'),
  column('budgetText', 'Budžets', 'budget.text', 40),
  column('expectedResult', 'Darbības rezultāts', 'expectedResult', 40),
  column('indicator', 'Rezultatīvais rādītājs', 'indicator', 40),
  column('status', 'Izpildes pakāpe', 'status', 17),
  column('assessment', 'Vērtējums', 'assessment', 50),
  column('excludedAct', 'Izslēgts ar aktu', 'excluded.act', 30),
  column('excludedDate', 'Izslēgšanas datums', 'excluded.date', 13, 'date'),
] as const
export type MeasureColumnKey = (typeof MEASURE_COLUMNS)[number]['key']
const MEASURES_REQUIRED: MeasureColumnKey[] = ['lineNumber', 'number', 'title', 'responsible']

/** Finansējums: the budget lines, each row naming its measure by number. */
export const BUDGET_COLUMNS = [
  column('measure', 'Pasākuma Nr.', 'number', 10, 'text'),
  column('amount', 'Summa, euro', 'budget.lines.amountEur', 14, 'amount'),
  column('source', 'Avots', 'budget.lines.source', 28),
  column('institution', 'Iestāde', 'budget.lines.institution', 12),
  column('programme', 'Budžeta programma', 'budget.lines.programme', 36),
  column('year', 'Gads', 'budget.lines.year', 8, 'year'),
  column('granted', 'Piešķirts', 'budget.lines.granted', 10),
] as const

/**
 * Izpildes gaita: the progress entries in order, each row naming its measure by number. A text
 * longer than an Excel cell holds continues in the rows below it, which leave Iestāde and Periods
 * empty.
 */
export const PROGRESS_COLUMNS = [
  column('measure', 'Pasākuma Nr.', 'number', 10, 'text'),
  column('institution', 'Iestāde', 'progress.institution', 12),
  column('period', 'Periods', 'progress.period', 14),
  column('text', 'Izpildes gaita', 'progress.text', 100),
] as const

/** Iestādes: the institutions the plan names, by code. */
export const INSTITUTION_COLUMNS = [
  column('code', 'Kods', 'institutions.code', 12, 'text'),
  column('name', 'Nosaukums', 'institutions.name', 50),
  // The official abbreviation; empty when the institution has none (documents then print its name).
  column('abbreviation', 'Saīsinājums', 'institutions.abbreviation', 14, 'text'),
  column('kind', 'Veids', 'institutions.kind', 26),
  column('parent', 'Augstākā iestāde', 'institutions.parent', 16, 'text'),
] as const

/** Plāns: one row per plan field, its label in column A and its value in column B. */
export const PLAN_ROWS = [
  { key: 'code', label: 'Kods', field: 'plan.code', format: 'text' },
  { key: 'title', label: 'Nosaukums', field: 'plan.title' },
  { key: 'periodStart', label: 'Perioda sākums', field: 'plan.period.start', format: 'date' },
  { key: 'periodEnd', label: 'Perioda beigas', field: 'plan.period.end', format: 'date' },
  { key: 'approvedBy', label: 'Apstiprināts ar', field: 'plan.approvedBy' },
  { key: 'coordinator', label: 'Koordinējošā iestāde', field: 'plan.coordinator', format: 'text' },
  { key: 'reportDue', label: 'Ziņojuma termiņš', field: 'plan.reportDue', format: 'date' },
  { key: 'policyFramework', label: 'Politikas plānošanas dokuments', field: 'plan.policyFramework' },
  { key: 'goal', label: 'Plāna mērķis', field: 'plan.goal' },
] as const
type PlanRowKey = (typeof PLAN_ROWS)[number]['key']
const PLAN_HEADER = ['Lauks', 'Vērtība'] as const

/** The institution kinds as the web app names them. */
export const INSTITUTION_KIND_LABELS: Record<InstitutionKind, string> = {
  ministry: 'Ministrija',
  agency: 'Padotības iestāde',
  municipality: 'Pašvaldība',
  ngo: 'Nevalstiskā organizācija',
  other: 'Cita',
}
const YES = 'jā'
const NO = 'nē'

// Excel refuses cells longer than 32 767 characters.
const EXCEL_CELL_LIMIT = 32_767
/** Rows a data validation list covers beyond the data, for the rows a clerk adds. */
const VALIDATION_SPARE_ROWS = 500
const DATE_FORMAT = 'dd.mm.yyyy'

// ---------------------------------------------------------------------------------------------
// Writing

const clean = (text: string | null | undefined) => (text == null ? null : sanitizeText(text))
const excelDate = (iso: string | null | undefined) => (iso ? new Date(`${iso}T00:00:00Z`) : null)

/**
 * A text cut into pieces an Excel cell holds, never inside a surrogate pair. Edge spaces survive:
 * exceljs and Excel write them with xml:space="preserve", and the reader joins the pieces as they are.
 */
export function cellPieces(text: string, limit = EXCEL_CELL_LIMIT): string[] {
  const pieces: string[] = []
  let rest = text
  while (rest.length > limit) {
    const end = /[\uD800-\uDBFF]/.test(rest[limit - 1]!) ? limit - 1 : limit
    pieces.push(rest.slice(0, end))
    rest = rest.slice(end)
  }
  pieces.push(rest)
  return pieces
}

// exceljs writes range validations (one <dataValidation sqref="N2:N531">) though its typings only
// show the per-cell form; one range keeps the file small.
type ValidationList = { add(range: string, validation: ExcelJS.DataValidation): void }
const validationsOf = (sheet: ExcelJS.Worksheet) => (sheet as unknown as { dataValidations: ValidationList }).dataValidations

function listValidation(sheet: ExcelJS.Worksheet, columnIndex: number, values: readonly string[], lastRow: number, title: string) {
  const letter = sheet.getColumn(columnIndex).letter
  validationsOf(sheet).add(`${letter}2:${letter}${lastRow + VALIDATION_SPARE_ROWS}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: title,
    error: `Izvēlieties vienu no vērtībām: ${values.join(', ')}`,
  })
}

function tableSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly ColumnSpec[], rows: Record<string, unknown>[]) {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  sheet.columns = columns.map((c) => ({
    key: c.key,
    header: c.header,
    width: c.width,
    style: {
      alignment: { vertical: 'top', wrapText: true },
      // Numbers such as "2.10" stay text when a clerk types them; dates and sums show as such.
      ...(c.format === 'text' ? { numFmt: '@' } : {}),
      ...(c.format === 'date' ? { numFmt: DATE_FORMAT } : {}),
      ...(c.format === 'amount' ? { numFmt: '#,##0.00' } : {}),
      ...(c.format === 'year' ? { numFmt: '0' } : {}),
    },
  }))
  for (const row of rows) sheet.addRow(row)
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } }
  header.alignment = { vertical: 'top', wrapText: true }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  sheet.pageSetup.printTitlesRow = '1:1'
  return sheet
}

const indexOf = (columns: readonly ColumnSpec[], key: string) => columns.findIndex((c) => c.key === key) + 1

/** The whole plan as one workbook: Plāns, Pasākumi, Finansējums, Izpildes gaita, Iestādes. */
export async function writePlanWorkbook(doc: PlanDocument, exportedAt: Date = new Date()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Rīcības plāna izpildes uzraudzība'
  // When the plan was read for this file (docProps/core.xml, kept when a clerk saves it in Excel):
  // an update from the file refuses to undo what changed in the plan since.
  // Rounded up to the second the file format keeps, so a change just before the export is never taken for one after it.
  workbook.created = new Date(Math.ceil(exportedAt.getTime() / 1000) * 1000)
  workbook.title = `${doc.plan.code}: plāns`
  const p = doc.plan

  const planSheet = workbook.addWorksheet(WORKBOOK_SHEETS.plan, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] })
  planSheet.columns = [
    { header: PLAN_HEADER[0], key: 'label', width: 32, style: { alignment: { vertical: 'top', wrapText: true }, font: { bold: true } } },
    { header: PLAN_HEADER[1], key: 'value', width: 100, style: { alignment: { vertical: 'top', wrapText: true } } },
  ]
  const planValues: Record<PlanRowKey, string | Date | null> = {
    code: p.code,
    title: clean(p.title),
    periodStart: excelDate(p.period.start),
    periodEnd: excelDate(p.period.end),
    approvedBy: clean(p.approvedBy),
    coordinator: p.coordinator,
    reportDue: excelDate(p.reportDue),
    policyFramework: clean(p.policyFramework),
    goal: clean(p.goal),
  }
  for (const spec of PLAN_ROWS) {
    const row = planSheet.addRow({ label: spec.label, value: planValues[spec.key] })
    const format = 'format' in spec ? spec.format : undefined
    if (format === 'date') row.getCell(2).numFmt = DATE_FORMAT
    if (format === 'text') row.getCell(2).numFmt = '@'
  }
  planSheet.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } }

  const measureRows: Record<string, unknown>[] = []
  const budgetRows: Record<string, unknown>[] = []
  const progressRows: Record<string, unknown>[] = []
  for (const line of p.actionLines) {
    const lineCells = { lineNumber: line.number, lineTitle: clean(line.title), lineGoal: clean(line.goal) }
    if (line.measures.length === 0) measureRows.push(lineCells)
    for (const m of line.measures) {
      measureRows.push({
        ...lineCells,
        number: m.number,
        sourceRef: clean(m.sourceRef),
        title: clean(m.title),
        responsible: m.responsible.join(', '),
        involved: (m.involved ?? []).join(', ') || null,
        deadlineText: clean(m.deadline?.text) || null,
        deadlineDue: excelDate(m.deadline?.due),
        budgetText: clean(m.budget?.text),
        expectedResult: clean(m.expectedResult),
        indicator: clean(m.indicator),
        status: MEASURE_STATUS_LABELS.lv[m.status],
        assessment: clean(m.assessment),
        excludedAct: clean(m.excluded?.act),
        excludedDate: excelDate(m.excluded?.date),
      })
      for (const b of m.budget?.lines ?? [])
        budgetRows.push({
          measure: m.number,
          amount: b.amountEur,
          source: BUDGET_SOURCE_LABELS.lv[b.source],
          institution: b.institution ?? null,
          programme: clean(b.programme),
          year: b.year ?? null,
          granted: b.granted == null ? null : b.granted ? YES : NO,
        })
      for (const entry of m.progress ?? []) {
        const [first, ...more] = cellPieces(sanitizeText(entry.text))
        progressRows.push({ measure: m.number, institution: entry.institution, period: clean(entry.period), text: first })
        for (const piece of more) progressRows.push({ measure: m.number, institution: null, period: null, text: piece })
      }
    }
  }

  const measures = tableSheet(workbook, WORKBOOK_SHEETS.measures, MEASURE_COLUMNS, measureRows)
  const statusLabels = MEASURE_STATUSES.map((s) => MEASURE_STATUS_LABELS.lv[s])
  listValidation(measures, indexOf(MEASURE_COLUMNS, 'status'), statusLabels, measureRows.length + 1, 'Izpildes pakāpe')

  const budget = tableSheet(workbook, WORKBOOK_SHEETS.budget, BUDGET_COLUMNS, budgetRows)
  const sources = BUDGET_SOURCES.map((s) => BUDGET_SOURCE_LABELS.lv[s])
  listValidation(budget, indexOf(BUDGET_COLUMNS, 'source'), sources, budgetRows.length + 1, 'Avots')
  listValidation(budget, indexOf(BUDGET_COLUMNS, 'granted'), [YES, NO], budgetRows.length + 1, 'Piešķirts')

  tableSheet(workbook, WORKBOOK_SHEETS.progress, PROGRESS_COLUMNS, progressRows)

  const institutionRows = doc.institutions.map((i) => ({
    code: i.code,
    name: clean(i.name),
    abbreviation: i.abbreviation === undefined ? defaultAbbreviation(i.code, i.kind) : i.abbreviation,
    kind: INSTITUTION_KIND_LABELS[i.kind],
    parent: i.parent ?? null,
  }))
  const institutions = tableSheet(workbook, WORKBOOK_SHEETS.institutions, INSTITUTION_COLUMNS, institutionRows)
  const kinds = INSTITUTION_KINDS.map((k) => INSTITUTION_KIND_LABELS[k])
  listValidation(institutions, indexOf(INSTITUTION_COLUMNS, 'kind'), kinds, institutionRows.length + 1, 'Veids')

  return Buffer.from(await workbook.xlsx.writeBuffer())
}

// ---------------------------------------------------------------------------------------------
// Reading

type Scalar = string | number | boolean | Date | null

/** A cell's value as shown: rich text joined, a formula's result, a hyperlink's text; errors are empty. */
function scalarOf(value: ExcelJS.CellValue | undefined): Scalar {
  if (value === null || value === undefined) return null
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if ('richText' in value) return value.richText.map((run) => run.text).join('')
  if ('formula' in value || 'sharedFormula' in value) return scalarOf(value.result as ExcelJS.CellValue)
  if ('hyperlink' in value) return scalarOf(value.text as ExcelJS.CellValue)
  return null
}

const pad = (n: number) => String(n).padStart(2, '0')
const isoOf = (d: Date) => `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
const shownDate = (d: Date) => `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`

/** Text as the reader gives it, and as the plan stores it: line ends "\n", no control characters, trimmed. */
export const readText = (text: string) => plainText(sanitizeText(text)).trim()

/** A cell as text (see `readText`); a date as DD.MM.YYYY. */
function textOf(value: Scalar): string {
  if (value === null) return ''
  if (value instanceof Date) return shownDate(value)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  return readText(String(value))
}

/** Header texts and labels compared as a person reads them: case, spacing and Unicode form aside. */
const norm = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('lv')

const validIso = (y: number, m: number, d: number) => {
  if (y < 1 || m < 1 || m > 12 || d < 1) return null
  const date = new Date(Date.UTC(y, m - 1, d))
  date.setUTCFullYear(y)
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? isoOf(date) : null
}

// Excel's day 0 is 1899-12-30 (its 1900 date system, counting the leap day 1900 never had).
const EXCEL_EPOCH = Date.UTC(1899, 11, 30)

/** A date from a date cell, an Excel day number, or text as DD.MM.YYYY or YYYY-MM-DD; undefined when it is none. */
function dateOf(value: Scalar): string | null | undefined {
  if (value === null) return null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : isoOf(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 1 || value > 2_958_465) return undefined
    return isoOf(new Date(EXCEL_EPOCH + Math.floor(value) * 86_400_000))
  }
  const text = textOf(value)
  if (text === '') return null
  const lv = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\.?$/.exec(text)
  if (lv) return validIso(Number(lv[3]), Number(lv[2]), Number(lv[1])) ?? undefined
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (iso) return validIso(Number(iso[1]), Number(iso[2]), Number(iso[3])) ?? undefined
  return undefined
}

const codesOf = (text: string) =>
  text
    .split(/[,;\n]+/)
    .map((c) => c.trim())
    .filter(Boolean)

function labelled<T extends string>(text: string, values: readonly T[], label: (value: T) => string): T | undefined {
  const wanted = norm(text)
  return values.find((v) => norm(label(v)) === wanted || norm(v) === wanted)
}

/** A problem and the sheet it is on (the update weighs problems by sheet). */
export interface SheetProblem extends ImportProblem {
  sheet: string
}

/**
 * A problem located as a person reads the workbook: on Pasākumi as every plan file's ("7. rinda,
 * Izpildes pakāpe: …"), on another sheet, or on no row, with the sheet named first.
 */
export function sheetProblem(
  sheet: string,
  row: number | null,
  column: string | null,
  field: string | null,
  text: string,
  severity: ImportProblem['severity'] = 'error',
): SheetProblem {
  const problem = importProblem(row, column, field, text, severity)
  if (sheet === WORKBOOK_SHEETS.measures && row !== null) return { ...problem, sheet }
  const place = [`Lapa „${sheet}”`, row === null ? null : `${row}. rinda`, column].filter(Boolean).join(', ')
  return { ...problem, sheet, location: [{ kind: 'sheet', number: sheet }, ...problem.location], message: `${place}: ${text}` }
}

class Problems {
  readonly list: SheetProblem[] = []

  add(...args: Parameters<typeof sheetProblem>) {
    this.list.push(sheetProblem(...args))
  }
}

interface SheetRow {
  row: number
  /** The cell under a column's header (null when the sheet has no such column). */
  get(key: string): Scalar
  /** The column's header as the file writes it. */
  header(key: string): string
  /** Whether the sheet has the column at all (an older workbook may lack an optional one). */
  has(key: string): boolean
}

interface Table {
  present: Set<string>
  /** Each column's header as the file writes it, by key. */
  headers: Map<string, string>
  rows: SheetRow[]
}

function findSheet(workbook: ExcelJS.Workbook, name: string) {
  return workbook.worksheets.find((s) => norm(s.name) === norm(name))
}

/**
 * The rows of a sheet under its header row (the first of its first ten rows holding every
 * required header), cells by column key; rows with nothing in any known column are left out.
 */
function readTable(sheet: ExcelJS.Worksheet, columns: readonly ColumnSpec[], required: readonly string[]): Table | { missing: string[] } {
  let best: { row: number; found: Map<string, { index: number; header: string }> } | undefined
  for (let r = 1; r <= Math.min(10, sheet.rowCount); r++) {
    const found = new Map<string, { index: number; header: string }>()
    sheet.getRow(r).eachCell((cell, index) => {
      const text = textOf(scalarOf(cell.value))
      const spec = columns.find((c) => norm(c.header) === norm(text))
      if (spec && !found.has(spec.key)) found.set(spec.key, { index, header: text })
    })
    if (required.every((k) => found.has(k))) {
      best = { row: r, found }
      break
    }
    if (!best || found.size > best.found.size) best = { row: r, found }
  }
  const missing = required.filter((k) => !best?.found.has(k))
  if (missing.length || !best) return { missing: missing.map((k) => columns.find((c) => c.key === k)!.header) }
  const { row: headerRow, found } = best
  const rows: SheetRow[] = []
  sheet.eachRow((row, n) => {
    if (n <= headerRow) return
    const get = (key: string) => {
      const at = found.get(key)
      return at ? scalarOf(row.getCell(at.index).value) : null
    }
    if ([...found.keys()].every((key) => textOf(get(key)) === '')) return
    rows.push({
      row: n,
      get,
      header: (key) => found.get(key)?.header ?? columns.find((c) => c.key === key)!.header,
      has: (key) => found.has(key),
    })
  })
  return { present: new Set(found.keys()), headers: new Map([...found].map(([key, at]) => [key, at.header])), rows }
}

/** What the reader found, beyond the plan: for the update of an existing plan (./plan-update.ts). */
export interface WorkbookRead extends ParsedPlan {
  problems: SheetProblem[]
  rows: Map<string, number>
  columns: Partial<Record<string, string>>
  /** False when there is no Pasākumi sheet with its headers: nothing of the measures could be read. */
  hasMeasures: boolean
  /** The Pasākumi columns the workbook has, with their headers as it writes them. */
  measureColumns: ReadonlySet<MeasureColumnKey>
  measureHeaders: ReadonlyMap<MeasureColumnKey, string>
  /** The Pasākumi row of each measure, by number. */
  measureRows: Map<string, number>
  /** When the product wrote the file (its creation time), if the file says. */
  exportedAt: Date | null
}

// Parts of a worksheet exceljs expands cell by cell on load, so that a range over a whole sheet
// never finishes (exceljs issues #1283, #1842); the reader needs none of them.
const IGNORED_NODES = ['dataValidations', 'mergeCells', 'conditionalFormatting', 'extLst']
/** Defined names over more cells than this are refused: exceljs also expands them cell by cell. */
const MAX_DEFINED_NAME_CELLS = 1_000_000

function columnNumber(letters: string) {
  let n = 0
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64)
  return n
}

/** The largest cell range any defined name in xl/workbook.xml covers. */
function largestDefinedRange(workbookXml: Uint8Array): number {
  const xml = new DOMParser().parseFromString(new TextDecoder().decode(workbookXml), 'text/xml')
  let largest = 0
  const names = xml.getElementsByTagName('definedName')
  for (let i = 0; i < names.length; i++) {
    for (const m of (names[i]!.textContent ?? '').matchAll(/\$([A-Za-z]+)\$(\d+):\$([A-Za-z]+)\$(\d+)/g)) {
      const cols = Math.abs(columnNumber(m[3]!) - columnNumber(m[1]!)) + 1
      const rows = Math.abs(Number(m[4]) - Number(m[2])) + 1
      largest = Math.max(largest, cols * rows)
    }
  }
  return largest
}

/** 415: a zip archive, but not a workbook (a .docx, an .odt, …). */
const notWorkbook = () => new AppError(ErrorCode.unsupportedMediaType, 'The file is not an Excel workbook (.xlsx)')
/** 422: a workbook exceljs cannot read (damaged XML inside). */
const damagedWorkbook = () =>
  unreadableFile(
    'The workbook is damaged and cannot be read',
    'Darbgrāmata ir bojāta, to nevar nolasīt. Saglabājiet to Excel vēlreiz un augšupielādējiet.',
  )

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  // The zip is checked whole (sizes, ratio, entries) before exceljs unpacks it.
  await assertSafeZip(bytes, { expected: 'an .xlsx workbook' })
  const parts = await openZip(bytes, { expected: 'an .xlsx workbook', include: (name) => name === 'xl/workbook.xml' })
  const workbookXml = parts.get('xl/workbook.xml')
  if (!workbookXml) throw notWorkbook()
  if (largestDefinedRange(workbookXml) > MAX_DEFINED_NAME_CELLS)
    throw unreadableFile(
      'The workbook defines a name over more cells than a plan needs',
      'Darbgrāmatā ir nosaukums (defined name), kas aptver pārāk daudz šūnu. Izdzēsiet to un augšupielādējiet vēlreiz.',
    )
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer, {
      ignoreNodes: IGNORED_NODES,
    })
  } catch {
    throw damagedWorkbook()
  }
  return workbook
}

/** Reads a plan workbook: the plan as the workbook has it, institutions as written, every problem located. */
export async function readPlanWorkbook(bytes: Uint8Array): Promise<ParsedPlan> {
  const { document, problems, institutionRows, rows, columns } = await readWorkbook(bytes)
  return { document, problems: problems.map(({ sheet: _sheet, ...problem }) => problem), institutionRows, rows, columns }
}

/** The reader with what the update of an existing plan needs besides the plan. */
export async function readWorkbook(bytes: Uint8Array): Promise<WorkbookRead> {
  return readLoadedWorkbook(await loadWorkbook(bytes))
}

export function readLoadedWorkbook(workbook: ExcelJS.Workbook): WorkbookRead {
  const problems = new Problems()
  // The rows that name an institution are the Pasākumi rows of the measures naming it (as
  // responsible, involved, in a budget line or a progress entry): where a clerk finds it. The
  // coordinator and a parent in Iestādes are listed too, with no rows of their own.
  const institutionRows = new Map<string, number[]>()
  const nameInstitution = (text: string, row: number | null) => {
    const rows = institutionRows.get(text) ?? []
    if (row !== null && !rows.includes(row)) rows.push(row)
    institutionRows.set(text, rows)
  }
  const S = WORKBOOK_SHEETS

  // Plāns
  const plan = {
    code: '',
    title: '',
    period: { start: '', end: '' },
    approvedBy: null as string | null,
    coordinator: '',
    reportDue: null as string | null,
    policyFramework: null as string | null,
    goal: null as string | null,
  }
  const planSheet = findSheet(workbook, S.plan)
  if (!planSheet) problems.add(S.plan, null, null, 'plan', 'lapa nav atrasta; plāna lauki (kods, nosaukums, periods) nav nolasīti')
  else {
    const seen = new Map<PlanRowKey, { value: Scalar; row: number; label: string }>()
    planSheet.eachRow((row, n) => {
      const label = textOf(scalarOf(row.getCell(1).value))
      const spec = PLAN_ROWS.find((s) => norm(s.label) === norm(label))
      if (spec && !seen.has(spec.key)) seen.set(spec.key, { value: scalarOf(row.getCell(2).value), row: n, label })
    })
    for (const spec of PLAN_ROWS) {
      const cell = seen.get(spec.key)
      const required = ['code', 'title', 'periodStart', 'periodEnd', 'coordinator'].includes(spec.key)
      if (!cell) {
        if (required) problems.add(S.plan, null, spec.label, spec.field, `nav rindas „${spec.label}”`)
        continue
      }
      const format = 'format' in spec ? spec.format : undefined
      if (format === 'date') {
        const date = dateOf(cell.value)
        if (date === undefined) problems.add(S.plan, cell.row, cell.label, spec.field, `nav derīgs datums „${textOf(cell.value)}”`)
        else if (date === null && required) problems.add(S.plan, cell.row, cell.label, spec.field, 'nav norādīts datums')
        else if (spec.key === 'periodStart') plan.period.start = date ?? ''
        else if (spec.key === 'periodEnd') plan.period.end = date ?? ''
        else plan.reportDue = date
        continue
      }
      const text = textOf(cell.value)
      if (required && text === '') problems.add(S.plan, cell.row, cell.label, spec.field, 'nav norādīts')
      if (spec.key === 'code' || spec.key === 'title') plan[spec.key] = text
      else if (spec.key === 'coordinator') {
        plan.coordinator = text
        if (text) nameInstitution(text, null)
      } else if (spec.key === 'approvedBy' || spec.key === 'policyFramework' || spec.key === 'goal') plan[spec.key] = text || null
    }
  }

  // Pasākumi
  const lines: DocActionLine[] = []
  const lineByNumber = new Map<string, { line: DocActionLine; row: number }>()
  const measureByNumber = new Map<string, DocMeasure>()
  const measureRows = new Map<string, number>()
  let measureColumns = new Set<MeasureColumnKey>()
  const measureSheet = findSheet(workbook, S.measures)
  const measureTable = measureSheet ? readTable(measureSheet, MEASURE_COLUMNS, MEASURES_REQUIRED) : undefined
  if (!measureSheet) problems.add(S.measures, null, null, null, 'lapa nav atrasta; darbgrāmatā nav pasākumu')
  else if (measureTable && 'missing' in measureTable)
    problems.add(S.measures, null, null, null, `nav atrastas kolonnas: ${measureTable.missing.map((h) => `„${h}”`).join(', ')}`)
  else if (measureTable) {
    measureColumns = measureTable.present as Set<MeasureColumnKey>
    const absent = MEASURE_COLUMNS.filter((c) => !measureTable.present.has(c.key))
    if (absent.length)
      problems.add(
        S.measures,
        null,
        null,
        null,
        `nav kolonnu ${absent.map((c) => `„${c.header}”`).join(', ')}; šie lauki paliek tukši un netiek salīdzināti`,
        'warning',
      )
    for (const r of measureTable.rows) readMeasureRow(r)
  }

  function readMeasureRow(r: SheetRow) {
    const at = (key: MeasureColumnKey) => ({ value: r.get(key), text: textOf(r.get(key)) })
    const field = (key: MeasureColumnKey) => MEASURE_COLUMNS.find((c) => c.key === key)!.field
    const problem = (key: MeasureColumnKey, text: string, severity: ImportProblem['severity'] = 'error') =>
      problems.add(S.measures, r.row, r.header(key), field(key), text, severity)

    const lineNumber = at('lineNumber').text
    const number = at('number').text
    if (!lineNumber) {
      problem('lineNumber', 'nav norādīts rīcības virziena numurs')
      return
    }
    let entry = lineByNumber.get(lineNumber)
    const title = at('lineTitle').text
    const goal = at('lineGoal').text || null
    if (!entry) {
      if (!title) problem('lineTitle', 'nav norādīts rīcības virziena nosaukums')
      entry = { line: { number: lineNumber, title, goal, measures: [] }, row: r.row }
      lineByNumber.set(lineNumber, entry)
      lines.push(entry.line)
    } else {
      // Each row repeats its action line; a clerk who edits one row's copy must edit all.
      if (measureColumns.has('lineTitle') && title !== entry.line.title)
        problem('lineTitle', `rīcības virziena ${lineNumber} nosaukums atšķiras no ${entry.row}. rindas`)
      if (measureColumns.has('lineGoal') && goal !== entry.line.goal)
        problem('lineGoal', `rīcības virziena ${lineNumber} mērķis atšķiras no ${entry.row}. rindas`)
    }
    const measureCells = MEASURE_COLUMNS.filter((c) => !c.key.startsWith('line')).some((c) => textOf(r.get(c.key)) !== '')
    if (!measureCells) return // an action line without measures
    if (!number) {
      problem('number', 'nav norādīts pasākuma numurs')
      return
    }
    if (measureRows.has(number)) {
      problem('number', `pasākuma numurs „${number}” atkārtojas (arī ${measureRows.get(number)}. rindā)`)
      return
    }
    measureRows.set(number, r.row)

    const measureTitle = at('title').text
    if (!measureTitle) problem('title', 'nav norādīts pasākuma nosaukums')
    const responsible = codesOf(at('responsible').text)
    if (!responsible.length) problem('responsible', 'nav norādīta neviena atbildīgā institūcija')
    const involved = codesOf(at('involved').text)
    for (const code of [...responsible, ...involved]) nameInstitution(code, r.row)

    const due = dateOf(at('deadlineDue').value)
    if (due === undefined) problem('deadlineDue', `nav derīgs datums „${at('deadlineDue').text}”`)
    const deadlineText = at('deadlineText').text
    const deadline = deadlineText || due ? { text: deadlineText, due: due ?? null } : null

    const statusText = at('status').text
    let status: MeasureStatus = 'pending'
    if (statusText) {
      const found = labelled(statusText, MEASURE_STATUSES, (s) => MEASURE_STATUS_LABELS.lv[s])
      if (found) status = found
      else
        problem(
          'status',
          `nezināma izpildes pakāpe „${statusText}” (derīgās: ${MEASURE_STATUSES.map((s) => MEASURE_STATUS_LABELS.lv[s]).join(', ')})`,
        )
    }

    const excludedAct = at('excludedAct').text
    const excludedDate = dateOf(at('excludedDate').value)
    let excluded: DocMeasure['excluded'] = null
    if (excludedDate === undefined) problem('excludedDate', `nav derīgs datums „${at('excludedDate').text}”`)
    else if (excludedAct && excludedDate) excluded = { act: excludedAct, date: excludedDate }
    else if (excludedAct) problem('excludedDate', 'norādīts izslēgšanas akts, bet nav norādīts datums')
    else if (excludedDate) problem('excludedAct', 'norādīts izslēgšanas datums, bet nav norādīts akts')

    const measure: DocMeasure = {
      number,
      sourceRef: at('sourceRef').text || null,
      title: measureTitle,
      responsible,
      involved,
      deadline,
      // The budget lines (Finansējums) join below; the measure has a budget when it has either.
      budget: { text: at('budgetText').text || null, lines: [] },
      expectedResult: at('expectedResult').text || null,
      indicator: at('indicator').text || null,
      status,
      assessment: at('assessment').text || null,
      progress: [],
      ...(excluded ? { excluded } : {}),
    }
    entry.line.measures.push(measure)
    measureByNumber.set(number, measure)
  }

  /** The measure a Finansējums or Izpildes gaita row names; a problem when there is none. */
  const measureOf = (sheet: string, r: SheetRow) => {
    const number = textOf(r.get('measure'))
    const measure = measureByNumber.get(number)
    if (!measure)
      problems.add(
        sheet,
        r.row,
        r.header('measure'),
        'number',
        number ? `lapā „${S.measures}” nav pasākuma „${number}”` : 'nav norādīts pasākuma numurs',
      )
    return measure
  }
  const optionalSheet = (name: string, columns: readonly ColumnSpec[], required: string[], missingNote: string) => {
    const sheet = findSheet(workbook, name)
    if (!sheet) {
      problems.add(name, null, null, null, `lapa nav atrasta; ${missingNote}`, 'warning')
      return []
    }
    const table = readTable(sheet, columns, required)
    if ('missing' in table) {
      problems.add(name, null, null, null, `nav atrastas kolonnas: ${table.missing.map((h) => `„${h}”`).join(', ')}`)
      return []
    }
    return table.rows
  }

  // Finansējums
  for (const r of optionalSheet(S.budget, BUDGET_COLUMNS, ['measure', 'amount', 'source'], 'pasākumiem nav finansējuma rindu')) {
    const measure = measureOf(S.budget, r)
    const problem = (key: string, text: string) =>
      problems.add(S.budget, r.row, r.header(key), BUDGET_COLUMNS.find((c) => c.key === key)!.field, text)
    const amountCell = r.get('amount')
    const amount = amountOf(amountCell)
    if (amount === undefined) problem('amount', `nav derīga summa „${textOf(amountCell)}”`)
    const sourceText = textOf(r.get('source'))
    const source = labelled(sourceText, BUDGET_SOURCES, (s: BudgetSource) => BUDGET_SOURCE_LABELS.lv[s])
    if (!source)
      problem(
        'source',
        sourceText
          ? `nezināms avots „${sourceText}” (derīgie: ${BUDGET_SOURCES.map((s) => BUDGET_SOURCE_LABELS.lv[s]).join(', ')})`
          : 'nav norādīts avots',
      )
    const institution = textOf(r.get('institution')) || null
    if (institution) nameInstitution(institution, measure ? measureRows.get(measure.number)! : null)
    const yearCell = r.get('year')
    const year = yearOf(yearCell)
    if (year === undefined) problem('year', `nav derīgs gads „${textOf(yearCell)}” (1990–2100)`)
    const grantedText = textOf(r.get('granted'))
    const granted = grantedOf(r.get('granted'))
    if (granted === undefined) problem('granted', `jābūt „${YES}” vai „${NO}”, nevis „${grantedText}”`)
    if (!measure || amount === undefined || !source || year === undefined || granted === undefined) continue
    const line: DocBudgetLine = {
      amountEur: amount,
      source,
      institution,
      programme: textOf(r.get('programme')) || null,
      year,
      granted,
    }
    measure.budget!.lines!.push(line)
  }

  // Izpildes gaita
  let last: { measure: DocMeasure; entry: DocProgress; raw: string[] } | undefined
  const progressRows = optionalSheet(S.progress, PROGRESS_COLUMNS, ['measure', 'institution', 'text'], 'pasākumiem nav izpildes gaitas')
  const finishEntry = () => {
    if (last) last.entry.text = readText(last.raw.join(''))
  }
  for (const r of progressRows) {
    const institution = textOf(r.get('institution'))
    const period = textOf(r.get('period'))
    const number = textOf(r.get('measure'))
    // The text as the cell has it: pieces of a long text join without losing their edges.
    const raw = (() => {
      const v = r.get('text')
      return typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : textOf(v)
    })()
    if (!institution && !period && last && number === last.measure.number) {
      last.raw.push(raw)
      continue
    }
    finishEntry()
    last = undefined
    const measure = measureOf(S.progress, r)
    if (!institution) {
      problems.add(S.progress, r.row, r.header('institution'), 'progress.institution', 'nav norādīta iestāde')
      continue
    }
    nameInstitution(institution, measure ? measureRows.get(measure.number)! : null)
    if (!measure) continue
    const entry: DocProgress = { institution, period: period || null, text: '' }
    measure.progress!.push(entry)
    last = { measure, entry, raw: [raw] }
  }
  finishEntry()

  // Iestādes
  const institutions: DocInstitution[] = []
  const institutionRowOf = new Map<string, number>()
  for (const r of optionalSheet(S.institutions, INSTITUTION_COLUMNS, ['code', 'name'], 'plānā netiek pievienotas jaunas iestādes')) {
    const problem = (key: string, text: string) =>
      problems.add(S.institutions, r.row, r.header(key), INSTITUTION_COLUMNS.find((c) => c.key === key)!.field, text)
    const code = textOf(r.get('code'))
    const name = textOf(r.get('name'))
    const kindText = textOf(r.get('kind'))
    const parent = textOf(r.get('parent')) || null
    if (!code) {
      problem('code', 'nav norādīts kods')
      continue
    }
    if (institutionRowOf.has(code)) {
      problem('code', `kods „${code}” atkārtojas (arī ${institutionRowOf.get(code)}. rindā)`)
      continue
    }
    institutionRowOf.set(code, r.row)
    if (!name) problem('name', 'nav norādīts nosaukums')
    const kind = labelled(kindText, INSTITUTION_KINDS, (k: InstitutionKind) => INSTITUTION_KIND_LABELS[k])
    if (!kind)
      problem(
        'kind',
        kindText ? `nezināms veids „${kindText}” (derīgie: ${Object.values(INSTITUTION_KIND_LABELS).join(', ')})` : 'nav norādīts veids',
      )
    if (parent) nameInstitution(parent, null)
    // Written only when it is not the default, as the plan document writes it.
    const abbreviation = textOf(r.get('abbreviation')) || null
    const stated = kind && r.has('abbreviation') && abbreviation !== defaultAbbreviation(code, kind) ? { abbreviation } : {}
    if (name && kind) institutions.push({ code, name, ...stated, kind, parent })
  }

  // A budget with neither wording nor lines is no budget.
  for (const measure of measureByNumber.values()) if (!measure.budget!.text && !measure.budget!.lines!.length) measure.budget = null

  const document: PlanDocument = { format: PLAN_FORMAT, institutions, plan: { ...plan, actionLines: lines } }
  // Where the file import places its own checks' problems: each line's and measure's Pasākumi row,
  // and each measure field's header as written (budget lines and progress fall back to their sheets' names).
  const rows = new Map<string, number>()
  lines.forEach((line, l) => {
    rows.set(`/plan/actionLines/${l}`, lineByNumber.get(line.number)!.row)
    line.measures.forEach((m, i) => rows.set(`/plan/actionLines/${l}/measures/${i}`, measureRows.get(m.number)!))
  })
  const columns: Partial<Record<string, string>> = {}
  const written = measureTable && !('missing' in measureTable) ? measureTable.headers : new Map<string, string>()
  for (const c of MEASURE_COLUMNS) {
    const field = c.field.split('.')[0]!
    if (c.key.startsWith('line') || c.key === 'budgetText' || columns[field] !== undefined) continue
    columns[field] = written.get(c.key) ?? c.header
  }
  return {
    document,
    problems: problems.list,
    institutionRows,
    rows,
    columns,
    hasMeasures: measureColumns.size > 0,
    measureColumns,
    measureHeaders: written as Map<MeasureColumnKey, string>,
    measureRows,
    exportedAt: workbook.created instanceof Date && !Number.isNaN(workbook.created.getTime()) ? workbook.created : null,
  }
}

/** A sum in euro: a number cell, or text such as "46 000", "46000,50" or "46 000 EUR"; undefined when it is none. */
const MAX_AMOUNT = 99_999_999_999_999

function amountOf(value: Scalar): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 && value <= MAX_AMOUNT ? value : undefined
  const text = textOf(value)
    .replace(/[\s\u00A0\u202F]/g, '')
    .replace(/(eur|euro|€)$/i, '')
  if (!/^\d+([.,]\d{1,2})?$/.test(text)) return undefined
  const amount = Number(text.replace(',', '.'))
  return amount <= MAX_AMOUNT ? amount : undefined
}

function yearOf(value: Scalar): number | null | undefined {
  const text = textOf(value)
  if (text === '') return null
  const year = Number(text)
  return Number.isInteger(year) && year >= 1990 && year <= 2100 ? year : undefined
}

function grantedOf(value: Scalar): boolean | null | undefined {
  if (typeof value === 'boolean') return value
  const text = norm(textOf(value))
  if (text === '') return null
  if (['jā', 'ja', 'true', 'patiess', '1'].includes(text)) return true
  if (['nē', 'ne', 'false', 'aplams', '0'].includes(text)) return false
  return undefined
}
