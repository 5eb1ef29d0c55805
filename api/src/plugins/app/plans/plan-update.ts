// The plan workbook of an existing plan: its download (plan.xlsx), and updating the plan from a
// workbook a coordinator edited — its measures matched by number, the differences shown first
// (dry run), then applied in one transaction, each measure's change audited as PATCH
// /api/measures/:id audits it. Only measure fields change here: adding, removing or moving
// measures is the plan editor's, so a workbook whose measures differ from the plan's is refused.
import type { FastifyInstance } from 'fastify'
import {
  AppError,
  canManagePlan,
  type DocMeasure,
  ErrorCode,
  type ImportProblem,
  MEASURE_STATUS_LABELS,
  type PlanChange,
  type PlanDocument,
  type PlanUpdateResult,
  structureNeedsReason,
} from '@apt/shared'
import type { Tx } from '../../../db/client.js'
import type { Measure as MeasureRow, Plan as PlanRow } from '../../../db/schema/index.js'
import type { Actor } from '../auth/actor.js'
import { ensure } from '../errors.js'
import { changeMeasureExclusion, changeMeasureFields, type MeasureFieldChanges } from '../measures/measure-changes.js'
import { measureStatusChanged } from '../notifications/events.js'
import { ensureVisible, NOT_COORDINATOR, planClosed, visiblePlanRow } from './plan-access.js'
import { toDocument } from './plan-document.js'
import { locateOnMeasures } from './file-import/parsed-plan.js'
import { lockPlanRow } from './plan-editor-data.js'
import {
  MEASURE_COLUMNS,
  type MeasureColumnKey,
  readText,
  readWorkbook,
  sheetProblem,
  WORKBOOK_SHEETS,
  type WorkbookRead,
  writePlanWorkbook,
} from './plan-workbook.js'
import { loadPlanRows, planRow, type PlanRows } from './plans-data.js'

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The measure fields an update compares, each with the Pasākumi columns it needs. */
const UPDATED_FIELDS = [
  { field: 'title', columns: ['title'] },
  { field: 'sourceRef', columns: ['sourceRef'] },
  { field: 'responsible', columns: ['responsible'] },
  { field: 'involved', columns: ['involved'] },
  { field: 'deadline.text', columns: ['deadlineText'] },
  { field: 'deadline.due', columns: ['deadlineDue'] },
  { field: 'budget.text', columns: ['budgetText'] },
  { field: 'expectedResult', columns: ['expectedResult'] },
  { field: 'indicator', columns: ['indicator'] },
  { field: 'status', columns: ['status'] },
  { field: 'assessment', columns: ['assessment'] },
  { field: 'excluded', columns: ['excludedAct', 'excludedDate'] },
] as const satisfies readonly { field: string; columns: readonly MeasureColumnKey[] }[]
type UpdatedField = (typeof UPDATED_FIELDS)[number]['field']

/** A text as the workbook reads it back, so that line ends or edge spaces alone are no difference. */
const asRead = (text: string | null | undefined) => (text == null ? null : readText(text) || null)

