// Data access for publishing: the publication columns of plans, surveys, evidence and report
// exports, read locked and written. No permissions here; the publishing service decides.
import { and, asc, eq, isNotNull } from 'drizzle-orm'
import type { DbOrTx, Tx } from '../../../db/client.js'
import { evidence, plans, reportExports, surveys } from '../../../db/schema/index.js'
import { notFound } from '../errors.js'

/** The plan row locked until the transaction ends. */
export async function lockPlanRow(tx: Tx, id: number) {
  const [row] = await tx.select().from(plans).where(eq(plans.id, id)).for('update')
  if (!row) throw notFound('Plan')
  return row
}

export async function setPlanPublished(tx: Tx, id: number, published: { at: Date; by: number | null } | null) {
  const [row] = await tx
    .update(plans)
    .set({ publishedAt: published?.at ?? null, publishedBy: published?.by ?? null })
    .where(eq(plans.id, id))
    .returning()
  return row!
}

export async function setSurveyResultsPublished(
  tx: Tx,
  id: number,
  published: { at: Date; by: number | null; publicTextQuestions: string[] } | null,
) {
  const [row] = await tx
    .update(surveys)
    .set(
      published
        ? { resultsPublishedAt: published.at, resultsPublishedBy: published.by, publicTextQuestions: published.publicTextQuestions }
        : { resultsPublishedAt: null, resultsPublishedBy: null },
    )
    .where(eq(surveys.id, id))
    .returning()
  return row!
}

/** An evidence row's publication facts, locked; undefined when there is none. */
export async function evidenceOfPlan(tx: Tx, id: number) {
  const [row] = await tx
    .select({
      id: evidence.id,
      submissionId: evidence.submissionId,
      kind: evidence.kind,
      public: evidence.public,
      publicChangedAt: evidence.publicChangedAt,
    })
    .from(evidence)
    .where(eq(evidence.id, id))
    .for('update')
  return row
}

export async function setEvidencePublic(tx: Tx, id: number, isPublic: boolean) {
  const [row] = await tx
    .update(evidence)
    .set({ public: isPublic, publicChangedAt: new Date() })
    .where(eq(evidence.id, id))
    .returning({ id: evidence.id, public: evidence.public, publicChangedAt: evidence.publicChangedAt })
  return row!
}

/** A plan's report export (without its bytes), locked; undefined when the plan has none by that id. */
export async function lockReportExport(tx: Tx, planId: number, id: number) {
  const [row] = await tx
    .select({ id: reportExports.id, publishedAt: reportExports.publishedAt })
    .from(reportExports)
    .where(and(eq(reportExports.id, id), eq(reportExports.planId, planId)))
    .for('update')
  return row
}

export async function setReportPublished(tx: Tx, id: number, at: Date | null) {
  const [row] = await tx
    .update(reportExports)
    .set({ publishedAt: at })
    .where(eq(reportExports.id, id))
    .returning({ id: reportExports.id, publishedAt: reportExports.publishedAt })
  return row!
}

export async function publishedReportIds(executor: DbOrTx, planId: number): Promise<number[]> {
  const rows = await executor
    .select({ id: reportExports.id })
    .from(reportExports)
    .where(and(eq(reportExports.planId, planId), isNotNull(reportExports.publishedAt)))
    .orderBy(asc(reportExports.id))
  return rows.map((r) => r.id)
}
