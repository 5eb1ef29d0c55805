// Data access for a plan's report narrative: one versioned document of sections per plan. No permissions here.
import { and, eq } from 'drizzle-orm'
import type { ReportNarrative, ReportSections } from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import { reportNarratives, users } from '../../../db/schema/index.js'

export const EMPTY_SECTIONS: ReportSections = { actionLines: {}, financing: null, conclusions: null }

/** The saved narrative, or the empty one at version 0 before the first save. */
export async function narrativeOf(executor: DbOrTx, planId: number): Promise<ReportNarrative> {
  const [row] = await executor
    .select({
      sections: reportNarratives.sections,
      version: reportNarratives.version,
      updatedAt: reportNarratives.updatedAt,
      updatedBy: users.name,
    })
    .from(reportNarratives)
    .leftJoin(users, eq(users.id, reportNarratives.updatedBy))
    .where(eq(reportNarratives.planId, planId))
  if (!row) return { sections: EMPTY_SECTIONS, version: 0, updatedAt: null, updatedBy: null }
  return {
    sections: row.sections as ReportSections,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  }
}

/**
 * Writes the sections over `version` (0: the first save); false when someone saved meanwhile.
 */
export async function writeNarrative(executor: DbOrTx, planId: number, version: number, sections: ReportSections, userId: number | null) {
  if (version === 0) {
    const inserted = await executor
      .insert(reportNarratives)
      .values({ planId, sections, updatedBy: userId })
      .onConflictDoNothing()
      .returning({ planId: reportNarratives.planId })
    return inserted.length > 0
  }
  const updated = await executor
    .update(reportNarratives)
    .set({ sections, updatedBy: userId, version: version + 1, updatedAt: new Date() })
    .where(and(eq(reportNarratives.planId, planId), eq(reportNarratives.version, version)))
    .returning({ planId: reportNarratives.planId })
  return updated.length > 0
}
