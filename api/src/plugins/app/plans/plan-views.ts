// How a plan reads in responses: the list item and the detail with its action lines, each with what
// the caller may do with it. Pure functions of rows, shared by the plans service and the editor.
import { type Plan, type PlanListItem, planAbilities } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import type { ActionLine as ActionLineRow, Plan as PlanRow } from '../../../db/schema/index.js'
import type { Actor } from '../auth/actor.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { actionLinesWithCounts } from './plans-data.js'

export function toPlanListItem(actor: Actor, row: PlanRow, tree: InstitutionTree, measureCount: number): PlanListItem {
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

/** The plan with its action lines in order, each with its number of measures. */
export function toPlan(actor: Actor, row: PlanRow, tree: InstitutionTree, lines: (ActionLineRow & { measureCount: number })[]): Plan {
  return {
    ...toPlanListItem(
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
}

/** Reads what `toPlan` needs (one query after another: the executor may be a transaction). */
export async function planView(executor: DbOrTx, actor: Actor, row: PlanRow): Promise<Plan> {
  const lines = await actionLinesWithCounts(executor, row.id)
  const tree = await InstitutionTree.load(executor)
  return toPlan(actor, row, tree, lines)
}
