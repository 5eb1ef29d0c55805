// Data access for measures: the list and detail views (without abilities: the service adds what the
// caller may do), the filtered search, the versioned write, the institution links and the status
// history read from the audit log. No permissions here.
import { and, asc, desc, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm'
import type { Measure, MeasureListItem, MeasureQuery, StatusHistoryEntry } from '@apt/shared'
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

export async function measureItemViews(executor: DbOrTx, rows: MeasureRow[], tree?: InstitutionTree): Promise<MeasureItemView[]> {
  if (!rows.length) return []
  const ids = rows.map((m) => m.id)
  // One query after another: the executor may be a transaction, whose connection runs one at a time.
  const lines = await executor
    .select()
    .from(actionLines)
    .where(inArray(actionLines.id, [...new Set(rows.map((m) => m.actionLineId))]))
  const links = await executor
    .select()
    .from(measureInstitutions)
    .where(inArray(measureInstitutions.measureId, ids))
    .orderBy(asc(measureInstitutions.position))
  const budget = await executor.select().from(budgetLines).where(inArray(budgetLines.measureId, ids)).orderBy(asc(budgetLines.position))
  tree ??= await InstitutionTree.load(executor)
  const lineById = new Map(lines.map((l) => [l.id, l]))
  return rows.map((m) => {
    const mine = links.filter((l) => l.measureId === m.id)
    const responsible = mine.filter((l) => l.role === 'responsible')
    const line = lineById.get(m.actionLineId)!
    return {
      id: m.id,
      planId: m.planId,
      actionLine: { id: line.id, number: line.number, title: line.title },
      number: m.number,
      sourceRef: m.sourceRef,
      title: m.title,
      responsible: responsible.map((l) => tree.codeOf(l.institutionId)!),
      involved: mine.filter((l) => l.role === 'involved').map((l) => tree.codeOf(l.institutionId)!),
      sector: tree.sectorOf(responsible.map((l) => l.institutionId)),
      deadline: deadlineOf(m),
      budget: budgetOf(
        m,
        budget.filter((b) => b.measureId === m.id),
        tree,
      ),
      expectedResult: m.expectedResult,
      indicator: m.indicator,
      status: m.status,
      assessment: m.assessment,
      excluded: exclusionOf(m),
      carriedFromId: m.carriedFromId,
      version: m.version,
      updatedAt: m.updatedAt.toISOString(),
    }
  })
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

/** A measure with its progress entries (404 when there is none). */
export async function measureView(executor: DbOrTx, id: number): Promise<MeasureView> {
  const m = await measureRow(executor, id)
  const tree = await InstitutionTree.load(executor)
  const [item] = await measureItemViews(executor, [m], tree)
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

/** A plan's measures matching the filters, in plan order or by deadline. */
export async function findMeasureRows(executor: DbOrTx, planId: number, query: MeasureQuery): Promise<MeasureRow[]> {
  const where: SQL[] = [eq(measures.planId, planId)]
  if (query.status) where.push(eq(measures.status, query.status))
  if (query.actionLine) {
    where.push(
      exists(
        executor
          .select({ one: sql`1` })
          .from(actionLines)
          .where(and(eq(actionLines.id, measures.actionLineId), eq(actionLines.number, query.actionLine))),
      ),
    )
  }
  if (query.institution) {
    const tree = await InstitutionTree.load(executor)
    const inst = tree.byCode.get(query.institution)
    if (!inst) return []
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
  const order = query.sort === 'deadline' ? [sql`${measures.deadlineDue} asc nulls last`, asc(measures.position)] : [asc(measures.position)]
  return executor
    .select()
    .from(measures)
    .where(and(...where))
    .orderBy(...order)
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
