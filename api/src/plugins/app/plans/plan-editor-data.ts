// Data access for the plan editor: plan rows locked for a change of shape, action lines and measures
// written and removed, the plan-wide order kept dense, and the structure read in a fixed number of
// queries. No permissions here: ./plan-editor.ts decides who may do what.
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { DbOrTx, Tx } from '../../../db/client.js'
import {
  actionLines,
  budgetLines,
  measureInstitutions,
  measures,
  plans,
  progressEntries,
  rounds,
  submissions,
  type ActionLine as ActionLineRow,
  type Measure as MeasureRow,
  type NewMeasure,
  type NewPlan,
  type Plan as PlanRow,
} from '../../../db/schema/index.js'
import { notFound } from '../errors.js'

/**
 * The plan row locked until the transaction ends: changes of one plan's shape run one after another,
 * so positions stay dense and each sees the version the one before it left.
 */
export async function lockPlanRow(tx: Tx, id: number): Promise<PlanRow> {
  const [row] = await tx.select().from(plans).where(eq(plans.id, id)).for('update')
  if (!row) throw notFound('Plan')
  return row
}

export async function insertPlan(tx: Tx, values: NewPlan): Promise<PlanRow> {
  const [row] = await tx.insert(plans).values(values).returning()
  return row!
}

/** Changes a plan if it still has `version`; undefined when someone changed it meanwhile. */
export async function updatePlanRow(tx: Tx, id: number, version: number, changes: Partial<PlanRow>): Promise<PlanRow | undefined> {
  const [row] = await tx
    .update(plans)
    .set({ ...changes, version: version + 1, updatedAt: new Date() })
    .where(and(eq(plans.id, id), eq(plans.version, version)))
    .returning()
  return row
}

/** A change of the plan's shape moves its version on, so an editor holding the old one gets 409. */
export async function bumpPlanVersion(tx: Tx, id: number): Promise<PlanRow> {
  const [row] = await tx
    .update(plans)
    .set({ version: sql`${plans.version} + 1`, updatedAt: new Date() })
    .where(eq(plans.id, id))
    .returning()
  return row!
}

export async function actionLineRow(executor: DbOrTx, id: number): Promise<ActionLineRow> {
  const [row] = await executor.select().from(actionLines).where(eq(actionLines.id, id))
  if (!row) throw notFound('Action line')
  return row
}

/** The action line, or undefined: for references in a body, which are 422 rather than 404. */
export async function findActionLine(executor: DbOrTx, id: number): Promise<ActionLineRow | undefined> {
  const [row] = await executor.select().from(actionLines).where(eq(actionLines.id, id))
  return row
}

export async function actionLineNumberTaken(executor: DbOrTx, planId: number, number: string): Promise<boolean> {
  const [row] = await executor
    .select({ id: actionLines.id })
    .from(actionLines)
    .where(and(eq(actionLines.planId, planId), eq(actionLines.number, number)))
  return row !== undefined
}

export async function measureNumberTaken(executor: DbOrTx, planId: number, number: string): Promise<boolean> {
  const [row] = await executor
    .select({ id: measures.id })
    .from(measures)
    .where(and(eq(measures.planId, planId), eq(measures.number, number)))
  return row !== undefined
}

export async function insertActionLine(tx: Tx, values: typeof actionLines.$inferInsert): Promise<ActionLineRow> {
  const [row] = await tx.insert(actionLines).values(values).returning()
  return row!
}

/** Changes an action line if it still has `version`; undefined when someone changed it meanwhile. */
export async function updateActionLineRow(
  tx: Tx,
  id: number,
  version: number,
  changes: Partial<ActionLineRow>,
): Promise<ActionLineRow | undefined> {
  const [row] = await tx
    .update(actionLines)
    .set({ ...changes, version: version + 1, updatedAt: new Date() })
    .where(and(eq(actionLines.id, id), eq(actionLines.version, version)))
    .returning()
  return row
}

/** Removes the action line if it still has `version`, and with it its measures (the foreign key cascades). */
export async function deleteActionLineRow(tx: Tx, id: number, version: number): Promise<boolean> {
  const removed = await tx
    .delete(actionLines)
    .where(and(eq(actionLines.id, id), eq(actionLines.version, version)))
    .returning({ id: actionLines.id })
  return removed.length > 0
}

