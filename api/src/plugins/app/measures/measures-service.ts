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
  measureAbilities,
  type StatusHistoryEntry,
  type UpdateMeasure,
  type UpdateMeasureResult,
} from '@apt/shared'
import type { Measure as MeasureRow } from '../../../db/schema/index.js'
import type { Actor } from '../auth/actor.js'
import { AppError, ensure, versionConflict } from '../errors.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { planClosed, visiblePlanRow } from '../plans/plan-access.js'
import {
  findMeasureRows,
  measureItemViews,
  measureLinks,
  measureRow,
  measureView,
  namePlanInstitutions,
  replaceMeasureLinks,
  statusHistory,
  updateMeasureRow,
} from './measures-data.js'

/** A warning (not an error) with a successful update: rated done without accepted evidence. */
export const NO_ACCEPTED_EVIDENCE = 'NO_ACCEPTED_EVIDENCE'

export function createMeasuresService(fastify: FastifyInstance) {
  const { db } = fastify

  return {
    /** A plan's measures, filtered (404 for an unknown plan, or a draft the actor may not see). */
    async list(actor: Actor, planId: number, query: MeasureQuery): Promise<MeasureListItem[]> {
      const plan = await visiblePlanRow(db, actor, planId)
      const abilities = measureAbilities(actor, plan)
      const views = await measureItemViews(db, await findMeasureRows(db, planId, query))
      return views.map((m) => ({ ...m, abilities }))
    },

    async get(actor: Actor, id: number): Promise<Measure> {
      const measure = await measureView(db, id)
      return { ...measure, abilities: measureAbilities(actor, await visiblePlanRow(db, actor, measure.planId, 'Measure')) }
    },

    async update(actor: Actor, id: number, input: UpdateMeasure): Promise<UpdateMeasureResult> {
      return db.transaction(async (tx) => {
        const before = await measureRow(tx, id)
        const plan = await visiblePlanRow(tx, actor, before.planId, 'Measure')
        ensure(canManagePlan(actor, plan), 'Only the plan’s coordinating institution may edit its measures')
        if (plan.state === 'closed') throw planClosed()
        if (before.version !== input.version) throw versionConflict('Measure')
        const statusChanges = input.status !== undefined && input.status !== before.status
        if (statusChanges && plan.state === 'draft')
          throw new AppError(ErrorCode.invalidTransition, 'A draft plan’s measures are rated once the plan is active')
        if (statusChanges) ensure(canRateMeasure(actor, plan), 'Only the plan’s coordinating institution may rate its measures')
        if (statusChanges && !input.reason?.trim())
          throw new AppError(ErrorCode.reasonRequired, 'Changing the status needs a reason', {
            errors: [{ path: '/reason', message: 'is required when the status changes' }],
          })

        const changes: Partial<MeasureRow> = {}
        if (input.title !== undefined) changes.title = input.title
        if (input.sourceRef !== undefined) changes.sourceRef = input.sourceRef
        if (input.deadline !== undefined) {
          changes.deadlineText = input.deadline?.text ?? null
          changes.deadlineDue = input.deadline?.due ?? null
        }
        if (input.budgetText !== undefined) {
          changes.budgetText = input.budgetText
          changes.hasBudget = true
        }
        if (input.expectedResult !== undefined) changes.expectedResult = input.expectedResult
        if (input.indicator !== undefined) changes.indicator = input.indicator
        if (input.status !== undefined) changes.status = input.status
        if (input.assessment !== undefined) changes.assessment = input.assessment

        const updated = await updateMeasureRow(tx, id, input.version, changes)
        if (!updated) throw versionConflict('Measure')

        // The audit row names exactly the fields sent, each with its value before and after.
        const fields = (Object.keys(changes) as (keyof MeasureRow)[]).filter((k) => k !== 'hasBudget')
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

        if (input.responsible !== undefined || input.involved !== undefined) {
          const tree = await InstitutionTree.load(tx)
          const beforeLinks = await measureLinks(tx, id)
          const current = (role: 'responsible' | 'involved') =>
            beforeLinks.filter((l) => l.role === role).map((l) => tree.codeOf(l.institutionId)!)
          const resolve = (codes: string[]) =>
            codes.map((code) => {
              const inst = tree.byCode.get(code)
              if (!inst) throw new AppError(ErrorCode.unknownInstitutions, `Unknown institution ${code}`, { codes: [{ code }] })
              return inst.id
            })
          const next = { responsible: input.responsible ?? current('responsible'), involved: input.involved ?? current('involved') }
          const responsible = resolve(next.responsible)
          const involved = resolve(next.involved)
          await replaceMeasureLinks(tx, id, responsible, involved)
          await namePlanInstitutions(tx, before.planId, [...responsible, ...involved])
          Object.assign(auditBefore, { responsible: current('responsible'), involved: current('involved') })
          Object.assign(auditAfter, next)
        }

        await fastify.audit.record(tx, actor, {
          action: statusChanges ? 'measure.status' : 'measure.update',
          entityType: 'measure',
          entityId: id,
          planId: before.planId,
          before: auditBefore,
          after: auditAfter,
          reason: input.reason ?? null,
        })
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
