// Reporting rounds: open one on a plan (and say beforehand what it would cause), list and read them,
// close them, and their completeness.
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
  type CompletenessQuery,
  type CreateRound,
  type Round,
  type RoundListItem,
  type RoundWarning,
  type RoundWarnings,
} from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { ReadCache } from '../../../db/read-cache.js'
import type { Round as RoundRow } from '../../../db/schema/index.js'
import { type Actor, userIdOf } from '../auth/actor.js'
import { ensure, versionConflict } from '../errors.js'
import { plainText } from '../input.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { ensureVisible, NOT_COORDINATOR, visiblePlanRow } from '../plans/plan-access.js'
import { roundOpened } from '../notifications/events.js'
import { planRow } from '../plans/plans-data.js'
import { isLate, loadOwed, stateOf, tally } from './completeness.js'
import { toRoundListItem } from './round-views.js'
import {
  askedCounts,
  askedMeasures,
  closeRound,
  insertRound,
  openRoundsAsking,
  planMeasureStatuses,
  planRoundRows,
  roundRow,
  roundWithPlan,
} from './rounds-data.js'

/** A round with the measures it asks about, as the actor sees it. */
async function detail(executor: DbOrTx, actor: Actor, id: number): Promise<Round> {
  // One query after another: the executor may be a transaction's single connection.
  const { round: row, plan } = await roundWithPlan(executor, id)
  ensureVisible(actor, plan, 'Round')
  const asked = await askedMeasures(executor, id)
  const owed = await loadOwed(executor, [id])
  return { ...toRoundListItem(row, owed.get(id)!, asked.length, rigaToday(), roundAbilities(actor, plan, row)), measures: asked }
}

/**
 * The measures a new round on the plan would ask about, once the actor may open rounds on it (404
 * for a plan it may not see, 403 for another's plan, 409 unless the plan is active): those named,
 * each checked to be the plan's and not excluded, or by default every measure not yet rated done.
 */
async function measuresToAsk(executor: DbOrTx, actor: Actor, planId: number, input: CreateRound): Promise<number[]> {
  const plan = await visiblePlanRow(executor, actor, planId)
  ensure(canManagePlan(actor, plan), NOT_COORDINATOR)
  if (plan.state !== 'active')
    throw new AppError(
      ErrorCode.invalidTransition,
      plan.state === 'draft'
        ? 'The plan is still a draft: activate it before opening a reporting round'
        : 'The plan is closed: no new reporting rounds open on it',
    )
  ensure(canOpenRound(actor, plan), NOT_COORDINATOR)
  const planMeasures = await planMeasureStatuses(executor, planId)
  if (input.measures) {
    const byId = new Map(planMeasures.map((m) => [m.id, m]))
    const errors = input.measures.flatMap((id, i) => {
      const measure = byId.get(id)
      if (!measure) return [{ path: `/measures/${i}`, message: 'is not a measure of this plan' }]
      return measure.excluded ? [{ path: `/measures/${i}`, message: 'is excluded from the plan by an amendment' }] : []
    })
    if (errors.length) throw fieldErrors(ErrorCode.invalidReference, errors)
    return input.measures
  }
  const unfinished = planMeasures.filter((m) => m.status !== 'done' && !m.excluded).map((m) => m.id)
  if (!unfinished.length)
    throw new AppError(ErrorCode.validationFailed, 'Every measure is already rated done: name the measures the round asks about', {
      errors: [{ path: '/measures', message: 'is required when every measure is done' }],
    })
  return unfinished
}

/**
 * A round's completeness, as written to the client, kept per round and view until what it is read
 * from changes (db/read-cache.ts), and at most a minute: "late" turns at the Riga midnight.
 */
const COMPLETENESS_CACHE = {
  tables: ['plans', 'rounds', 'round_measures', 'measures', 'measure_institutions', 'submissions', 'institutions'],
  maxEntries: 500,
  maxAgeMs: 60_000,
}

export function createRoundsService(fastify: FastifyInstance) {
  const { db } = fastify
  const kept = new ReadCache<string, Buffer>(fastify.changes, COMPLETENESS_CACHE)

  return {
    get: (actor: Actor, id: number) => detail(db, actor, id),

    /**
     * Opens a round on the measures named, or on every measure not yet rated done; measures an
     * amendment excluded are never asked about. Rounds run on an active plan only. What `check`
     * warns of (a past due date, measures another open round asks about) is allowed: the web app
     * asks for a confirmation before it calls this.
     */
    async open(actor: Actor, planId: number, input: CreateRound): Promise<Round> {
      return db.transaction(async (tx) => {
        const measureIds = await measuresToAsk(tx, actor, planId, input)
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

    /**
     * What opening this round would cause, said before it is saved: a due date already past (every
     * institution late at once), and each open round of the plan that asks about some of the same
     * measures (institutions would owe two reports on them). The same access and the same errors
     * as `open`; nothing is written.
     */
    async check(actor: Actor, planId: number, input: CreateRound): Promise<RoundWarnings> {
      const measureIds = await measuresToAsk(db, actor, planId, input)
      const warnings: RoundWarning[] = []
      if (input.dueDate < rigaToday()) warnings.push({ kind: 'due_in_past', dueDate: input.dueDate })
      const overlapping = new Map<number, Extract<RoundWarning, { kind: 'overlap' }>>()
      for (const row of await openRoundsAsking(db, planId, measureIds)) {
        let warning = overlapping.get(row.roundId)
        if (!warning) {
          warning = { kind: 'overlap', round: { id: row.roundId, title: row.title, dueDate: row.dueDate }, measures: [] }
          overlapping.set(row.roundId, warning)
        }
        warning.measures.push({ id: row.measureId, number: row.number })
      }
      warnings.push(...overlapping.values())
      return { warnings }
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

    /**
     * Who owes what in the round, serialised as UTF-8 JSON; every logged-in user may read it.
     * `view: 'summary'` leaves the owed items out (the counts and who is late stay).
     */
    async completeness(
      actor: Actor,
      id: number,
      query: CompletenessQuery,
      /** The route's serialiser for Completeness. */
      serialize: (completeness: Completeness) => string,
    ): Promise<Buffer> {
      const { round, plan } = await roundWithPlan(db, id)
      ensureVisible(actor, plan, 'Round')
      return kept.get(JSON.stringify([id, query.view ?? null]), async () => Buffer.from(serialize(await completenessOf(round, query))))
    },
  }

  async function completenessOf(round: RoundRow, query: CompletenessQuery): Promise<Completeness> {
    const id = round.id
    const [owed, tree] = await Promise.all([loadOwed(db, [id]), InstitutionTree.load(db)])
    const items = owed.get(id)!
    const overdue = isOverdue(round.dueDate)
    const summary = { roundId: id, state: round.state, dueDate: round.dueDate, overdue, ...tally(items, overdue, tree) }
    if (query.view === 'summary') return summary
    return {
      ...summary,
      items: items.map((item) => ({
        measure: { id: item.measure.id, number: item.measure.number, title: item.measure.title },
        institution: tree.codeOf(item.institutionId)!,
        role: item.role,
        state: stateOf(item),
        submissionId: item.submission?.id ?? null,
        late: isLate(item, overdue),
      })),
    }
  }
}

export type RoundsService = ReturnType<typeof createRoundsService>
