// What a plan file reader (DOCX, XLSX) hands to the import: the plan as read, with institutions
// still as the file writes them (codes, abbreviations or names), and the problems it met on the way.
import type { ImportProblem, PlanDocument } from '@apt/shared'

export interface ParsedPlan {
  /** Institution fields (responsible, involved, budget lines, progress, the coordinator) hold the file's text; `institutions` lists only those the file itself defines (the workbook's institutions sheet). */
  document: PlanDocument
  problems: ImportProblem[]
  /** For each institution text, the rows naming it (1-based, as the file shows them). */
  institutionRows: Map<string, number[]>
}
