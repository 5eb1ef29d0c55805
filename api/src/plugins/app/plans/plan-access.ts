// The one read of a plan on someone's behalf: a draft is its coordinators' own business, so to
// anyone else it does not exist (404, as for an unknown id) — the plan, and every read under it
// (measures, summary, export, report, rounds). Every service reading a plan for a caller goes
// through here, and every change of a plan's shape through `ensureShapeable`.
import { AppError, canManagePlan, canSeePlan, ErrorCode, structureNeedsReason } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import type { Plan as PlanRow } from '../../../db/schema/index.js'
import type { Actor } from '../auth/actor.js'
import { ensure, notFound } from '../errors.js'
import { planRow } from './plans-data.js'

export const NOT_COORDINATOR = 'Only the plan’s coordinating institution may do this'

/** Throws 404 (naming `what`: the plan, or the record asked for under it) unless the actor may see the plan. */
export function ensureVisible(actor: Actor, plan: PlanRow, what = 'Plan'): PlanRow {
  if (!canSeePlan(actor, plan)) throw notFound(what)
  return plan
}

/** The plan row if the actor may see it; 404 for an unknown plan and for someone else's draft. */
export async function visiblePlanRow(executor: DbOrTx, actor: Actor, id: number, what = 'Plan'): Promise<PlanRow> {
  return ensureVisible(actor, await planRow(executor, id), what)
}

export const planClosed = () => new AppError(ErrorCode.planClosed, 'The plan is closed and read-only; an administrator may reopen it')

/**
 * May the actor change this plan's fields or shape now, for this reason? 403 unless it manages the
 * plan, 409 PLAN_CLOSED once closed, 400 REASON_REQUIRED on an active plan without a reason (a
 * change of an approved plan is an amendment).
 */
export function ensureShapeable(actor: Actor, plan: PlanRow, reason: string | null | undefined) {
  ensure(canManagePlan(actor, plan), NOT_COORDINATOR)
  if (plan.state === 'closed') throw planClosed()
  if (structureNeedsReason(plan) && !reason?.trim())
    throw new AppError(ErrorCode.reasonRequired, 'The plan is active: a change to it is an amendment and needs a reason', {
      errors: [{ path: '/reason', message: 'is required while the plan is active' }],
    })
}
