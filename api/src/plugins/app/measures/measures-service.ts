// Measures: filtered lists and the detail with what the caller may do with them, versioned edits
// with status reasons (the plan's coordinator's), and the status history.
import type { FastifyInstance } from 'fastify'
import {
  canManagePlan,
  canRateMeasure,
  ErrorCode,
  type Measure,
  type MeasureListItem,
  type MeasureQuery,
  type MeasureTableItem,
  measureAbilities,
  structureNeedsReason,
  type StatusHistoryEntry,
  type UpdateMeasure,
  type UpdateMeasureResult,
} from '@apt/shared'
import { ReadCache } from '../../../db/read-cache.js'
import type { Actor } from '../auth/actor.js'
import { AppError, ensure } from '../errors.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { measureStatusChanged } from '../notifications/events.js'
import { planClosed, visiblePlanRow } from '../plans/plan-access.js'
import { changeMeasureFields } from './measure-changes.js'
import { type MeasureItemView, measurePage, measureRow, measureView, type MeasureView, statusHistory } from './measures-data.js'

/** A warning (not an error) with a successful update: rated done without accepted evidence. */
export const NO_ACCEPTED_EVIDENCE = 'NO_ACCEPTED_EVIDENCE'

/**
 * A plan's measure list, as written to the client, is kept per plan, query and abilities until a
 * table it is read from changes (db/read-cache.ts): 1,000 measures are close to a megabyte that
 * everyone at a deadline asks for again and again between the few changes that alter it.
 */
const LIST_CACHE = {
  tables: ['plans', 'action_lines', 'measures', 'measure_institutions', 'budget_lines', 'progress_entries', 'institutions'],
  maxEntries: 200,
  maxAgeMs: 60_000,
}

/** A measure's detail (without the caller's abilities), kept until a table it is read from changes. */
const DETAIL_CACHE = {
  tables: [...LIST_CACHE.tables, 'submissions', 'evidence'],
  maxEntries: 2_000,
  maxAgeMs: 60_000,
}

export function createMeasuresService(fastify: FastifyInstance) {
  const { db } = fastify
  const lists = new ReadCache<string, { total: number; body: Buffer }>(fastify.changes, LIST_CACHE)
  const details = new ReadCache<number, MeasureView>(fastify.changes, DETAIL_CACHE)

  return {
    /**
     * A plan's measures, filtered, one page of them or all, as list items or the table's fields,
     * serialised as UTF-8 JSON (404 for an unknown plan, or a draft the actor may not see); `total` counts every match.
     */
    async list(
      actor: Actor,
      planId: number,
      query: MeasureQuery,
      /** The route's serialiser for MeasureListItem[] or MeasureTableItem[]. */
      serialize: (items: MeasureListItem[] | MeasureTableItem[]) => string,
    ): Promise<{ total: number; body: Buffer }> {
      const plan = await visiblePlanRow(db, actor, planId)
      const abilities = query.view === 'table' ? null : measureAbilities(actor, plan)
      return lists.get(JSON.stringify([planId, query, abilities]), async () => {
        const { total, items } = await measurePage(db, planId, query, await InstitutionTree.load(db))
        const listed = abilities ? (items as MeasureItemView[]).map((m) => ({ ...m, abilities })) : (items as MeasureTableItem[])
        return { total, body: Buffer.from(serialize(listed)) }
      })
    },

    async get(actor: Actor, id: number): Promise<Measure> {
      const measure = await details.get(id, () => measureView(db, id))
      return { ...measure, abilities: measureAbilities(actor, await visiblePlanRow(db, actor, measure.planId, 'Measure')) }
    },

    async update(actor: Actor, id: number, input: UpdateMeasure): Promise<UpdateMeasureResult> {
      return db.transaction(async (tx) => {
        const before = await measureRow(tx, id)
        const plan = await visiblePlanRow(tx, actor, before.planId, 'Measure')
        ensure(canManagePlan(actor, plan), 'Only the plan’s coordinating institution may edit its measures')
        if (plan.state === 'closed') throw planClosed()
        const statusChanges = input.status !== undefined && input.status !== before.status
        if (statusChanges && plan.state === 'draft')
          throw new AppError(ErrorCode.invalidTransition, 'A draft plan’s measures are rated once the plan is active')
        if (statusChanges) ensure(canRateMeasure(actor, plan), 'Only the plan’s coordinating institution may rate its measures')
        if (statusChanges && !input.reason?.trim())
          throw new AppError(ErrorCode.reasonRequired, 'Changing the status needs a reason', {
            errors: [{ path: '/reason', message: 'is required when the status changes' }],
          })

        const numberChanges = input.number !== undefined && input.number !== before.number
        if (numberChanges && structureNeedsReason(plan) && !input.reason?.trim())
          throw new AppError(ErrorCode.reasonRequired, 'A new number on an active plan amends it: say why', {
            errors: [{ path: '/reason', message: 'is required when an active plan’s measure is renumbered' }],
          })
        // The assessment explains the status: a new status with the old explanation prints both side by
        // side in the report, so a status change asks for the assessment to be rewritten or kept knowingly.
        const assessmentStays =
          (input.assessment === undefined ? before.assessment : input.assessment)?.trim() === before.assessment?.trim()
        if (statusChanges && before.assessment?.trim() && assessmentStays && input.keepAssessment !== true)
          throw new AppError(
            ErrorCode.assessmentReviewRequired,
            'The status changes but the assessment stays as written for the old status: send a reviewed assessment, or keepAssessment: true to keep it',
            { field: '/assessment', status: { from: before.status, to: input.status } },
          )
        const { version, reason, keepAssessment: _keep, ...changes } = input
        const { updated, audit } = await changeMeasureFields(tx, before, version, changes, await InstitutionTree.load(tx))
        await fastify.audit.record(tx, actor, { ...audit, reason: reason ?? null })
        if (updated.status !== before.status) await measureStatusChanged(fastify, tx, actor, before, updated, reason ?? null)
        const measure = { ...(await measureView(tx, id)), abilities: measureAbilities(actor, plan) }
        const warnings = statusChanges && updated.status === 'done' && measure.acceptedEvidenceCount === 0 ? [NO_ACCEPTED_EVIDENCE] : []
        return { measure, warnings }
      })
    },

    async history(actor: Actor, id: number): Promise<StatusHistoryEntry[]> {
      const measure = await measureRow(db, id)
      await visiblePlanRow(db, actor, measure.planId, 'Measure')
      return statusHistory(db, id)
    },
  }
}
