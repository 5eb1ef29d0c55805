// A plan's rows as the lossless `action-plan/1` document: export → import → export gives the same
// JSON. A pure function of the rows (./plans-data.ts reads them); the report is built from it too.
import { defaultAbbreviation, PLAN_FORMAT, type PlanDocument } from '@apt/shared'
import { budgetOf, deadlineOf } from '../measures/measure-fields.js'
import type { PlanRows } from './plans-data.js'

export function toDocument(rows: PlanRows): PlanDocument {
  const { plan, tree } = rows
  const code = (id: number) => tree.codeOf(id)!
  const codes = (measureId: number, role: 'responsible' | 'involved') =>
    (rows.links.get(measureId) ?? []).filter((l) => l.role === role).map((l) => code(l.institutionId))
  return {
    format: PLAN_FORMAT,
    institutions: namedInstitutions(rows).map((id) => {
      const inst = tree.byId.get(id)!
      return {
        code: inst.code,
        name: inst.name,
        // Written only when it is not the default (the code; none for a municipality), so documents
        // from before the field export as they came in.
        ...(inst.abbreviation !== defaultAbbreviation(inst.code, inst.kind) ? { abbreviation: inst.abbreviation } : {}),
        kind: inst.kind,
        parent: tree.codeOf(inst.parentId),
      }
    }),
    plan: {
      code: plan.code,
      title: plan.title,
      period: { start: plan.periodStart, end: plan.periodEnd },
      approvedBy: plan.approvedBy,
      coordinator: code(plan.coordinatorId),
      reportDue: plan.reportDue,
      policyFramework: plan.policyFramework,
      goal: plan.goal,
      actionLines: rows.lines.map((line) => ({
        number: line.number,
        title: line.title,
        goal: line.goal,
        measures: rows.measures
          .filter((m) => m.actionLineId === line.id)
          .map((m) => ({
            number: m.number,
            sourceRef: m.sourceRef,
            title: m.title,
            responsible: codes(m.id, 'responsible'),
            involved: codes(m.id, 'involved'),
            deadline: deadlineOf(m),
            budget: budgetOf(m, rows.budget.get(m.id) ?? [], tree),
            expectedResult: m.expectedResult,
            indicator: m.indicator,
            status: m.status,
            assessment: m.assessment,
            progress: (rows.progress.get(m.id) ?? []).map((p) => ({ institution: code(p.institutionId), period: p.period, text: p.text })),
            // Written only when set, so documents from before the field export as they came in.
            ...(m.excludedAct !== null && m.excludedDate !== null ? { excluded: { act: m.excludedAct, date: m.excludedDate } } : {}),
          })),
      })),
    },
  }
}

/**
 * The institutions a document must list: those the imported document named, in its order, then any
 * used since (a measure edited to name a new institution) with their ancestors, so the export
 * always imports again.
 */
function namedInstitutions(rows: PlanRows): number[] {
  const ids = rows.named.map((n) => n.institutionId)
  const listed = new Set(ids)
  const add = (id: number | null) => {
    while (id !== null && !listed.has(id)) {
      listed.add(id)
      ids.push(id)
      id = rows.tree.byId.get(id)?.parentId ?? null
    }
  }
  add(rows.plan.coordinatorId)
  for (const links of rows.links.values()) links.forEach((l) => add(l.institutionId))
  for (const lines of rows.budget.values()) lines.forEach((b) => add(b.institutionId))
  for (const entries of rows.progress.values()) entries.forEach((p) => add(p.institutionId))
  for (const id of [...ids]) add(rows.tree.byId.get(id)?.parentId ?? null)
  return ids
}
