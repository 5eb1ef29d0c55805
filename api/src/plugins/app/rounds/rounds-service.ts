// Reporting rounds: open one on a plan, list and read them, close them, and their completeness.
// Who may do what is the shared policy's (`canOpenRound`, `canManagePlan`, `roundAbilities`).
import type { FastifyInstance } from 'fastify'
import {
  AppError,
  canManagePlan,
  canOpenRound,
  ErrorCode,
  fieldErrors,
  isOverdue,
  rigaToday,
  roundAbilities,
  type Completeness,
  type CreateRound,
  type Round,
  type RoundListItem,
} from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { type Actor, userIdOf } from '../auth/actor.js'
import { ensure, versionConflict } from '../errors.js'
import { plainText } from '../input.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { NOT_COORDINATOR, visiblePlanRow } from '../plans/plan-access.js'
import { roundOpened } from '../notifications/events.js'
import { planRow } from '../plans/plans-data.js'
import { isLate, loadOwed, stateOf, tally } from './completeness.js'
import { toRoundListItem } from './round-views.js'
import { askedCounts, askedMeasures, closeRound, insertRound, planMeasureStatuses, planRoundRows, roundRow } from './rounds-data.js'

/** A round with the measures it asks about, as the actor sees it. */
async function detail(executor: DbOrTx, actor: Actor, id: number): Promise<Round> {
  // One query after another: the executor may be a transaction's single connection.
  const row = await roundRow(executor, id)
  const plan = await visiblePlanRow(executor, actor, row.planId, 'Round')
  const asked = await askedMeasures(executor, id)
  const owed = await loadOwed(executor, [id])
  return { ...toRoundListItem(row, owed.get(id)!, asked.length, rigaToday(), roundAbilities(actor, plan, row)), measures: asked }
}

export function createRoundsService(fastify: FastifyInstance) {
  const { db } = fastify

  return {
    get: (actor: Actor, id: number) => detail(db, actor, id),

    /**
     * Opens a round on the measures named, or on every measure not yet rated done; measures an
     * amendment excluded are never asked about. Rounds run on an active plan only.
     */
    async open(actor: Actor, planId: number, input: CreateRound): Promise<Round> {
      return db.transaction(async (tx) => {
        const plan = await visiblePlanRow(tx, actor, planId)
        ensure(canManagePlan(actor, plan), NOT_COORDINATOR)
        if (plan.state !== 'active')
          throw new AppError(
            ErrorCode.invalidTransition,
            plan.state === 'draft'
              ? 'The plan is still a draft: activate it before opening a reporting round'
              : 'The plan is closed: no new reporting rounds open on it',
          )
        ensure(canOpenRound(actor, plan), NOT_COORDINATOR)
        const planMeasures = await planMeasureStatuses(tx, planId)
        let measureIds: number[]
        if (input.measures) {
          const byId = new Map(planMeasures.map((m) => [m.id, m]))
          const errors = input.measures.flatMap((id, i) => {
            const measure = byId.get(id)
            if (!measure) return [{ path: `/measures/${i}`, message: 'is not a measure of this plan' }]
            return measure.excluded ? [{ path: `/measures/${i}`, message: 'is excluded from the plan by an amendment' }] : []
          })
          if (errors.length) throw fieldErrors(ErrorCode.invalidReference, errors)
          measureIds = input.measures
        } else {
          measureIds = planMeasures.filter((m) => m.status !== 'done' && !m.excluded).map((m) => m.id)
          if (!measureIds.length)
            throw new AppError(ErrorCode.validationFailed, 'Every measure is already rated done: name the measures the round asks about', {
              errors: [{ path: '/measures', message: 'is required when every measure is done' }],
            })
        }
        const round = await insertRound(
          tx,
          {
            planId,
            title: plainText(input.title),
            period: plainText(input.period),
            dueDate: input.dueDate,
            ...(input.reminderDays ? { reminderDays: [...input.reminderDays].sort((a, b) => b - a) } : {}),
            createdBy: userIdOf(actor),
          },
          measureIds,
        )
        await fastify.audit.record(tx, actor, {
          action: 'round.open',
          entityType: 'round',
          entityId: round.id,
          planId,
          after: { ...round, measures: measureIds },
        })
        await roundOpened(fastify, tx, actor, round)
        return detail(tx, actor, round.id)
      })
    },

    /** A plan's rounds, newest first, with their completeness counts. */
    async list(actor: Actor, planId: number): Promise<RoundListItem[]> {
      const plan = await visiblePlanRow(db, actor, planId)
      const rows = await planRoundRows(db, planId)
      const ids = rows.map((r) => r.id)
      const [owed, asked] = await Promise.all([loadOwed(db, ids), askedCounts(db, ids)])
      const today = rigaToday()
      return rows.map((r) => toRoundListItem(r, owed.get(r.id)!, asked.get(r.id) ?? 0, today, roundAbilities(actor, plan, r)))
    },

    /** Closing stops new submissions; reviewing what was handed in goes on. */
    async close(actor: Actor, id: number): Promise<Round> {
      return db.transaction(async (tx) => {
        const before = await roundRow(tx, id, { lock: 'update' })
        ensure(canManagePlan(actor, await planRow(tx, before.planId)), NOT_COORDINATOR)
        if (before.state === 'closed') throw new AppError(ErrorCode.invalidTransition, 'The round is already closed')
        const after = await closeRound(tx, before)
        if (!after) throw versionConflict('Round')
        await fastify.audit.record(tx, actor, {
          action: 'round.close',
          entityType: 'round',
          entityId: id,
          planId: before.planId,
          before: { state: before.state, version: before.version },
          after: { state: after.state, closedAt: after.closedAt, version: after.version },
        })
        return detail(tx, actor, id)
      })
    },

    /** Who owes what in the round; every logged-in user may read it. */
    async completeness(actor: Actor, id: number): Promise<Completeness> {
      const round = await roundRow(db, id)
      await visiblePlanRow(db, actor, round.planId, 'Round')
      const [owed, tree] = await Promise.all([loadOwed(db, [id]), InstitutionTree.load(db)])
      const items = owed.get(id)!
      const overdue = isOverdue(round.dueDate)
      return {
        roundId: id,
        state: round.state,
        dueDate: round.dueDate,
        overdue,
        ...tally(items, overdue, tree),
        items: items.map((item) => ({
          measure: { id: item.measure.id, number: item.measure.number, title: item.measure.title },
          institution: tree.codeOf(item.institutionId)!,
          role: item.role,
          state: stateOf(item),
          submissionId: item.submission?.id ?? null,
          late: isLate(item, overdue),
        })),
      }
    },
  }
}

export type RoundsService = ReturnType<typeof createRoundsService>