/** Removes the measure if it still has `version`; its links, budget lines and round questions go with it. */
export async function deleteMeasureRow(tx: Tx, id: number, version: number): Promise<boolean> {
  const removed = await tx
    .delete(measures)
    .where(and(eq(measures.id, id), eq(measures.version, version)))
    .returning({ id: measures.id })
  return removed.length > 0
}

export interface NewMeasureInput {
  values: NewMeasure
  responsible: number[]
  involved: number[]
  budget: Omit<typeof budgetLines.$inferInsert, 'measureId' | 'position'>[]
}

/** A measure with its institution links and budget lines. */
export async function insertMeasure(tx: Tx, input: NewMeasureInput): Promise<MeasureRow> {
  const [row] = await tx.insert(measures).values(input.values).returning()
  const measureId = row!.id
  await tx
    .insert(measureInstitutions)
    .values([
      ...input.responsible.map((institutionId, position) => ({ measureId, institutionId, role: 'responsible' as const, position })),
      ...input.involved.map((institutionId, position) => ({ measureId, institutionId, role: 'involved' as const, position })),
    ])
  if (input.budget.length) await tx.insert(budgetLines).values(input.budget.map((b, position) => ({ ...b, measureId, position })))
  return row!
}

/** These measures, in plan order. */
export async function measureRowsByIds(executor: DbOrTx, ids: number[]): Promise<MeasureRow[]> {
  if (!ids.length) return []
  return executor.select().from(measures).where(inArray(measures.id, ids)).orderBy(asc(measures.position))
}

/** A plan's order: its action lines, and each line's measures, as the editor shows them. */
export interface PlanOrder {
  lines: number[]
  measures: Map<number, number[]>
}

export async function loadOrder(executor: DbOrTx, planId: number): Promise<PlanOrder> {
  const lines = await executor
    .select({ id: actionLines.id })
    .from(actionLines)
    .where(eq(actionLines.planId, planId))
    .orderBy(asc(actionLines.position), asc(actionLines.id))
  const rows = await executor
    .select({ id: measures.id, lineId: measures.actionLineId })
    .from(measures)
    .where(eq(measures.planId, planId))
    .orderBy(asc(measures.position), asc(measures.id))
  const byLine = new Map<number, number[]>(lines.map((l) => [l.id, []]))
  for (const m of rows) byLine.get(m.lineId)?.push(m.id)
  return { lines: lines.map((l) => l.id), measures: byLine }
}

// Keeps each statement well under PostgreSQL's 65 535 bind parameters.
const CHUNK = 2000

/**
 * Writes the order as dense positions: action lines 0…n-1, and measures 0…m-1 across the whole
 * plan — the first line's measures, then the second's — which is the order lists, exports and the
 * report read them in (`measures.position` alone).
 */
export async function saveOrder(tx: Tx, order: PlanOrder) {
  const lines = order.lines.map((id, position) => ({ id, position }))
  const flat = order.lines.flatMap((lineId) => order.measures.get(lineId) ?? []).map((id, position) => ({ id, position }))
  for (let i = 0; i < lines.length; i += CHUNK) await setPositions(tx, 'action_lines', lines.slice(i, i + CHUNK))
  for (let i = 0; i < flat.length; i += CHUNK) await setPositions(tx, 'measures', flat.slice(i, i + CHUNK))
}

async function setPositions(tx: Tx, table: 'action_lines' | 'measures', rows: { id: number; position: number }[]) {
  if (!rows.length) return
  const values = sql.join(
    rows.map((r) => sql`(${r.id}::integer, ${r.position}::integer)`),
    sql`, `,
  )
  await tx.execute(
    sql`update ${sql.identifier(table)} as t set position = v.position from (values ${values}) as v(id, position)
        where t.id = v.id and t.position <> v.position`,
  )
}

// Longer than any number the schemas accept (at most 20 characters), so it never meets a real one.
const TEMPORARY = 'renumbering-in-progress:'

