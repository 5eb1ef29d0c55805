// Data access for plans: one way to read a plan row, every row a plan's document and report are
// built from, the list views' counts, and writing an imported plan. No permissions here: the
// services above decide who may ask.
import { and, asc, count, eq, sql } from 'drizzle-orm'
import type { PlanDocument, PlanState } from '@apt/shared'
import type { ChangeFeed } from '../../../db/change-feed.js'
import type { Db, DbOrTx, Tx } from '../../../db/client.js'
import { KeptReads } from '../../../db/read-cache.js'
import {
  actionLines,
  budgetLines,
  measureInstitutions,
  measures,
  planInstitutions,
  plans,
  progressEntries,
  type Plan as PlanRow,
} from '../../../db/schema/index.js'
import { notFound } from '../errors.js'
import { InstitutionTree } from '../institutions/institution-tree.js'

/** Plan rows read through the app's handle, kept until a plan changes (db/read-cache.ts). */
const keptPlanRows = new KeptReads<number, PlanRow | undefined>({ tables: ['plans'], maxEntries: 1_000, maxAgeMs: 60_000 })

/** Keeps the plan rows read through `db` (the app's handle, never a transaction) until a plan changes. */
export const keepPlanRows = (db: Db, changes: ChangeFeed) => keptPlanRows.keep(db, changes)

export async function planRow(executor: DbOrTx, id: number): Promise<PlanRow> {
  const row = await keptPlanRows.get(executor, id, async () => (await executor.select().from(plans).where(eq(plans.id, id)))[0])
  if (!row) throw notFound('Plan')
  return row
}

/** Every plan, by code. */
export const planRows = (executor: DbOrTx) => executor.select().from(plans).orderBy(asc(plans.code))

export async function planIdByCode(executor: DbOrTx, code: string): Promise<number | undefined> {
  const [row] = await executor.select({ id: plans.id }).from(plans).where(eq(plans.code, code))
  return row?.id
}

/** The number of measures of each plan. */
export async function measureCountsByPlan(executor: DbOrTx): Promise<Map<number, number>> {
  const rows = await executor.select({ planId: measures.planId, n: count() }).from(measures).groupBy(measures.planId)
  return new Map(rows.map((r) => [r.planId, r.n]))
}

/** A plan's action lines in order, each with its number of measures: one query. */
export async function actionLinesWithCounts(executor: DbOrTx, planId: number) {
  const rows = await executor
    .select({ line: actionLines, measureCount: count(measures.id) })
    .from(actionLines)
    .leftJoin(measures, eq(measures.actionLineId, actionLines.id))
    .where(eq(actionLines.planId, planId))
    .groupBy(actionLines.id)
    .orderBy(asc(actionLines.position))
  return rows.map(({ line, measureCount }) => ({ ...line, measureCount }))
}

/** A measure an amendment excluded (both columns set, as the document has it): listed, never counted. */
const isExcludedSql = sql<boolean>`(${measures.excludedAct} is not null and ${measures.excludedDate} is not null)`

/**
 * A plan's measures counted in the database: per action line (in order, lines without measures too),
 * status and whether excluded. One row per line × status × excluded; nothing of the measures is read.
 */
export function statusCountsByLine(executor: DbOrTx, planId: number) {
  return executor
    .select({
      lineId: actionLines.id,
      number: actionLines.number,
      title: actionLines.title,
      status: measures.status,
      excluded: isExcludedSql,
      n: count(measures.id),
    })
    .from(actionLines)
    .leftJoin(measures, eq(measures.actionLineId, actionLines.id))
    .where(eq(actionLines.planId, planId))
    .groupBy(actionLines.id, measures.status, isExcludedSql)
    .orderBy(asc(actionLines.position))
}

/**
 * The counted (not excluded) measures of a plan grouped by their set of responsible institutions:
 * each distinct set (ids, ascending; empty for none) with how many measures have it. A measure's
 * sector depends on that set alone, so a plan of a thousand measures comes back as a few dozen rows.
 */
