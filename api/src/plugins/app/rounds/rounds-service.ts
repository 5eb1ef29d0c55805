// Reporting rounds: open one on a plan, list and read them, close them, their completeness, and
// each user's outstanding work across open rounds.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm'
import { ErrorCode, type Completeness, type CreateRound, type MyWorkItem, type Round, type RoundListItem } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { measures, plans, roundMeasures, rounds, type Round as RoundRow } from '../../../db/schema/index.js'
import { currentUser } from '../auth/access.js'
import { assertCanManagePlan, reaches, reportingReach } from '../auth/scope.js'
import { AppError, notFound, versionConflict } from '../errors.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { countItems, isLate, isOverdue, latvianToday, loadOwed, stateOf, tally, type OwedItem } from './completeness.js'
import { plainText } from './input.js'

/**
 * A round row. Closing locks it for update; work that needs the round open (new drafts, edits,
 * submitting) locks it for share, so a close and a submission never interleave.
 */
export async function roundRow(executor: DbOrTx, id: number, opts: { lock?: 'update' | 'share' } = {}): Promise<RoundRow> {
  const query = executor.select().from(rounds).where(eq(rounds.id, id))
  const [row] = opts.lock ? await query.for(opts.lock) : await query
  if (!row) throw notFound('Round')
  return row
}

function toListItem(row: RoundRow, owed: OwedItem[], measureCount: number, today: string): RoundListItem {
  const overdue = isOverdue(row.dueDate, today)
  return {
    id: row.id,
    planId: row.planId,
    title: row.title,
    period: row.period,
    dueDate: row.dueDate,
    state: row.state,
    overdue,
    measureCount,
    counts: countItems(owed, overdue),
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    version: row.version,
  }
}

async function detail(executor: DbOrTx, id: number): Promise<Round> {
  const row = await roundRow(executor, id)
  const asked = await executor
    .select({ id: measures.id, number: measures.number, title: measures.title })
    .from(roundMeasures)
    .innerJoin(measures, eq(measures.id, roundMeasures.measureId))
    .where(eq(roundMeasures.roundId, id))
    .orderBy(asc(measures.position))
  const owed = await loadOwed(executor, [id])
  return { ...toListItem(row, owed.get(id)!, asked.length, latvianToday()), measures: asked }
}