/**
 * Gives action lines and measures new numbers. The unique (plan, number) indexes are checked row by
 * row, so swapping two numbers in one statement would fail half-way: every row that changes first
 * takes a temporary number of its own, then its new one.
 */
export async function renumberRows(tx: Tx, lines: { id: number; number: string }[], measureNumbers: { id: number; number: string }[]) {
  for (const [table, rows] of [
    ['action_lines', lines],
    ['measures', measureNumbers],
  ] as const) {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK)
      const ids = sql.join(
        chunk.map((r) => sql`${r.id}::integer`),
        sql`, `,
      )
      await tx.execute(sql`update ${sql.identifier(table)} set number = ${TEMPORARY} || id where id in (${ids})`)
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      const values = sql.join(
        rows.slice(i, i + CHUNK).map((r) => sql`(${r.id}::integer, ${r.number}::text)`),
        sql`, `,
      )
      await tx.execute(
        sql`update ${sql.identifier(table)} as t set number = v.number, version = t.version + 1, updated_at = now()
            from (values ${values}) as v(id, number) where t.id = v.id`,
      )
    }
  }
}

/** Of these measures, those with submissions or progress entries: work that deleting would lose. */
export async function measuresWithWork(executor: DbOrTx, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set()
  const rows = await executor
    .select({ id: measures.id })
    .from(measures)
    .where(and(inArray(measures.id, ids), hasWork()))
  return new Set(rows.map((r) => r.id))
}

/** Measures of later plans that continue any of these (their `carriedFromId`), which must keep them. */
export async function continuedBy(executor: DbOrTx, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set()
  const rows = await executor.selectDistinct({ id: measures.carriedFromId }).from(measures).where(inArray(measures.carriedFromId, ids))
  return new Set(rows.map((r) => r.id!))
}

// Qualified by hand: in the select list of a one-table query drizzle writes columns without their
// table, and there `id` inside the subquery would be the subquery's own.
const hasWork = () =>
  sql<boolean>`(exists (select 1 from ${submissions} where ${submissions}.measure_id = ${measures}.id)
    or exists (select 1 from ${progressEntries} where ${progressEntries}.measure_id = ${measures}.id))`

/** A plan's action line numbers by id. */
export async function lineNumbers(executor: DbOrTx, planId: number): Promise<Map<number, string>> {
  const rows = await executor
    .select({ id: actionLines.id, number: actionLines.number })
    .from(actionLines)
    .where(eq(actionLines.planId, planId))
  return new Map(rows.map((r) => [r.id, r.number]))
}

export async function openRoundTitles(executor: DbOrTx, planId: number): Promise<string[]> {
  const rows = await executor
    .select({ title: rounds.title })
    .from(rounds)
    .where(and(eq(rounds.planId, planId), eq(rounds.state, 'open')))
    .orderBy(asc(rounds.id))
  return rows.map((r) => r.title)
}

/**
 * Everything the editor shows of a plan's shape, in three queries whatever its size: the action
 * lines, the measures (each with whether it has work), and the responsible institutions.
 */
export async function structureRows(executor: DbOrTx, planId: number) {
  // One query after another: the executor may be a transaction, whose connection runs one at a time.
  const lines = await executor
    .select()
    .from(actionLines)
    .where(eq(actionLines.planId, planId))
    .orderBy(asc(actionLines.position), asc(actionLines.id))
  const measureRows = await executor
    .select({
      id: measures.id,
      actionLineId: measures.actionLineId,
      number: measures.number,
      title: measures.title,
      excludedAct: measures.excludedAct,
      excludedDate: measures.excludedDate,
      version: measures.version,
      hasWork: hasWork(),
    })
    .from(measures)
    .where(eq(measures.planId, planId))
    .orderBy(asc(measures.position), asc(measures.id))
  const links = await executor
    .select({ measureId: measureInstitutions.measureId, institutionId: measureInstitutions.institutionId })
    .from(measureInstitutions)
    .innerJoin(measures, eq(measures.id, measureInstitutions.measureId))
    .where(and(eq(measures.planId, planId), eq(measureInstitutions.role, 'responsible')))
    .orderBy(asc(measureInstitutions.position))
  return { lines, measures: measureRows, links }
}
