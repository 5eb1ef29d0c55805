// Plans: the list and the detail with what the caller may do with each, the status summary, and the
// export as `action-plan/1`. Every logged-in user reads plans; importing and starting a successor
// are the plan importer's (./plan-import.ts).
import type { FastifyInstance } from 'fastify'
import { type Plan, type PlanDocument, type PlanListItem, type PlanSummary, planAbilities } from '@apt/shared'
import type { Plan as PlanRow } from '../../../db/schema/index.js'
import { computeFigures } from '../../../report/figures.js'
import type { Actor } from '../auth/actor.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { toDocument } from './plan-document.js'
import { actionLinesWithCounts, loadPlanRows, measureCountsByPlan, planRow, planRows } from './plans-data.js'

function toListItem(actor: Actor, row: PlanRow, tree: InstitutionTree, measureCount: number): PlanListItem {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    period: { start: row.periodStart, end: row.periodEnd },
    coordinator: tree.codeOf(row.coordinatorId)!,
    reportDue: row.reportDue,
    state: row.state,
    measureCount,
    version: row.version,
    abilities: planAbilities(actor, row),
  }
}

export function createPlansService(fastify: FastifyInstance) {
  const { db } = fastify

  /** The lossless document of a plan (404 when there is none). */
  const exportPlan = async (_actor: Actor, id: number): Promise<PlanDocument> => toDocument(await loadPlanRows(db, id))

  return {
    async list(actor: Actor): Promise<PlanListItem[]> {
      const [rows, counts, tree] = await Promise.all([planRows(db), measureCountsByPlan(db), InstitutionTree.load(db)])
      return rows.map((row) => toListItem(actor, row, tree, counts.get(row.id) ?? 0))
    },

    async get(actor: Actor, id: number): Promise<Plan> {
      const row = await planRow(db, id)
      const [lines, tree] = await Promise.all([actionLinesWithCounts(db, id), InstitutionTree.load(db)])
      return {
        ...toListItem(
          actor,
          row,
          tree,
          lines.reduce((n, l) => n + l.measureCount, 0),
        ),
        approvedBy: row.approvedBy,
        policyFramework: row.policyFramework,
        goal: row.goal,
        predecessorId: row.predecessorId,
        actionLines: lines.map((l) => ({ id: l.id, number: l.number, title: l.title, goal: l.goal, measureCount: l.measureCount })),
      }
    },

    /** The same figures the report states, computed from the same document. */
    async summary(actor: Actor, id: number): Promise<PlanSummary> {
      const { total, byStatus, byActionLine, bySector } = computeFigures(await exportPlan(actor, id))
      return { total, byStatus, byActionLine, bySector }
    },

    export: exportPlan,
  }
}
