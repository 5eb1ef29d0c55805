// What a plan file reader (DOCX, XLSX) hands to the import: the plan as read, with institutions
// still as the file writes them (codes, abbreviations or names), and the problems it met on the way.
import type { ImportProblem, PlanDocument, ProblemStep } from '@apt/shared'

export interface ParsedPlan {
  /**
   * Institution fields (responsible, involved, budget lines, progress, the coordinator) hold the
   * file's text — each entry one institution or one whole cell ("IeM, TM", "IeM (VP)"): the import
   * splits and matches them; `institutions` lists only those the file itself defines (the
   * workbook's institutions sheet).
   */
  document: PlanDocument
  problems: ImportProblem[]
  /** For each institution text, the rows naming it (1-based, as the file shows them). */
  institutionRows: Map<string, number[]>
  /**
   * Where each action line and measure is in the file, by its JSON path in `document`
   * ("/plan/actionLines/0/measures/3" → 14), so the import can place its own checks' problems on
   * a row. Optional.
   */
  rows?: Map<string, number>
  /** Each field's column header as the file writes it ("responsible" → "Atbildīgā institūcija"). Optional. */
  columns?: Partial<Record<string, string>>
}

/**
 * A reader's problem on a row and column, its message prefixed as a person reads the file: "12.
 * rinda, Atbildīgā institūcija: …". Its place is the row and the column until the import knows
 * which measure the row holds (see `locateOnMeasures`).
 */
export function importProblem(
  row: number | null,
  column: string | null,
  field: string | null,
  text: string,
  severity: ImportProblem['severity'] = 'error',
): ImportProblem {
  const where = [row !== null ? `${row}. rinda` : null, column].filter(Boolean).join(', ')
  const location: ProblemStep[] = []
  if (row !== null) location.push({ kind: 'row', number: String(row) })
  if (column !== null || field !== null)
    location.push({ kind: 'field', ...(field !== null ? { key: field } : {}), ...(column !== null ? { label: column } : {}) })
  return {
    code: 'file',
    params: { text },
    location,
    path: null,
    row,
    column,
    field,
    message: where ? `${where}: ${text}` : text,
    severity,
  }
}

/**
 * Each problem on a row that holds a measure (or an action line) placed under it: "II rīcības
 * virziens → 2.5. pasākums → 12. rinda → Atbildīgā institūcija". `rows` is the reader's JSON path →
 * row map of the measures' table (a workbook's Pasākumi); problems of another sheet stay as they are.
 */
export function locateOnMeasures(
  problems: readonly ImportProblem[],
  document: PlanDocument,
  rows: ReadonlyMap<string, number> | undefined,
) {
  if (!rows) return [...problems]
  const onRow = new Map<number, ProblemStep[]>()
  document.plan.actionLines.forEach((line, l) => {
    const lineStep: ProblemStep = { kind: 'actionLine', number: line.number }
    const lineRow = rows.get(`/plan/actionLines/${l}`)
    if (lineRow !== undefined && !onRow.has(lineRow)) onRow.set(lineRow, [lineStep])
    line.measures.forEach((m, i) => {
      const row = rows.get(`/plan/actionLines/${l}/measures/${i}`)
      if (row !== undefined) onRow.set(row, [lineStep, { kind: 'measure', number: m.number }])
    })
  })
  return problems.map((p) => {
    const steps = p.row !== null ? onRow.get(p.row) : undefined
    // A row of another sheet (a workbook's budget or progress) is not the measure's row.
    if (!steps || p.location.some((s) => s.kind === 'measure' || s.kind === 'actionLine' || s.kind === 'sheet')) return p
    return { ...p, location: [...steps, ...p.location] }
  })
}
