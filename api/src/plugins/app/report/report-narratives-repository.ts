// The coordinator's narrative sections of a plan's report: one versioned document per plan.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { and, eq } from 'drizzle-orm'
import type { ReportNarrative, ReportSections, UpdateReportNarrative } from '@apt/shared'
import { reportNarratives, users } from '../../../db/schema/index.js'
import type { DbOrTx } from '../../../db/client.js'
import { currentUser } from '../auth/access.js'
import { assertCanManagePlan } from '../auth/scope.js'
import { versionConflict } from '../errors.js'

export const EMPTY_SECTIONS: ReportSections = { actionLines: {}, financing: null, conclusions: null }

export function createReportNarrativesRepository(fastify: FastifyInstance) {
  const { db } = fastify

  async function get(executor: DbOrTx, planId: number): Promise<ReportNarrative> {
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

  return {
    get: async (planId: number) => {
      await fastify.plans.row(planId)
      return get(db, planId)
    },

    /** Saves all sections at once; blank texts are stored as absent so the DOCX leaves them out. */
    async put(request: FastifyRequest, planId: number, input: UpdateReportNarrative): Promise<ReportNarrative> {
      const user = currentUser(request)
      assertCanManagePlan(user, await fastify.plans.row(planId))
      const blankToNull = (text: string | null) => (text?.trim() ? text : null)
      const sections: ReportSections = {
        actionLines: Object.fromEntries(Object.entries(input.sections.actionLines).filter(([, text]) => text.trim())),
        financing: blankToNull(input.sections.financing),
        conclusions: blankToNull(input.sections.conclusions),
      }
      return db.transaction(async (tx) => {
        const before = await get(tx, planId)
        if (before.version !== input.version) throw versionConflict('The report')
        if (input.version === 0) {
          const inserted = await tx
            .insert(reportNarratives)
            .values({ planId, sections, updatedBy: user.id })
            .onConflictDoNothing()
            .returning({ planId: reportNarratives.planId })
          if (!inserted.length) throw versionConflict('The report')
        } else {
          const updated = await tx
            .update(reportNarratives)
            .set({ sections, updatedBy: user.id, version: input.version + 1, updatedAt: new Date() })
            .where(and(eq(reportNarratives.planId, planId), eq(reportNarratives.version, input.version)))
            .returning({ planId: reportNarratives.planId })
          if (!updated.length) throw versionConflict('The report')
        }
        await fastify.audit.record(tx, request, {
          action: 'report.update',
          entityType: 'report',
          entityId: planId,
          planId,
          before: before.sections,
          after: sections,
        })
        return get(tx, planId)
      })
    },
  }
}
