// The one way a measure's fields change: PATCH /api/measures/:id and the plan workbook's update both
// come here. The callers decide who may change what (and whether a reason is needed); this writes the
// change if the measure still has the version read, and describes it for the audit log: exactly the
// fields sent, each before and after.
import { alreadyExists, type UpdateMeasure } from '@apt/shared'
import type { Tx } from '../../../db/client.js'
import type { Measure as MeasureRow, Plan as PlanRow } from '../../../db/schema/index.js'
import type { AuditChange } from '../audit.js'
import { versionConflict } from '../errors.js'
import type { InstitutionTree } from '../institutions/institution-tree.js'
import { plainText } from '../input.js'
import { bumpPlanVersion, measureNumberTaken } from '../plans/plan-editor-data.js'
import { budgetOf, exclusionOf } from './measure-fields.js'
import {
  measureBudgetLines,
  measureLinks,
  namePlanInstitutions,
  replaceBudgetLines,
  replaceMeasureLinks,
  updateMeasureRow,
} from './measures-data.js'

/** The fields of a measure a change may set (the request without its version and reason). */
export type MeasureFieldChanges = Omit<UpdateMeasure, 'version' | 'reason' | 'keepAssessment'>

/** The stored columns these changes set. */
function columnsOf(changes: MeasureFieldChanges): Partial<MeasureRow> {
  const set: Partial<MeasureRow> = {}
  if (changes.number !== undefined) set.number = changes.number
  if (changes.title !== undefined) set.title = changes.title
  if (changes.sourceRef !== undefined) set.sourceRef = changes.sourceRef
  if (changes.deadline !== undefined) {
    set.deadlineText = changes.deadline?.text ?? null
    set.deadlineDue = changes.deadline?.due ?? null
  }
  if (changes.budgetText !== undefined) {
    set.budgetText = changes.budgetText
    set.hasBudget = true
  }
  if (changes.budget !== undefined) {
    set.budgetText = changes.budget?.text ?? null
    set.hasBudget = changes.budget !== null
  }
  if (changes.expectedResult !== undefined) set.expectedResult = changes.expectedResult
  if (changes.indicator !== undefined) set.indicator = changes.indicator
  if (changes.status !== undefined) set.status = changes.status
  if (changes.assessment !== undefined) set.assessment = changes.assessment
  return set
}

/**
 * Writes the changes to the measure read as `before` (409 when it moved on since, or when the new
 * number is taken; 422 for unknown institutions) and returns the updated row with its audit change
 * (`measure.status` when the status changed, so the status history shows it; else `measure.update`).
 */
export async function changeMeasureFields(
  tx: Tx,
  before: MeasureRow,
  version: number,
  changes: MeasureFieldChanges,
  tree: InstitutionTree,
): Promise<{ updated: MeasureRow; audit: AuditChange }> {
  if (before.version !== version) throw versionConflict('Measure')
  if (changes.number !== undefined && changes.number !== before.number && (await measureNumberTaken(tx, before.planId, changes.number)))
    throw alreadyExists(
      { entity: 'measure', field: '/number', value: changes.number },
      `Measure ${changes.number} already exists in this plan`,
    )

  const linesSent = changes.budget === null ? [] : changes.budget?.lines
  const ids = tree.resolve([
    ...(changes.responsible ?? []).map((code, i) => ({ code, path: `/responsible/${i}` })),
    ...(changes.involved ?? []).map((code, i) => ({ code, path: `/involved/${i}` })),
    ...(linesSent ?? []).flatMap((b, i) =>
      b.institution == null ? [] : [{ code: b.institution, path: `/budget/lines/${i}/institution` }],
    ),
  ])

  const set = columnsOf(changes)
  const budgetBefore = changes.budget !== undefined ? budgetOf(before, await measureBudgetLines(tx, before.id), tree) : undefined
  const updated = await updateMeasureRow(tx, before.id, version, set)
  if (!updated) throw versionConflict('Measure')

  const fields = (Object.keys(set) as (keyof MeasureRow)[]).filter(
    (k) => k !== 'hasBudget' && !(changes.budget !== undefined && k === 'budgetText'),
  )
  const auditBefore: Record<string, unknown> = {
    ...Object.fromEntries(fields.map((k) => [k, before[k]])),
    status: before.status,
    version: before.version,
  }
  const auditAfter: Record<string, unknown> = {
    ...Object.fromEntries(fields.map((k) => [k, updated[k]])),
    status: updated.status,
    version: updated.version,
  }

  if (changes.responsible !== undefined || changes.involved !== undefined) {
    const links = await measureLinks(tx, before.id)
    const current = (role: 'responsible' | 'involved') => links.filter((l) => l.role === role).map((l) => tree.codeOf(l.institutionId)!)
    const next = { responsible: changes.responsible ?? current('responsible'), involved: changes.involved ?? current('involved') }
    const responsible = next.responsible.map((code) => tree.byCode.get(code)!.id)
    const involved = next.involved.map((code) => tree.byCode.get(code)!.id)
    await replaceMeasureLinks(tx, before.id, responsible, involved)
    await namePlanInstitutions(tx, before.planId, [...responsible, ...involved])
    Object.assign(auditBefore, { responsible: current('responsible'), involved: current('involved') })
    Object.assign(auditAfter, next)
  }

  if (changes.budget !== undefined) {
    if (linesSent !== undefined) {
      const lines = linesSent.map((b) => ({
        amountEur: b.amountEur,
        source: b.source,
        institutionId: b.institution == null ? null : ids.get(b.institution)!,
        programme: b.programme ?? null,
        year: b.year ?? null,
        granted: b.granted ?? null,
      }))
      await replaceBudgetLines(tx, before.id, lines)
      await namePlanInstitutions(
        tx,
        before.planId,
        lines.flatMap((l) => (l.institutionId === null ? [] : [l.institutionId])),
      )
    }
    auditBefore.budget = budgetBefore
    auditAfter.budget = budgetOf(updated, await measureBudgetLines(tx, before.id), tree)
  }

  const statusChanged = updated.status !== before.status
  return {
    updated,
    audit: {
      action: statusChanged ? 'measure.status' : 'measure.update',
      entityType: 'measure',
      entityId: before.id,
      planId: before.planId,
      before: auditBefore,
      after: auditAfter,
    },
  }
}

/**
 * Marks the measure excluded by an amendment (or, with null, takes that back). An exclusion changes
 * the plan's shape, so the plan's version moves on too; the audit change says both.
 */
export async function changeMeasureExclusion(
  tx: Tx,
  before: MeasureRow,
  version: number,
  excluded: { act: string; date: string } | null,
  plan: PlanRow,
): Promise<{ updated: MeasureRow; planAfter: PlanRow; audit: AuditChange }> {
  const updated = await updateMeasureRow(tx, before.id, version, {
    excludedAct: excluded ? plainText(excluded.act) : null,
    excludedDate: excluded?.date ?? null,
  })
  if (!updated) throw versionConflict('Measure')
  const planAfter = await bumpPlanVersion(tx, plan.id)
  return {
    updated,
    planAfter,
    audit: {
      action: excluded ? 'measure.exclude' : 'measure.include',
      entityType: 'measure',
      entityId: before.id,
      planId: plan.id,
      before: { excluded: exclusionOf(before), version: before.version, planVersion: plan.version },
      after: { excluded: exclusionOf(updated), version: updated.version, planVersion: planAfter.version },
    },
  }
}