export async function responsibleSetCounts(executor: DbOrTx, planId: number): Promise<{ ids: number[]; n: number }[]> {
  const perMeasure = executor
    .select({
      ids: sql<string>`coalesce(string_agg(${measureInstitutions.institutionId}::text, ',' order by ${measureInstitutions.institutionId}), '')`.as(
        'ids',
      ),
    })
    .from(measures)
    .leftJoin(measureInstitutions, and(eq(measureInstitutions.measureId, measures.id), eq(measureInstitutions.role, 'responsible')))
    .where(and(eq(measures.planId, planId), sql`not ${isExcludedSql}`))
    .groupBy(measures.id)
    .as('per_measure')
  const rows = await executor.select({ ids: perMeasure.ids, n: count() }).from(perMeasure).groupBy(perMeasure.ids)
  return rows.map((row) => ({ ids: row.ids === '' ? [] : row.ids.split(',').map(Number), n: row.n }))
}

/**
 * Every row of a plan that its document and its report are built from, in the plan's order: one
 * query per table, each selecting by the plan (never a list of its measures' ids). `plan` is the
 * plan's row when the caller has read it already.
 */
export async function loadPlanRows(executor: DbOrTx, planId: number, plan?: PlanRow) {
  plan ??= await planRow(executor, planId)
  const ofPlan = eq(measures.planId, planId)
  // One query after another: the executor may be a transaction, whose connection runs one at a time.
  const lines = await executor.select().from(actionLines).where(eq(actionLines.planId, planId)).orderBy(asc(actionLines.position))
  const measureRows = await executor.select().from(measures).where(ofPlan).orderBy(asc(measures.position))
  const tree = await InstitutionTree.load(executor)
  const named = await executor
    .select()
    .from(planInstitutions)
    .where(eq(planInstitutions.planId, planId))
    .orderBy(asc(planInstitutions.position))
  const links = await executor
    .select({ row: measureInstitutions })
    .from(measureInstitutions)
    .innerJoin(measures, eq(measures.id, measureInstitutions.measureId))
    .where(ofPlan)
    .orderBy(asc(measureInstitutions.measureId), asc(measureInstitutions.position))
  const budget = await executor
    .select({ row: budgetLines })
    .from(budgetLines)
    .innerJoin(measures, eq(measures.id, budgetLines.measureId))
    .where(ofPlan)
    .orderBy(asc(budgetLines.measureId), asc(budgetLines.position))
  const progress = await executor
    .select({ row: progressEntries })
    .from(progressEntries)
    .innerJoin(measures, eq(measures.id, progressEntries.measureId))
    .where(ofPlan)
    .orderBy(asc(progressEntries.measureId), asc(progressEntries.position), asc(progressEntries.id))
  const group = <T extends { measureId: number }>(rows: { row: T }[]) => {
    const map = new Map<number, T[]>()
    for (const { row } of rows) {
      const list = map.get(row.measureId)
      if (list) list.push(row)
      else map.set(row.measureId, [row])
    }
    return map
  }
  return { plan, lines, measures: measureRows, tree, named, links: group(links), budget: group(budget), progress: group(progress) }
}
export type PlanRows = Awaited<ReturnType<typeof loadPlanRows>>

// Keeps each multi-row insert well under PostgreSQL's 65 535 bind parameters.
const CHUNK = 500
async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK))
}

/**
 * Writes a checked plan document: the plan, the institutions it names (in its order), its action
 * lines, measures, institution links, budget lines and progress. Every code must be in `tree`.
 */
