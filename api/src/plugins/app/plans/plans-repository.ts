// Plans: list, detail with action lines, the status summary, and export as `action-plan/1`.
import type { FastifyInstance } from 'fastify'
import { asc, count, eq, inArray } from 'drizzle-orm'
import { PLAN_FORMAT, type Plan, type PlanDocument, type PlanListItem, type PlanSummary } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import {
  actionLines,
  budgetLines,
  measureInstitutions,
  measures,
  planInstitutions,
  plans,
  progressEntries,
  type Plan as PlanRow,
} from '../../../db/schema/index.js'
import { computeFigures } from '../../../report/figures.js'
import { notFound } from '../errors.js'
import { budgetOf, deadlineOf } from '../measures/measure-fields.js'
import { InstitutionTree } from '../institutions/institution-tree.js'

function toListItem(row: PlanRow, tree: InstitutionTree, measureCount: number): PlanListItem {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    period: { start: row.periodStart, end: row.periodEnd },
    coordinator: tree.codeOf(row.coordinatorId)!,
    reportDue: row.reportDue,
    measureCount,
    version: row.version,
  }
}

export async function planRow(executor: DbOrTx, id: number): Promise<PlanRow> {
  const [row] = await executor.select().from(plans).where(eq(plans.id, id))
  if (!row) throw notFound('Plan')
  return row
}

/** Every row of a plan that its document and its report are built from, in the plan's order. */
export async function loadPlanRows(executor: DbOrTx, planId: number) {
  const [plan] = await executor.select().from(plans).where(eq(plans.id, planId))
  if (!plan) throw notFound('Plan')
  // One query after another: the executor may be a transaction, whose connection runs one at a time.
  const lines = await executor.select().from(actionLines).where(eq(actionLines.planId, planId)).orderBy(asc(actionLines.position))
  const measureRows = await executor.select().from(measures).where(eq(measures.planId, planId)).orderBy(asc(measures.position))
  const tree = await InstitutionTree.load(executor)
  const named = await executor
    .select()
    .from(planInstitutions)
    .where(eq(planInstitutions.planId, planId))
    .orderBy(asc(planInstitutions.position))
  const ids = measureRows.map((m) => m.id)
  const links = ids.length
    ? await executor
        .select()
        .from(measureInstitutions)
        .where(inArray(measureInstitutions.measureId, ids))
        .orderBy(asc(measureInstitutions.position))
    : []
  const budget = ids.length
    ? await executor.select().from(budgetLines).where(inArray(budgetLines.measureId, ids)).orderBy(asc(budgetLines.position))
    : []
  const progress = ids.length
    ? await executor
        .select()
        .from(progressEntries)
        .where(inArray(progressEntries.measureId, ids))
        .orderBy(asc(progressEntries.position), asc(progressEntries.id))
    : []
  const group = <T extends { measureId: number }>(rows: T[]) => {
    const map = new Map<number, T[]>()
    for (const row of rows) map.set(row.measureId, [...(map.get(row.measureId) ?? []), row])
    return map
  }
  return { plan, lines, measures: measureRows, tree, named, links: group(links), budget: group(budget), progress: group(progress) }
}
export type PlanRows = Awaited<ReturnType<typeof loadPlanRows>>

export function createPlansRepository(fastify: FastifyInstance) {
  const { db } = fastify

  return {
    async list(): Promise<PlanListItem[]> {
      const [rows, counts, tree] = await Promise.all([
        db.select().from(plans).orderBy(asc(plans.code)),
        db.select({ planId: measures.planId, n: count() }).from(measures).groupBy(measures.planId),
        InstitutionTree.load(db),
      ])
      const byPlan = new Map(counts.map((c) => [c.planId, c.n]))
      return rows.map((row) => toListItem(row, tree, byPlan.get(row.id) ?? 0))
    },

    row: (id: number, executor: DbOrTx = db) => planRow(executor, id),

    async get(id: number): Promise<Plan> {
      const row = await this.row(id)
      const [lines, counts, tree] = await Promise.all([
        db.select().from(actionLines).where(eq(actionLines.planId, id)).orderBy(asc(actionLines.position)),
        db
          .select({ lineId: measures.actionLineId, n: count() })
          .from(measures)
          .where(eq(measures.planId, id))
          .groupBy(measures.actionLineId),
        InstitutionTree.load(db),
      ])
      const byLine = new Map(counts.map((c) => [c.lineId, c.n]))
      return {
        ...toListItem(
          row,
          tree,
          counts.reduce((n, c) => n + c.n, 0),
        ),
        approvedBy: row.approvedBy,
        policyFramework: row.policyFramework,
        goal: row.goal,
        predecessorId: row.predecessorId,
        actionLines: lines.map((l) => ({ id: l.id, number: l.number, title: l.title, goal: l.goal, measureCount: byLine.get(l.id) ?? 0 })),
      }
    },

    /** The same figures the report states, computed from the same document. */
    async summary(id: number): Promise<PlanSummary> {
      const { total, byStatus, byActionLine, bySector } = computeFigures(await this.export(id))
      return { total, byStatus, byActionLine, bySector }
    },

    async export(id: number): Promise<PlanDocument> {
      return toDocument(await loadPlanRows(db, id))
    },
  }
}

/** The lossless document: export → import → export gives the same JSON. */
export function toDocument(rows: PlanRows): PlanDocument {
  const { plan, tree } = rows
  const code = (id: number) => tree.codeOf(id)!
  const codes = (measureId: number, role: 'responsible' | 'involved') =>
    (rows.links.get(measureId) ?? []).filter((l) => l.role === role).map((l) => code(l.institutionId))
  return {
    format: PLAN_FORMAT,
    institutions: namedInstitutions(rows).map((id) => {
      const inst = tree.byId.get(id)!
      return { code: inst.code, name: inst.name, kind: inst.kind, parent: tree.codeOf(inst.parentId) }
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
