// Data access for a plan's report content: one versioned document per plan. No permissions here.
import { and, eq } from 'drizzle-orm'
import { defaultReportContent, type ReportContent, type ReportNarrative } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { reportNarratives, users } from '../../../db/schema/index.js'

/** The saved content, or the default outline at version 0 before the first save. */
export async function narrativeOf(executor: DbOrTx, planId: number): Promise<ReportNarrative> {
  const [row] = await executor
    .select({
      content: reportNarratives.content,
      version: reportNarratives.version,
      updatedAt: reportNarratives.updatedAt,
      updatedBy: users.name,
    })
    .from(reportNarratives)
    .leftJoin(users, eq(users.id, reportNarratives.updatedBy))
    .where(eq(reportNarratives.planId, planId))
  if (!row) return { content: defaultReportContent(), version: 0, updatedAt: null, updatedBy: null }
  return {
    content: row.content as ReportContent,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  }
}

/**
 * Writes the content over `version` (0: the first save); false when someone saved meanwhile.
 */
export async function writeNarrative(executor: DbOrTx, planId: number, version: number, content: ReportContent, userId: number | null) {
  if (version === 0) {
    const inserted = await executor
      .insert(reportNarratives)
      .values({ planId, content, updatedBy: userId })
      .onConflictDoNothing()
      .returning({ planId: reportNarratives.planId })
    return inserted.length > 0
  }
  const updated = await executor
    .update(reportNarratives)
    .set({ content, updatedBy: userId, version: version + 1, updatedAt: new Date() })
    .where(and(eq(reportNarratives.planId, planId), eq(reportNarratives.version, version)))
    .returning({ planId: reportNarratives.planId })
  return updated.length > 0
}
