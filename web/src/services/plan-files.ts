// Plans from the files people already have: the Cabinet order's annex table (.docx) and the plan
// workbook (.xlsx). A dry run answers with the plan as it would be imported, every problem by row
// and column, and the institutions the registry does not know; the import itself sends the same
// file with the coordinator's mapping and plan fields. Uploads are multipart through `upload`
// (the CSRF header, progress); the workbook download goes through `download`.
import {
  type ImportResult,
  type InstitutionMapping,
  type PlanDocument,
  type PlanFileDryRun,
  type PlanUpdateResult,
  type UnknownInstitution,
} from '@apt/shared'
import { buildUrl, download, upload, type UploadHandle } from './api'

export type PlanFileKind = 'json' | 'docx' | 'xlsx'

/** What the file chooser accepts. */
export const PLAN_FILE_ACCEPT =
  '.docx,.xlsx,.json,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/json'

/** The kind of plan file by its name; null for anything else (an old .doc or .xls, a PDF). */
export function planFileKind(name: string): PlanFileKind | null {
  const m = /\.([a-z0-9]+)$/i.exec(name.trim())
  const ext = m?.[1]?.toLowerCase()
  return ext === 'json' || ext === 'docx' || ext === 'xlsx' ? ext : null
}

/** The plan's own fields a coordinator may set before importing, over what the file says. */
export interface PlanFields {
  code: string
  title: string
  period: { start: string; end: string }
  coordinator: string
  approvedBy: string | null
}

export function planFieldsOf(document: PlanDocument): PlanFields {
  const p = document.plan
  return {
    code: p.code,
    title: p.title,
    period: { start: p.period.start, end: p.period.end },
    coordinator: p.coordinator,
    approvedBy: p.approvedBy ?? null,
  }
}

/**
 * What the coordinator changed of the plan's fields, to send as the form's `plan` (each field
 * given wins over what the reader derived; the rest is left to the reader). An emptied field is
 * left to the reader too.
 */
export function changedPlanFields(read: PlanFields, edited: PlanFields): Partial<PlanFields> | undefined {
  const out: Partial<PlanFields> = {}
  const code = edited.code.trim()
  const title = edited.title.trim()
  if (code && code !== read.code) out.code = code
  if (title && title !== read.title) out.title = title
  if (edited.period.start && edited.period.end && (edited.period.start !== read.period.start || edited.period.end !== read.period.end))
    out.period = { ...edited.period }
  if (edited.coordinator && edited.coordinator !== read.coordinator) out.coordinator = edited.coordinator
  const approvedBy = edited.approvedBy?.trim() || null
  if (approvedBy !== (read.approvedBy ?? null)) out.approvedBy = approvedBy
  return Object.keys(out).length ? out : undefined
}

export interface PlanFileOptions {
  mapping?: InstitutionMapping
  /** The plan's fields to set over the file's (only those that changed). */
  plan?: Partial<PlanFields>
}

function form(file: File, fields: Record<string, string | undefined>): FormData {
  const data = new FormData()
  // Fields before the file: a streaming reader has them when the file arrives.
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) data.append(name, value)
  data.append('file', file, file.name)
  return data
}

function importForm(file: File, options: PlanFileOptions): FormData {
  const mapping = options.mapping && Object.keys(options.mapping).length ? JSON.stringify(options.mapping) : undefined
  return form(file, { mapping, plan: options.plan ? JSON.stringify(options.plan) : undefined })
}

const noProgress: (fraction: number) => void = () => {}

export const planFilesService = {
  /** Reads and checks the file; writes nothing. */
  dryRun: (kind: 'docx' | 'xlsx', file: File, options: PlanFileOptions = {}, onProgress = noProgress): UploadHandle<PlanFileDryRun> =>
    upload<PlanFileDryRun>(buildUrl(`/api/plans/import/${kind}`, { dryRun: true }), importForm(file, options), onProgress),

  /** Creates a draft plan from the file (201), or 422 IMPORT_PROBLEMS with what stops it. */
  import: (kind: 'docx' | 'xlsx', file: File, options: PlanFileOptions = {}, onProgress = noProgress): UploadHandle<ImportResult> =>
    upload<ImportResult>(buildUrl(`/api/plans/import/${kind}`, { dryRun: false }), importForm(file, options), onProgress),

  /** The whole plan as one workbook (the import's own format). */
  downloadWorkbook: (planId: number, code: string) => download(`/api/plans/${planId}/plan.xlsx`, `${code.replace(/[^\w.-]/g, '_')}.xlsx`),

  /** An existing plan's measures from its workbook: the differences (dryRun), or applied. */
  updateFromWorkbook: (planId: number, file: File, options: { dryRun: boolean; reason?: string }, onProgress = noProgress) =>
    upload<PlanUpdateResult>(
      buildUrl(`/api/plans/${planId}/import/xlsx`, { dryRun: options.dryRun }),
      form(file, { reason: options.reason?.trim() ? options.reason.trim() : undefined }),
      onProgress,
    ),
}

/**
 * Which measure each file row holds, as far as the answer tells: an unknown institution's rows
 * are, in order, the rows of the measures naming it (responsible or involved), in plan order.
 * Returns row → measure number.
 */
export function measureRows(document: PlanDocument, unknown: readonly UnknownInstitution[]): Map<number, string> {
  const measures = document.plan.actionLines.flatMap((line) => line.measures)
  const rows = new Map<number, string>()
  for (const u of unknown) {
    const naming = measures.filter((m) => m.responsible.includes(u.text) || (m.involved ?? []).includes(u.text))
    const sorted = [...new Set(u.rows)].sort((a, b) => a - b)
    if (naming.length !== sorted.length) continue
    sorted.forEach((row, i) => rows.set(row, naming[i]!.number))
  }
  return rows
}