/** Writes a whole plan; `state` is the plan's (active unless said: a file import makes a draft). */
export async function insertPlanDocument(tx: Tx, doc: PlanDocument, tree: InstitutionTree, options: { state?: PlanState } = {}) {
  const idOf = (code: string) => tree.byCode.get(code)!.id
  const idOrNull = (code: string | null | undefined) => (code == null ? null : idOf(code))

  const p = doc.plan
  const [plan] = await tx
    .insert(plans)
    .values({
      code: p.code,
      title: p.title,
      periodStart: p.period.start,
      periodEnd: p.period.end,
      approvedBy: p.approvedBy ?? null,
      coordinatorId: idOf(p.coordinator),
      reportDue: p.reportDue ?? null,
      policyFramework: p.policyFramework ?? null,
      goal: p.goal ?? null,
      ...(options.state ? { state: options.state } : {}),
    })
    .returning({ id: plans.id })
  const planId = plan!.id
  if (doc.institutions.length)
    await tx
      .insert(planInstitutions)
      .values(doc.institutions.map((inst, position) => ({ planId, institutionId: idOf(inst.code), position })))

  const lines = await tx
    .insert(actionLines)
    .values(p.actionLines.map((line, position) => ({ planId, number: line.number, title: line.title, goal: line.goal ?? null, position })))
    .returning({ id: actionLines.id })

  const flat = p.actionLines.flatMap((line, l) => line.measures.map((m) => ({ m, actionLineId: lines[l]!.id })))
  const ids: number[] = []
  await insertChunked(
    flat.map(({ m, actionLineId }, position) => ({
      planId,
      actionLineId,
      number: m.number,
      sourceRef: m.sourceRef ?? null,
      title: m.title,
      deadlineText: m.deadline?.text ?? null,
      deadlineDue: m.deadline?.due ?? null,
      hasBudget: m.budget != null,
      budgetText: m.budget?.text ?? null,
      expectedResult: m.expectedResult ?? null,
      indicator: m.indicator ?? null,
      status: m.status,
      assessment: m.assessment ?? null,
      excludedAct: m.excluded?.act ?? null,
      excludedDate: m.excluded?.date ?? null,
      position,
    })),
    async (chunk) => ids.push(...(await tx.insert(measures).values(chunk).returning({ id: measures.id })).map((r) => r.id)),
  )

  const links = flat.flatMap(({ m }, i) => [
    ...m.responsible.map((code, position) => ({ measureId: ids[i]!, institutionId: idOf(code), role: 'responsible' as const, position })),
    ...(m.involved ?? []).map((code, position) => ({ measureId: ids[i]!, institutionId: idOf(code), role: 'involved' as const, position })),
  ])
  await insertChunked(links, (chunk) => tx.insert(measureInstitutions).values(chunk))

  const budget = flat.flatMap(({ m }, i) =>
    (m.budget?.lines ?? []).map((b, position) => ({
      measureId: ids[i]!,
      amountEur: b.amountEur,
      source: b.source,
      institutionId: idOrNull(b.institution),
      programme: b.programme ?? null,
      year: b.year ?? null,
      granted: b.granted ?? null,
      position,
    })),
  )
  await insertChunked(budget, (chunk) => tx.insert(budgetLines).values(chunk))

  const progress = flat.flatMap(({ m }, i) =>
    (m.progress ?? []).map((entry, position) => ({
      measureId: ids[i]!,
      institutionId: idOf(entry.institution),
      period: entry.period ?? null,
      text: entry.text,
      position,
    })),
  )
  await insertChunked(progress, (chunk) => tx.insert(progressEntries).values(chunk))
  return { id: planId, code: p.code, measures: flat.length }
}

/** Marks a plan as the successor of another and links each carried measure to the one it continues, by number. */
export async function linkSuccessor(tx: Tx, planId: number, fromPlanId: number) {
  await tx.update(plans).set({ predecessorId: fromPlanId }).where(eq(plans.id, planId))
  await tx.execute(sql`
    update measures as m set carried_from_id = old.id
    from measures as old
    where m.plan_id = ${planId} and old.plan_id = ${fromPlanId} and old.number = m.number`)
}