export function createRoundsRepository(fastify: FastifyInstance) {
  const { db } = fastify

  return {
    row: (id: number) => roundRow(db, id),
    get: (id: number) => detail(db, id),

    /** Opens a round on the measures named, or on every measure not yet rated done. */
    async open(request: FastifyRequest, planId: number, input: CreateRound): Promise<Round> {
      const user = currentUser(request)
      return db.transaction(async (tx) => {
        const plan = await fastify.plans.row(planId, tx)
        assertCanManagePlan(user, plan)
        const planMeasures = await tx.select({ id: measures.id, status: measures.status }).from(measures).where(eq(measures.planId, planId))
        let measureIds: number[]
        if (input.measures) {
          const ours = new Set(planMeasures.map((m) => m.id))
          const errors = input.measures.flatMap((id, i) =>
            ours.has(id) ? [] : [{ path: `/measures/${i}`, message: 'is not a measure of this plan' }],
          )
          if (errors.length)
            throw new AppError(ErrorCode.invalidReference, errors.map((e) => `${e.path} ${e.message}`).join('; '), { errors })
          measureIds = input.measures
        } else {
          measureIds = planMeasures.filter((m) => m.status !== 'done').map((m) => m.id)
          if (!measureIds.length)
            throw new AppError(ErrorCode.validationFailed, 'Every measure is already rated done: name the measures the round asks about', {
              errors: [{ path: '/measures', message: 'is required when every measure is done' }],
            })
        }
        const [round] = await tx
          .insert(rounds)
          .values({ planId, title: plainText(input.title), period: plainText(input.period), dueDate: input.dueDate, createdBy: user.id })
          .returning()
        await tx.insert(roundMeasures).values(measureIds.map((measureId) => ({ roundId: round!.id, measureId })))
        await fastify.audit.record(tx, request, {
          action: 'round.open',
          entityType: 'round',
          entityId: round!.id,
          planId,
          after: { ...round, measures: measureIds },
        })
        return detail(tx, round!.id)
      })
    },

    async list(planId: number): Promise<RoundListItem[]> {
      await fastify.plans.row(planId)
      const rows = await db.select().from(rounds).where(eq(rounds.planId, planId)).orderBy(desc(rounds.id))
      const ids = rows.map((r) => r.id)
      const [owed, asked] = await Promise.all([
        loadOwed(db, ids),
        ids.length ? db.select().from(roundMeasures).where(inArray(roundMeasures.roundId, ids)) : Promise.resolve([]),
      ])
      const today = latvianToday()
      return rows.map((r) => toListItem(r, owed.get(r.id)!, asked.filter((a) => a.roundId === r.id).length, today))
    },

    /** Closing stops new submissions; reviewing what was handed in goes on. */
    async close(request: FastifyRequest, id: number): Promise<Round> {
      const user = currentUser(request)
      return db.transaction(async (tx) => {
        const before = await roundRow(tx, id, { lock: 'update' })
        assertCanManagePlan(user, await fastify.plans.row(before.planId, tx))
        if (before.state === 'closed') throw new AppError(ErrorCode.invalidTransition, 'The round is already closed')
        const [after] = await tx
          .update(rounds)
          .set({ state: 'closed', closedAt: new Date(), updatedAt: new Date(), version: before.version + 1 })
          .where(and(eq(rounds.id, id), eq(rounds.version, before.version)))
          .returning()
        if (!after) throw versionConflict('Round')
        await fastify.audit.record(tx, request, {
          action: 'round.close',
          entityType: 'round',
          entityId: id,
          planId: before.planId,
          before: { state: before.state, version: before.version },
          after: { state: after.state, closedAt: after.closedAt, version: after.version },
        })
        return detail(tx, id)
      })
    },

    async completeness(id: number): Promise<Completeness> {
      const round = await roundRow(db, id)
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

    /** What the caller owes in open rounds, for every institution it may report for: overdue first, then by due date. */
    async myWork(request: FastifyRequest): Promise<MyWorkItem[]> {
      const user = currentUser(request)
      const open = await db.select().from(rounds).where(ne(rounds.state, 'closed')).orderBy(asc(rounds.dueDate), asc(rounds.id))
      if (!open.length) return []
      const planIds = [...new Set(open.map((r) => r.planId))]
      const [planRows, tree, owed] = await Promise.all([
        db.select().from(plans).where(inArray(plans.id, planIds)),
        InstitutionTree.load(db),
        loadOwed(
          db,
          open.map((r) => r.id),
        ),
      ])
      const planById = new Map(planRows.map((p) => [p.id, p]))
      const today = latvianToday()
      const work = open.flatMap((round, roundOrder) => {
        const reach = reportingReach(user, tree, planById.get(round.planId)!)
        const overdue = isOverdue(round.dueDate, today)
        return owed
          .get(round.id)!
          .filter((item) => reaches(reach, item.institutionId))
          .map((item, itemOrder) => ({
            item: {
              round: { id: round.id, planId: round.planId, title: round.title, period: round.period, dueDate: round.dueDate },
              measure: { id: item.measure.id, number: item.measure.number, title: item.measure.title },
              institution: tree.codeOf(item.institutionId)!,
              role: item.role,
              state: stateOf(item),
              submissionId: item.submission?.id ?? null,
              version: item.submission?.version ?? null,
              overdue: isLate(item, overdue),
            },
            roundOrder,
            itemOrder,
          }))
      })
      work.sort((a, b) => Number(b.item.overdue) - Number(a.item.overdue) || a.roundOrder - b.roundOrder || a.itemOrder - b.itemOrder)
      return work.map((w) => w.item)
    },
  }
}

export type RoundsRepository = ReturnType<typeof createRoundsRepository>
