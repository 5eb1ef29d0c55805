// Data access for measures: the list and detail views (without abilities: the service adds what the
// caller may do), the filtered search, the versioned write, the institution links and the status
// history read from the audit log. No permissions here.
import { and, asc, desc, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm'
import type { Measure, MeasureListItem, MeasureQuery, StatusHistoryEntry } from '@apt/shared'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { DbOrTx, Tx } from '../../../db/client.js'
import {
  actionLines,
  auditLog,
  budgetLines,
  evidence,
  measureInstitutions,
  measures,
  planInstitutions,
  progressEntries,
  submissions,
  users,
  type Measure as MeasureRow,
} from '../../../db/schema/index.js'
import { notFound } from '../errors.js'
import { InstitutionTree } from '../institutions/institution-tree.js'
import { budgetOf, deadlineOf, exclusionOf } from './measure-fields.js'
import { folded, normalizeSearch } from './measure-search.js'

export type MeasureItemView = Omit<MeasureListItem, 'abilities'>
export type MeasureView = Omit<Measure, 'abilities'>

export async function measureRow(executor: DbOrTx, id: number): Promise<MeasureRow> {
  const [m] = await executor.select().from(measures).where(eq(measures.id, id))
  if (!m) throw notFound('Measure')
  return m
}

type ItemColumns = Pick<
  MeasureRow,
  | 'id'
  | 'planId'
  | 'number'
  | 'sourceRef'
  | 'title'
  | 'deadlineText'
  | 'deadlineDue'
  | 'status'
  | 'excludedAct'
  | 'excludedDate'
  | 'hasBudget'
  | 'budgetText'
  | 'expectedResult'
  | 'indicator'
  | 'assessment'
  | 'carriedFromId'
  | 'version'
  | 'updatedAt'
>
type TableColumns = Pick<
  MeasureRow,
  'id' | 'planId' | 'number' | 'sourceRef' | 'title' | 'deadlineText' | 'deadlineDue' | 'status' | 'excludedAct' | 'excludedDate'
>
type LineRef = { id: number; number: string; title: string }

/** Rows by measure id, each measure's in the order read. */
function byMeasure<T extends { measureId: number }>(rows: readonly T[]): Map<number, T[]> {
  const map = new Map<number, T[]>()
  for (const row of rows) {
    const list = map.get(row.measureId)
    if (list) list.push(row)
    else map.set(row.measureId, [row])
  }
  return map
}

/**
 * Rows of these measures (`column` names the measure): by their ids when they are few, by their
 * plan when they are many — a list of hundreds of ids costs more to send and plan than reading the
 * plan's rows through a subquery (measured on PGlite, a 1,000-measure plan: 48 ms against 17 ms).
 */
function ofMeasures(executor: DbOrTx, column: AnyPgColumn, ids: number[], planId?: number): SQL {
  if (planId === undefined || ids.length <= 100) return inArray(column, ids)
  return inArray(column, executor.select({ id: measures.id }).from(measures).where(eq(measures.planId, planId)))
}

/** The institution links of these measures, in their order. */
const linksOf = (executor: DbOrTx, ids: number[], planId?: number) =>
  executor
    .select({ measureId: measureInstitutions.measureId, institutionId: measureInstitutions.institutionId, role: measureInstitutions.role })
    .from(measureInstitutions)
    .where(ofMeasures(executor, measureInstitutions.measureId, ids, planId))
    .orderBy(asc(measureInstitutions.measureId), asc(measureInstitutions.position))

/** The table's fields of one measure: its line, institutions, sector, deadline, status. */
function tableView(m: TableColumns, line: LineRef, links: readonly { institutionId: number; role: string }[], tree: InstitutionTree) {
  const responsible = links.filter((l) => l.role === 'responsible').map((l) => l.institutionId)
  return {
    id: m.id,
    planId: m.planId,
    actionLine: { id: line.id, number: line.number, title: line.title },
    number: m.number,
    sourceRef: m.sourceRef,
    title: m.title,
    responsible: responsible.map((id) => tree.codeOf(id)!),
    involved: links.filter((l) => l.role === 'involved').map((l) => tree.codeOf(l.institutionId)!),
    sector: tree.sectorOf(responsible),
    deadline: deadlineOf(m),
    status: m.status,
    excluded: exclusionOf(m),
  }
}

/** Full list items of measures whose action line is known: links and budget lines read once for all. */
async function itemViews(
  executor: DbOrTx,
  rows: readonly { measure: ItemColumns; line: LineRef }[],
  tree: InstitutionTree,
  /** The plan all the measures are of, when they are: many are then read by it (see `ofMeasures`). */
  planId?: number,
): Promise<MeasureItemView[]> {
  if (!rows.length) return []
  const ids = rows.map((r) => r.measure.id)
  // One query after another: the executor may be a transaction, whose connection runs one at a time.
  const links = byMeasure(await linksOf(executor, ids, planId))
  const budget = byMeasure(
    await executor
      .select()
      .from(budgetLines)
      .where(ofMeasures(executor, budgetLines.measureId, ids, planId))
      .orderBy(asc(budgetLines.measureId), asc(budgetLines.position)),
  )
  return rows.map(({ measure: m, line }) => {
    const { excluded, status, ...table } = tableView(m, line, links.get(m.id) ?? [], tree)
    return {
      ...table,
      budget: budgetOf(m, budget.get(m.id) ?? [], tree),
      expectedResult: m.expectedResult,
      indicator: m.indicator,
      status,
      assessment: m.assessment,
      excluded,
      carriedFromId: m.carriedFromId,
      version: m.version,
      updatedAt: m.updatedAt.toISOString(),
    }
  })
}

export async function measureItemViews(executor: DbOrTx, rows: MeasureRow[], tree?: InstitutionTree): Promise<MeasureItemView[]> {
  if (!rows.length) return []
  // One query after another: the executor may be a transaction, whose connection runs one at a time.
  const lines = await executor
    .select({ id: actionLines.id, number: actionLines.number, title: actionLines.title })
    .from(actionLines)
    .where(inArray(actionLines.id, [...new Set(rows.map((m) => m.actionLineId))]))
  tree ??= await InstitutionTree.load(executor)
  const lineById = new Map(lines.map((l) => [l.id, l]))
  return itemViews(
    executor,
    rows.map((measure) => ({ measure, line: lineById.get(measure.actionLineId)! })),
    tree,
  )
}

/** Files and links on the measure's accepted submissions. */
export async function acceptedEvidenceCount(executor: DbOrTx, measureId: number): Promise<number> {
  const [r] = await executor
    .select({ n: sql<number>`count(*)::int` })
    .from(evidence)
    .innerJoin(submissions, eq(submissions.id, evidence.submissionId))
    .where(and(eq(submissions.measureId, measureId), eq(submissions.state, 'accepted')))
  return r?.n ?? 0
}

/** A measure with its progress entries (404 when there is none): a fixed handful of queries. */
export async function measureView(executor: DbOrTx, id: number, tree?: InstitutionTree): Promise<MeasureView> {
  // One query after another: the executor may be a transaction, whose connection runs one at a time.
  const [row] = await executor
    .select({ measure: measures, line: { id: actionLines.id, number: actionLines.number, title: actionLines.title } })
    .from(measures)
    .innerJoin(actionLines, eq(actionLines.id, measures.actionLineId))
    .where(eq(measures.id, id))
  if (!row) throw notFound('Measure')
  tree ??= await InstitutionTree.load(executor)
  const [item] = await itemViews(executor, [row], tree)
  const progress = await executor
    .select()
    .from(progressEntries)
    .where(eq(progressEntries.measureId, id))
    .orderBy(asc(progressEntries.position), asc(progressEntries.id))
  const evidenceCount = await acceptedEvidenceCount(executor, id)
  return {
    ...item!,
    progress: progress.map((p) => ({
      id: p.id,
      institution: tree.codeOf(p.institutionId)!,
      period: p.period,
      text: p.text,
      submissionId: p.submissionId,
    })),
    acceptedEvidenceCount: evidenceCount,
  }
}

/** The condition a plan's measures must meet for the query's filters; null when nothing can (an unknown institution). */
function measureFilter(executor: DbOrTx, planId: number, query: MeasureQuery, tree: InstitutionTree): SQL | null {
  const where: SQL[] = [eq(measures.planId, planId)]
  if (query.status) where.push(eq(measures.status, query.status))
  if (query.actionLine) where.push(eq(actionLines.number, query.actionLine))
  if (query.institution) {
    const inst = tree.byCode.get(query.institution)
    if (!inst) return null
    where.push(
      exists(
        executor
          .select({ one: sql`1` })
          .from(measureInstitutions)
          .where(
            and(eq(measureInstitutions.measureId, measures.id), inArray(measureInstitutions.institutionId, [...tree.subtree(inst.id)])),
          ),
      ),
    )
  }
  const q = query.q ? normalizeSearch(query.q) : ''
  if (q) {
    const pattern = `%${q}%`
    const like = (column: unknown) => sql`${folded(column)} like ${pattern}`
    where.push(
      or(
        like(measures.number),
        like(measures.sourceRef),
        like(measures.title),
        like(measures.assessment),
        like(measures.expectedResult),
        like(measures.indicator),
        exists(
          executor
            .select({ one: sql`1` })
            .from(progressEntries)
            .where(and(eq(progressEntries.measureId, measures.id), like(progressEntries.text))),
        ),
      )!,
    )
  }
  return and(...where)!
}

const tableColumns = {
  id: measures.id,
  planId: measures.planId,
  number: measures.number,
  sourceRef: measures.sourceRef,
  title: measures.title,
  deadlineText: measures.deadlineText,
  deadlineDue: measures.deadlineDue,
  status: measures.status,
  excludedAct: measures.excludedAct,
  excludedDate: measures.excludedDate,
}
const itemColumns = {
  ...tableColumns,
  hasBudget: measures.hasBudget,
  budgetText: measures.budgetText,
  expectedResult: measures.expectedResult,
  indicator: measures.indicator,
  assessment: measures.assessment,
  carriedFromId: measures.carriedFromId,
  version: measures.version,
  updatedAt: measures.updatedAt,
}

export type MeasureTableView = ReturnType<typeof tableView>

/**
 * A plan's measures matching the query's filters, in plan order or by deadline, as list items or
 * (`view: 'table'`) the table's fields only; `limit` and `offset` take one page, `total` counts
 * every match. Only the columns shown are read, with the action line in the same query; then the
 * institution links, and for full items the budget lines: three queries for any number of measures.
 */
export async function measurePage(
  executor: DbOrTx,
  planId: number,
  query: MeasureQuery,
  tree: InstitutionTree,
): Promise<{ total: number; items: MeasureItemView[] | MeasureTableView[] }> {
  const where = measureFilter(executor, planId, query, tree)
  if (!where) return { total: 0, items: [] }
  const table = query.view === 'table'
  const order = query.sort === 'deadline' ? [sql`${measures.deadlineDue} asc nulls last`, asc(measures.position)] : [asc(measures.position)]
  const page = executor
    .select({
      measure: table ? tableColumns : itemColumns,
      line: { id: actionLines.id, number: actionLines.number, title: actionLines.title },
      // Every match, whatever the page: counted in the same pass.
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(measures)
    .innerJoin(actionLines, eq(actionLines.id, measures.actionLineId))
    .where(where)
    .orderBy(...order)
    .$dynamic()
  if (query.limit !== undefined) page.limit(query.limit)
  if (query.offset) page.offset(query.offset)
  const rows = await page
  // A page past the end has no rows to carry the count: ask for it alone.
  const total =
    rows[0]?.total ??
    ((query.offset ?? 0) > 0
      ? ((
          await executor
            .select({ n: sql<number>`count(*)::int` })
            .from(measures)
            .innerJoin(actionLines, eq(actionLines.id, measures.actionLineId))
            .where(where)
        )[0]?.n ?? 0)
      : 0)
  if (table) {
    const links = rows.length
      ? byMeasure(
          await linksOf(
            executor,
            rows.map((r) => r.measure.id),
            planId,
          ),
        )
      : new Map()
    return { total, items: rows.map(({ measure, line }) => tableView(measure, line, links.get(measure.id) ?? [], tree)) }
  }
  return { total, items: await itemViews(executor, rows as unknown as { measure: ItemColumns; line: LineRef }[], tree, planId) }
}

/** Changes a measure if it still has `version`; undefined when someone changed it meanwhile. */
export async function updateMeasureRow(tx: Tx, id: number, version: number, changes: Partial<MeasureRow>): Promise<MeasureRow | undefined> {
  const [row] = await tx
    .update(measures)
    .set({ ...changes, version: version + 1, updatedAt: new Date() })
    .where(and(eq(measures.id, id), eq(measures.version, version)))
    .returning()
  return row
}

export const measureLinks = (executor: DbOrTx, measureId: number) =>
  executor.select().from(measureInstitutions).where(eq(measureInstitutions.measureId, measureId)).orderBy(asc(measureInstitutions.position))

/** Replaces the responsible and involved institutions, each list in its order. */
export async function replaceMeasureLinks(tx: Tx, measureId: number, responsible: number[], involved: number[]) {
  await tx.delete(measureInstitutions).where(eq(measureInstitutions.measureId, measureId))
  await tx
    .insert(measureInstitutions)
    .values([
      ...responsible.map((institutionId, position) => ({ measureId, institutionId, role: 'responsible' as const, position })),
      ...involved.map((institutionId, position) => ({ measureId, institutionId, role: 'involved' as const, position })),
    ])
}

/** Replaces a measure's budget lines, in their order. */
export async function replaceBudgetLines(
  tx: Tx,
  measureId: number,
  lines: Omit<typeof budgetLines.$inferInsert, 'measureId' | 'position'>[],
) {
  await tx.delete(budgetLines).where(eq(budgetLines.measureId, measureId))
  if (lines.length) await tx.insert(budgetLines).values(lines.map((b, position) => ({ ...b, measureId, position })))
}

export const measureBudgetLines = (executor: DbOrTx, measureId: number) =>
  executor.select().from(budgetLines).where(eq(budgetLines.measureId, measureId)).orderBy(asc(budgetLines.position))

/** The plan document must keep listing every institution its measures name: adds the missing ones at the end. */
export async function namePlanInstitutions(tx: Tx, planId: number, institutionIds: number[]) {
  const named = await tx.select().from(planInstitutions).where(eq(planInstitutions.planId, planId))
  const missing = [...new Set(institutionIds)].filter((i) => !named.some((n) => n.institutionId === i))
  if (missing.length)
    await tx.insert(planInstitutions).values(missing.map((institutionId, i) => ({ planId, institutionId, position: named.length + i })))
}

/** Status changes, newest first, from the audit log. */
export async function statusHistory(executor: DbOrTx, measureId: number): Promise<StatusHistoryEntry[]> {
  const rows = await executor
    .select({
      at: auditLog.at,
      before: auditLog.before,
      after: auditLog.after,
      reason: auditLog.reason,
      actorId: users.id,
      name: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, 'measure'), eq(auditLog.entityId, String(measureId)), eq(auditLog.action, 'measure.status')))
    .orderBy(desc(auditLog.id))
  return rows.map((r) => ({
    at: r.at.toISOString(),
    actor: r.actorId === null ? null : { id: r.actorId, name: r.name! },
    from: (r.before as { status?: Measure['status'] } | null)?.status ?? null,
    to: (r.after as { status: Measure['status'] }).status,
    reason: r.reason,
  }))
}
