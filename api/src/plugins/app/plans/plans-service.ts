// Plans: the list and the detail with what the caller may do with each, the status summary, and the
// export as `action-plan/1`. Every logged-in user reads active and closed plans; a draft only those
// who manage it (./plan-access.ts). Importing and starting a successor are the plan importer's
// (./plan-import.ts); creating and shaping a plan the editor's (./plan-editor.ts).
import type { FastifyInstance } from 'fastify'
import { canSeePlan, type Plan, type PlanDocument, type PlanListItem, type PlanSummary, rankSectors } from '@apt/shared'
import { ReadCache } from '../../../db/read-cache.js'
import type { Actor } from '../auth/actor.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { toDocument } from './plan-document.js'
import { visiblePlanRow } from './plan-access.js'
import { planView, toPlanListItem } from './plan-views.js'
import { loadPlanRows, measureCountsByPlan, planRows, responsibleSetCounts, statusCountsByLine } from './plans-data.js'

/**
 * A plan's summary is kept until the plan, its action lines, measures or their
 * institutions change (db/read-cache.ts): a dashboard full of people at a deadline reads one plan's
 * figures again and again between the few changes that alter them.
 */
const SUMMARY_CACHE = {
  tables: ['plans', 'action_lines', 'measures', 'measure_institutions', 'institutions'],
  maxEntries: 100,
  maxAgeMs: 60_000,
}

export function createPlansService(fastify: FastifyInstance) {
  const { db } = fastify
  const summaries = new ReadCache<number, PlanSummary>(fastify.changes, SUMMARY_CACHE)

  /** The lossless document of a plan (404 when there is none, or it is a draft the actor may not see). */
  const exportPlan = async (actor: Actor, id: number): Promise<PlanDocument> => {
    return toDocument(await loadPlanRows(db, id, await visiblePlanRow(db, actor, id)))
  }

  return {
    async list(actor: Actor): Promise<PlanListItem[]> {
      const [rows, counts, tree] = await Promise.all([planRows(db), measureCountsByPlan(db), InstitutionTree.load(db)])
      return rows.filter((row) => canSeePlan(actor, row)).map((row) => toPlanListItem(actor, row, tree, counts.get(row.id) ?? 0))
    },

    async get(actor: Actor, id: number): Promise<Plan> {
      return planView(db, actor, await visiblePlanRow(db, actor, id))
    },

    /**
     * The figures the report states (src/report/figures.ts computes them from the whole document),
     * counted in the database: measures by status, per action line and per sector, excluded ones
     * left out. A fixed number of queries, none of which reads a measure's texts.
     */
    async summary(actor: Actor, id: number): Promise<PlanSummary> {
      await visiblePlanRow(db, actor, id)
      return summaries.get(id, () => countSummary(id))
    },

    export: exportPlan,
  }

  /** Measures by status, per action line and per sector, counted in the database. */
  async function countSummary(id: number): Promise<PlanSummary> {
    const [counts, sets, tree] = await Promise.all([statusCountsByLine(db, id), responsibleSetCounts(db, id), InstitutionTree.load(db)])
    const emptyCounts = () => ({ done: 0, partial: 0, not_done: 0, pending: 0 })
    const byStatus = emptyCounts()
    const lines = new Map<number, { number: string; title: string; total: number } & ReturnType<typeof emptyCounts>>()
    for (const row of counts) {
      const line = lines.get(row.lineId) ?? { number: row.number, title: row.title, total: 0, ...emptyCounts() }
      lines.set(row.lineId, line)
      if (row.status === null || row.excluded) continue
      line[row.status] += row.n
      line.total += row.n
      byStatus[row.status] += row.n
    }
    const sectors = new Map<string, number>()
    for (const { ids, n } of sets) {
      const sector = tree.sectorOf(ids)
      sectors.set(sector, (sectors.get(sector) ?? 0) + n)
    }
    const bySector = rankSectors(sectors)
    const byActionLine = [...lines.values()]
    return { total: byActionLine.reduce((sum, line) => sum + line.total, 0), byStatus, byActionLine, bySector }
  }
}
