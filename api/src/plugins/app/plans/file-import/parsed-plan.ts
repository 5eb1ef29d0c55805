// What a plan file reader (DOCX, XLSX) hands to the import: the plan as read, with institutions
// still as the file writes them (codes, abbreviations or names), and the problems it met on the way.
import type { ImportProblem, PlanDocument } from '@apt/shared'

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

/** A problem on a row and column, its message prefixed as a person reads the file: "12. rinda, Atbildīgā institūcija: …". */
export function importProblem(
  row: number | null,
  column: string | null,
  field: string | null,
  text: string,
  severity: ImportProblem['severity'] = 'error',
): ImportProblem {
  const where = [row !== null ? `${row}. rinda` : null, column].filter(Boolean).join(', ')
  return { row, column, field, message: where ? `${where}: ${text}` : text, severity }
}
