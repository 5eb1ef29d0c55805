// Plans: the list and the detail with what the caller may do with each, the status summary, and the
// export as `action-plan/1`. Every logged-in user reads active and closed plans; a draft only those
// who manage it (./plan-access.ts). Importing and starting a successor are the plan importer's
// (./plan-import.ts); creating and shaping a plan the editor's (./plan-editor.ts).
import type { FastifyInstance } from 'fastify'
import { canSeePlan, type Plan, type PlanDocument, type PlanListItem, type PlanSummary } from '@apt/shared'
import { computeFigures } from '../../../report/figures.js'
import type { Actor } from '../auth/actor.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { toDocument } from './plan-document.js'
import { visiblePlanRow } from './plan-access.js'
import { planView, toPlanListItem } from './plan-views.js'
import { loadPlanRows, measureCountsByPlan, planRows } from './plans-data.js'

export function createPlansService(fastify: FastifyInstance) {
  const { db } = fastify

  /** The lossless document of a plan (404 when there is none, or it is a draft the actor may not see). */
  const exportPlan = async (actor: Actor, id: number): Promise<PlanDocument> => {
    await visiblePlanRow(db, actor, id)
    return toDocument(await loadPlanRows(db, id))
  }

  return {
    async list(actor: Actor): Promise<PlanListItem[]> {
      const [rows, counts, tree] = await Promise.all([planRows(db), measureCountsByPlan(db), InstitutionTree.load(db)])
      return rows.filter((row) => canSeePlan(actor, row)).map((row) => toPlanListItem(actor, row, tree, counts.get(row.id) ?? 0))
    },

    async get(actor: Actor, id: number): Promise<Plan> {
      return planView(db, actor, await visiblePlanRow(db, actor, id))
    },

    /** The same figures the report states, computed from the same document. */
    async summary(actor: Actor, id: number): Promise<PlanSummary> {
      const { total, byStatus, byActionLine, bySector } = computeFigures(await exportPlan(actor, id))
      return { total, byStatus, byActionLine, bySector }
    },

    export: exportPlan,
  }
}
