// Data access for reporting rounds: rows in, rows out. No permissions here; the rounds service
// decides who may ask.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client.js'
import { measures, plans, roundMeasures, rounds, type Round as RoundRow, type Plan } from '../../../db/schema/index.js'
import { notFound } from '../errors.js'

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

/** A round with its plan, in one query; 404 for an unknown round. */
export async function roundWithPlan(executor: DbOrTx, id: number): Promise<{ round: RoundRow; plan: Plan }> {
  const [row] = await executor
    .select({ round: rounds, plan: plans })
    .from(rounds)
    .innerJoin(plans, eq(plans.id, rounds.planId))
    .where(eq(rounds.id, id))
  if (!row) throw notFound('Round')
  return row
}

/** A plan's rounds, newest first. */
export function planRoundRows(executor: DbOrTx, planId: number): Promise<RoundRow[]> {
  return executor.select().from(rounds).where(eq(rounds.planId, planId)).orderBy(desc(rounds.id))
}

export async function roundRowsById(executor: DbOrTx, ids: number[]): Promise<Map<number, RoundRow>> {
  const wanted = [...new Set(ids)]
  if (!wanted.length) return new Map()
  const rows = await executor.select().from(rounds).where(inArray(rounds.id, wanted))
  return new Map(rows.map((r) => [r.id, r]))
}

/** A plan as the rules about its rounds need it: who coordinates it, and its code for lists. */
export interface RoundPlan {
  id: number
  code: string
  coordinatorId: number
  state: Plan['state']
}

/** Every open round with its plan's facts, earliest due first: one query for any number of plans. */
export async function openRoundsWithPlans(executor: DbOrTx): Promise<{ round: RoundRow; plan: RoundPlan }[]> {
  return executor
    .select({ round: rounds, plan: { id: plans.id, code: plans.code, coordinatorId: plans.coordinatorId, state: plans.state } })
    .from(rounds)
    .innerJoin(plans, eq(plans.id, rounds.planId))
    .where(eq(rounds.state, 'open'))
    .orderBy(asc(rounds.dueDate), asc(rounds.id))
}

/** The measures a round asks about, in the plan's order. */
export function askedMeasures(executor: DbOrTx, roundId: number) {
  return executor
    .select({ id: measures.id, number: measures.number, title: measures.title })
    .from(roundMeasures)
    .innerJoin(measures, eq(measures.id, roundMeasures.measureId))
    .where(eq(roundMeasures.roundId, roundId))
    .orderBy(asc(measures.position))
}

/** How many measures each round asks about. */
export async function askedCounts(executor: DbOrTx, roundIds: number[]): Promise<Map<number, number>> {
  if (!roundIds.length) return new Map()
  const rows = await executor
    .select({ roundId: roundMeasures.roundId, n: count() })
    .from(roundMeasures)
    .where(inArray(roundMeasures.roundId, roundIds))
    .groupBy(roundMeasures.roundId)
  return new Map(rows.map((r) => [r.roundId, r.n]))
}

/** A plan's measures with their official status and whether an amendment excluded them: what a new round may ask about. */
export function planMeasureStatuses(executor: DbOrTx, planId: number) {
  return executor
    .select({ id: measures.id, status: measures.status, excluded: sql<boolean>`${measures.excludedAct} is not null` })
    .from(measures)
    .where(eq(measures.planId, planId))
}

/**
 * The plan's open rounds that already ask about any of these measures, with those measures in the
 * plan's order: what a new round on them would ask a second time.
 */
export async function openRoundsAsking(executor: DbOrTx, planId: number, measureIds: number[]) {
  if (!measureIds.length) return []
  return executor
    .select({
      roundId: rounds.id,
      title: rounds.title,
      dueDate: rounds.dueDate,
      measureId: measures.id,
      number: measures.number,
    })
    .from(roundMeasures)
    .innerJoin(rounds, eq(rounds.id, roundMeasures.roundId))
    .innerJoin(measures, eq(measures.id, roundMeasures.measureId))
    .where(and(eq(rounds.planId, planId), eq(rounds.state, 'open'), inArray(roundMeasures.measureId, measureIds)))
    .orderBy(asc(rounds.dueDate), asc(rounds.id), asc(measures.position))
}

export async function insertRound(executor: DbOrTx, values: typeof rounds.$inferInsert, measureIds: number[]): Promise<RoundRow> {
  const [round] = await executor.insert(rounds).values(values).returning()
  await executor.insert(roundMeasures).values(measureIds.map((measureId) => ({ roundId: round!.id, measureId })))
  return round!
}

/** Closes the round if it is still at the version read; undefined when someone changed it meanwhile. */
export async function closeRound(executor: DbOrTx, before: RoundRow): Promise<RoundRow | undefined> {
  const [after] = await executor
    .update(rounds)
    .set({ state: 'closed', closedAt: new Date(), updatedAt: new Date(), version: before.version + 1 })
    .where(and(eq(rounds.id, before.id), eq(rounds.version, before.version)))
    .returning()
  return after
}
