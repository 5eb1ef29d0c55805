// A plan's informative report for the Cabinet: the coordinator's narrative sections (versioned),
// the preview of the generated text, the DOCX, and the measure exports (XLSX, CSV). The report is
// for its readers (`canReadReports`); the measure exports are for every logged-in user.
import type { FastifyInstance } from 'fastify'
import {
  canEditReport,
  canReadReports,
  type PlanDocument,
  type ReportNarrative,
  type ReportPreview,
  type ReportSections,
  type UpdateReportNarrative,
} from '@apt/shared'
import { buildMeasuresCsv } from '../../../report/csv.js'
import { buildReportDocx } from '../../../report/docx.js'
import { buildReportPreview } from '../../../report/preview.js'
import { buildMeasuresXlsx } from '../../../report/xlsx.js'
import { type Actor, userIdOf } from '../auth/actor.js'
import { ensure, versionConflict } from '../errors.js'
import { toDocument } from '../plans/plan-document.js'
import { visiblePlanRow } from '../plans/plan-access.js'
import { loadPlanRows } from '../plans/plans-data.js'
import { planSurveyChapters } from '../surveys/survey-report/plan-chapters.js'
import { narrativeOf, writeNarrative } from './report-data.js'

export const REPORT_MEDIA = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const

/** A download: its bytes, media type and the file name, by plan code and today's date. */
export interface ReportFile {
  bytes: Buffer
  mediaType: string
  fileName: string
}

const fileName = (code: string, what: string, ext: string) =>
  `${code.replace(/[^\w.-]/g, '_')}-${what}-${new Date().toISOString().slice(0, 10)}.${ext}`

const READERS_ONLY = 'Your role does not read reports'

export function createReportService(fastify: FastifyInstance) {
  const { db } = fastify
  /** The plan's document, if the actor may see the plan (a draft is its coordinators' only). */
  const documentOf = async (actor: Actor, planId: number): Promise<PlanDocument> => {
    await visiblePlanRow(db, actor, planId)
    return toDocument(await loadPlanRows(db, planId))
  }

  return {
    async narrative(actor: Actor, planId: number): Promise<ReportNarrative> {
      ensure(canReadReports(actor), READERS_ONLY)
      await visiblePlanRow(db, actor, planId)
      return narrativeOf(db, planId)
    },

    /** Saves all sections at once; blank texts are stored as absent so the DOCX leaves them out. */
    async saveNarrative(actor: Actor, planId: number, input: UpdateReportNarrative): Promise<ReportNarrative> {
      const blankToNull = (text: string | null) => (text?.trim() ? text : null)
      const sections: ReportSections = {
        actionLines: Object.fromEntries(Object.entries(input.sections.actionLines).filter(([, text]) => text.trim())),
        financing: blankToNull(input.sections.financing),
        conclusions: blankToNull(input.sections.conclusions),
      }
      return db.transaction(async (tx) => {
        ensure(
          canEditReport(actor, await visiblePlanRow(tx, actor, planId)),
          'Only the plan’s coordinating institution may write its report',
        )
        const before = await narrativeOf(tx, planId)
        if (before.version !== input.version) throw versionConflict('The report')
        const written = await writeNarrative(tx, planId, input.version, sections, userIdOf(actor))
        if (!written) throw versionConflict('The report')
        await fastify.audit.record(tx, actor, {
          action: 'report.update',
          entityType: 'report',
          entityId: planId,
          planId,
          before: before.sections,
          after: sections,
        })
        return narrativeOf(tx, planId)
      })
    },

    /** The generated sentences and tables, as the DOCX will have them. */
    async preview(actor: Actor, planId: number): Promise<ReportPreview> {
      ensure(canReadReports(actor), READERS_ONLY)
      const document = await documentOf(actor, planId)
      return buildReportPreview(document, await planSurveyChapters(db, planId))
    },

    async docx(actor: Actor, planId: number): Promise<ReportFile> {
      ensure(canReadReports(actor), READERS_ONLY)
      const document = await documentOf(actor, planId)
      const narrative = await narrativeOf(db, planId)
      const surveys = await planSurveyChapters(db, planId)
      const bytes = await buildReportDocx({ document, narrative: narrative.sections, generatedAt: new Date(), surveys })
      return { bytes, mediaType: REPORT_MEDIA.docx, fileName: fileName(document.plan.code, 'zinojums', 'docx') }
    },

    async measuresXlsx(actor: Actor, planId: number): Promise<ReportFile> {
      const document = await documentOf(actor, planId)
      return {
        bytes: await buildMeasuresXlsx(document),
        mediaType: REPORT_MEDIA.xlsx,
        fileName: fileName(document.plan.code, 'pasakumi', 'xlsx'),
      }
    },

    async measuresCsv(actor: Actor, planId: number): Promise<ReportFile> {
      const document = await documentOf(actor, planId)
      return { bytes: buildMeasuresCsv(document), mediaType: REPORT_MEDIA.csv, fileName: fileName(document.plan.code, 'pasakumi', 'csv') }
    },
  }
}