function valueOf(m: DocMeasure, field: UpdatedField): unknown {
  switch (field) {
    case 'title':
      return asRead(m.title) ?? ''
    case 'sourceRef':
    case 'expectedResult':
    case 'indicator':
    case 'assessment':
      return asRead(m[field])
    case 'responsible':
      return m.responsible
    case 'involved':
      return m.involved ?? []
    case 'deadline.text':
      return asRead(m.deadline?.text)
    case 'deadline.due':
      return m.deadline?.due ?? null
    case 'budget.text':
      return asRead(m.budget?.text)
    case 'status':
      return m.status
    case 'excluded':
      return m.excluded ? { act: asRead(m.excluded.act), date: m.excluded.date } : null
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
/** A Pasākumi column's header as the workbook writes it. */
const headerOf = (read: WorkbookRead, key: MeasureColumnKey) =>
  read.measureHeaders.get(key) ?? MEASURE_COLUMNS.find((c) => c.key === key)!.header

/** A Pasākumi problem: on a measure's row, or on the sheet as a whole (row null). */
function problem(
  row: number | null,
  column: string | null,
  field: string | null,
  text: string,
  severity: ImportProblem['severity'] = 'error',
): ImportProblem {
  const { sheet: _sheet, ...p } = sheetProblem(WORKBOOK_SHEETS.measures, row, column, field, text, severity)
  return p
}

interface MeasureUpdate {
  row: MeasureRow
  changes: PlanChange[]
}

/**
 * Compares the workbook with the plan as it is now: the changes to its measures, and every problem
 * (the reader's, measures on one side only, unknown institutions, fields the update does not change).
 */
function differences(read: WorkbookRead, rows: PlanRows, current: PlanDocument): { updates: MeasureUpdate[]; problems: ImportProblem[] } {
  const header = (key: MeasureColumnKey) => headerOf(read, key)
  const problems: ImportProblem[] = []
  // Only the Pasákumi sheet is applied: the other sheets' problems cannot stop the update.
  for (const { sheet, ...p } of read.problems)
    problems.push(sheet === WORKBOOK_SHEETS.measures || p.severity === 'warning' ? p : { ...p, severity: 'warning' })
  // A field the reader could not read is no change to apply.
  const unread = new Set(read.problems.filter((p) => p.severity === 'error' && p.row !== null).map((p) => `${p.row}:${p.field}`))

  const byNumber = new Map(rows.measures.map((m) => [m.number, m]))
  const lineOf = new Map(current.plan.actionLines.flatMap((l) => l.measures.map((m) => [m.number, l] as const)))
  const currentOf = new Map(current.plan.actionLines.flatMap((l) => l.measures.map((m) => [m.number, m] as const)))
  const inWorkbook = read.document.plan.actionLines.flatMap((l) => l.measures.map((m) => ({ m, line: l })))

  for (const { m, line } of inWorkbook) {
    const at = read.measureRows.get(m.number) ?? null
    if (!byNumber.has(m.number))
      problems.push(problem(at, header('number'), 'number', `plānā nav pasākuma „${m.number}”; jaunus pasākumus pievieno plāna redaktorā`))
    else if (lineOf.get(m.number)!.number !== line.number)
      problems.push(
        problem(
          at,
          header('lineNumber'),
          'actionLine.number',
          `pasākums „${m.number}” plānā ir ${lineOf.get(m.number)!.number}. rīcības virzienā; pasākumus pārvieto plāna redaktorā`,
        ),
      )
  }
  const numbers = new Set(inWorkbook.map(({ m }) => m.number))
  for (const m of rows.measures)
    if (!numbers.has(m.number))
      problems.push(
        problem(null, header('number'), 'number', `darbgrāmatā nav plāna pasākuma „${m.number}”; pasākumus izņem plāna redaktorā`),
      )

  const updates: MeasureUpdate[] = []
  for (const { m } of inWorkbook) {
    const row = byNumber.get(m.number)
    const before = currentOf.get(m.number)
    if (!row || !before) continue
    const at = read.measureRows.get(m.number)!
    const changes: PlanChange[] = []
    for (const spec of UPDATED_FIELDS) {
      if (!spec.columns.every((c) => read.measureColumns.has(c))) continue
      if (
        unread.has(`${at}:${spec.field}`) ||
        spec.columns.some((c) => unread.has(`${at}:${MEASURE_COLUMNS.find((x) => x.key === c)!.field}`))
      )
        continue
      const [b, a] = [valueOf(before, spec.field), valueOf(m, spec.field)]
      if (!same(b, a)) changes.push({ measure: m.number, field: spec.field, before: b, after: a })
    }
    for (const role of ['responsible', 'involved'] as const) {
      if (!changes.some((c) => c.field === role)) continue
      for (const code of m[role] ?? [])
        if (!rows.tree.byCode.has(code))
          problems.push(problem(at, header(role), role, `nezināma institūcija „${code}” (iestāžu reģistrā nav šāda koda)`))
    }
    // What the workbook carries but an update does not change: said, so that no edit is lost unseen.
    if (!same(before.budget?.lines ?? [], m.budget?.lines ?? []))
      problems.push(
        problem(
          at,
          null,
          'budget.lines',
          `pasākuma „${m.number}” finansējuma rindas atšķiras no plāna; tās maina plāna redaktorā`,
          'warning',
        ),
      )
    if (!same(progressText(before), progressText(m)))
      problems.push(
        problem(at, null, 'progress', `pasākuma „${m.number}” izpildes gaita atšķiras no plāna; to maina ziņojumu kārtās`, 'warning'),
      )
    if (changes.length) updates.push({ row, changes })
  }

  const lines = new Map(current.plan.actionLines.map((l) => [l.number, l]))
  for (const line of read.document.plan.actionLines) {
    const now = lines.get(line.number)
    if (now && (asRead(now.title) !== asRead(line.title) || asRead(now.goal) !== asRead(line.goal)))
      problems.push(
        problem(
          read.measureRows.get(line.measures[0]?.number ?? '') ?? null,
          header('lineTitle'),
          'actionLine.title',
          `rīcības virziena ${line.number} nosaukums vai mērķis atšķiras no plāna; to maina plāna redaktorā`,
          'warning',
        ),
      )
  }
  return { updates, problems }
}

const progressText = (m: DocMeasure) => (m.progress ?? []).map((p) => [p.institution, asRead(p.period), asRead(p.text)])

/** A measure's workbook changes as the fields PATCH /api/measures/:id takes (the exclusion apart). */
function fieldChanges(row: MeasureRow, changes: PlanChange[]): MeasureFieldChanges {
  const set: MeasureFieldChanges = {}
  const after = (field: string) => changes.find((c) => c.field === field)
  for (const { field, after: value } of changes) {
    if (field === 'title') set.title = value as string
    if (field === 'sourceRef') set.sourceRef = value as string | null
    if (field === 'responsible') set.responsible = value as string[]
    if (field === 'involved') set.involved = value as string[]
    if (field === 'expectedResult') set.expectedResult = value as string | null
    if (field === 'indicator') set.indicator = value as string | null
    if (field === 'assessment') set.assessment = value as string | null
    if (field === 'status') set.status = value as DocMeasure['status']
    if (field === 'budget.text') set.budgetText = value as string | null
  }
  const text = after('deadline.text')
  const due = after('deadline.due')
  if (text || due) {
    const nextText = text ? (text.after as string | null) : row.deadlineText
    const nextDue = due ? (due.after as string | null) : row.deadlineDue
    // A deadline has wording whenever it has a date: a date alone keeps an empty wording.
    set.deadline = nextText === null && nextDue === null ? null : { text: nextText ?? '', due: nextDue }
  }
  return set
}

export function createPlanWorkbookService(fastify: FastifyInstance) {
  const { db } = fastify

  /** The plan row, 404 to whoever may not see it, 403 to whoever does not manage it, 409 once closed. */
  function updatable(actor: Actor, plan: PlanRow): PlanRow {
    ensureVisible(actor, plan)
    ensure(canManagePlan(actor, plan), NOT_COORDINATOR)
    if (plan.state === 'closed') throw planClosed()
    return plan
  }

  async function apply(tx: Tx, actor: Actor, plan: PlanRow, rows: PlanRows, updates: MeasureUpdate[], reason: string | null) {
    let current = plan
    for (const { row, changes } of updates) {
      let measure = row
      const fields = fieldChanges(row, changes)
      if (Object.keys(fields).length) {
        const { updated, audit } = await changeMeasureFields(tx, row, row.version, fields, rows.tree)
        await fastify.audit.record(tx, actor, { ...audit, reason })
        if (updated.status !== row.status) await measureStatusChanged(fastify, tx, actor, row, updated, reason)
        measure = updated
      }
      const exclusion = changes.find((c) => c.field === 'excluded')
      if (exclusion) {
        const excluded = exclusion.after as { act: string; date: string } | null
        const { planAfter, audit } = await changeMeasureExclusion(tx, measure, measure.version, excluded, current)
        await fastify.audit.record(tx, actor, { ...audit, reason })
        current = planAfter
      }
    }
  }

  return {
    /** plan.xlsx of a plan the actor may see, named by its code and today's date. */
    async download(actor: Actor, planId: number): Promise<{ bytes: Buffer; fileName: string; mediaType: string }> {
      const doc = await fastify.plans.export(actor, planId)
      const day = new Date().toISOString().slice(0, 10)
      return {
        bytes: await writePlanWorkbook(doc),
        fileName: `${doc.plan.code.replace(/[^\w.-]/g, '_')}-${day}.xlsx`,
        mediaType: XLSX_MEDIA_TYPE,
      }
    },

    /** Refuses before the upload is read: an unknown or unseen plan (404), not the actor's (403), closed (409). */
    async assertCanUpdate(actor: Actor, planId: number): Promise<void> {
      updatable(actor, await visiblePlanRow(db, actor, planId))
    },

    /**
     * The differences between the workbook and the plan now; unless `dryRun`, applied in one
     * transaction. Any error in the comparison → 422 IMPORT_PROBLEMS and nothing applied; a status
     * change (or, on an active plan, an exclusion) without a reason → 400 REASON_REQUIRED.
     */
    async update(
      actor: Actor,
      planId: number,
      bytes: Uint8Array,
      options: { dryRun: boolean; reason?: string | null },
    ): Promise<PlanUpdateResult> {
      const read = await readWorkbook(bytes)
      if (!read.hasMeasures)
        throw new AppError(ErrorCode.importProblems, 'The workbook has no sheet "Pasākumi" with its headers', {
          problems: read.problems.map(({ sheet: _sheet, ...p }) => p),
          changes: [],
        })
      return db.transaction(async (tx) => {
        // Applying locks the plan row, as the plan editor's changes do, so the two never interleave.
        const plan = updatable(actor, options.dryRun ? await planRow(tx, planId) : await lockPlanRow(tx, planId))
        const rows = await loadPlanRows(tx, planId)
        const current = toDocument(rows)
        const { updates, problems } = differences(read, rows, current)
        // A change the plan had after this file was written would be undone by applying it: refused.
        for (const { row } of updates)
          if (read.exportedAt && row.updatedAt > read.exportedAt)
            problems.push(
              problem(
                read.measureRows.get(row.number) ?? null,
                null,
                null,
                `pasākums ${row.number} plānā mainīts pēc šīs datnes izveides: lejupielādējiet jaunu datni un ievadiet izmaiņas tajā`,
              ),
            )
        const changes = updates.flatMap((u) => u.changes)
        if (plan.state === 'draft')
          for (const c of changes.filter((c) => c.field === 'status'))
            problems.push(
              problem(
                read.measureRows.get(c.measure) ?? null,
                headerOf(read, 'status'),
                'status',
                `plāna melnrakstā pasākumus nevērtē: „${MEASURE_STATUS_LABELS.lv[c.after as DocMeasure['status']]}” var norādīt, kad plāns ir apstiprināts`,
              ),
            )
        // Each problem on a measure's row placed under its action line and measure.
        const measureRowsByPath = new Map(
          current.plan.actionLines.flatMap((line, l) =>
            line.measures.flatMap((m, i) => {
              const row = read.measureRows.get(m.number)
              return row === undefined ? [] : [[`/plan/actionLines/${l}/measures/${i}`, row] as const]
            }),
          ),
        )
        const placed = locateOnMeasures(problems, current, measureRowsByPath)
        if (options.dryRun) return { changes, problems: placed, applied: false }

        if (placed.some((p) => p.severity === 'error'))
          throw new AppError(ErrorCode.importProblems, 'The workbook has problems; nothing was applied', { problems: placed, changes })
        const reason = options.reason?.trim() || null
        const needsReason = changes.some((c) => c.field === 'status' || (c.field === 'excluded' && structureNeedsReason(plan)))
        if (needsReason && !reason)
          throw new AppError(ErrorCode.reasonRequired, 'Changing a status (or excluding a measure from an active plan) needs a reason', {
            errors: [{ path: '/reason', message: 'is required when the workbook changes a status or an exclusion' }],
          })
        await apply(tx, actor, plan, rows, updates, reason)
        return { changes, problems: placed, applied: true }
      })
    },
  }
}
