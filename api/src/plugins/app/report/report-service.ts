// A plan's informative report for the Cabinet: the coordinator's narrative sections (versioned),
// the preview of the generated text, the DOCX, and the measure exports (XLSX, CSV). The report is
// for its readers (`canReadReports`); the measure exports are for every logged-in user.
import type { FastifyInstance } from 'fastify'
import {
  canEditReport,
  canReadReports,
  isRichDocBlank,
  resolveOutline,
  richDocText,
  type PlanDocument,
  type ReportCheck,
  type ReportContent,
  type ReportExport,
  type ReportNarrative,
  type ReportPreview,
  type UpdateReportNarrative,
} from '@apt/shared'
import { buildMeasuresCsv } from '../../../report/csv.js'
import { buildReportDocx } from '../../../report/docx.js'
import { buildReportPreview } from '../../../report/preview.js'
import { buildMeasuresXlsx } from '../../../report/xlsx.js'
import { type Actor, userIdOf } from '../auth/actor.js'
import { ensure, notFound, versionConflict } from '../errors.js'
import { toDocument } from '../plans/plan-document.js'
import { visiblePlanRow } from '../plans/plan-access.js'
import { loadPlanRows } from '../plans/plans-data.js'
import { planSurveyChapters } from '../surveys/survey-report/plan-chapters.js'
import { computeFigures } from '../../../report/figures.js'
import { checkReport } from './report-check.js'
import { narrativeOf, writeNarrative } from './report-data.js'
import { exportFile, exportsOf, recordExport } from './report-exports.js'

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

/**
 * The content as the audit log keeps it: each rich text as its plain text. (The log drops every
 * key named "content", meant for file bytes, which is where Tiptap keeps a document's text.)
 */
function auditView(content: ReportContent) {
  return {
    outline: content.outline.map((entry) =>
      entry.kind === 'part'
        ? entry
        : { kind: entry.kind, id: entry.id, title: entry.title, heading: entry.heading, text: richDocText(entry.body) },
    ),
    actionLines: Object.fromEntries(Object.entries(content.actionLines).map(([line, doc]) => [line, richDocText(doc)])),
    financing: content.financing ? richDocText(content.financing) : null,
    settings: content.settings,
  }
}

export function createReportService(fastify: FastifyInstance) {
  const { db } = fastify
  /** The plan's document, if the actor may see the plan (a draft is its coordinators' only). */
  const documentOf = async (actor: Actor, planId: number): Promise<PlanDocument> => {
    return toDocument(await loadPlanRows(db, planId, await visiblePlanRow(db, actor, planId)))
  }

  return {
    async narrative(actor: Actor, planId: number): Promise<ReportNarrative> {
      ensure(canReadReports(actor), READERS_ONLY)
      await visiblePlanRow(db, actor, planId)
      return narrativeOf(db, planId)
    },

    /**
     * Saves the whole content at once: the outline gets every generated part exactly once, and
     * blank action-line and financing texts are stored as absent.
     */
    async saveNarrative(actor: Actor, planId: number, input: UpdateReportNarrative): Promise<ReportNarrative> {
      const content: ReportContent = {
        ...input.content,
        outline: resolveOutline(input.content.outline),
        actionLines: Object.fromEntries(Object.entries(input.content.actionLines).filter(([, doc]) => !isRichDocBlank(doc))),
        financing: isRichDocBlank(input.content.financing) ? null : input.content.financing,
      }
      return db.transaction(async (tx) => {
        ensure(
          canEditReport(actor, await visiblePlanRow(tx, actor, planId)),
          'Only the plan’s coordinating institution may write its report',
        )
        const before = await narrativeOf(tx, planId)
        if (before.version !== input.version) throw versionConflict('The report')
        const written = await writeNarrative(tx, planId, input.version, content, userIdOf(actor))
        if (!written) throw versionConflict('The report')
        await fastify.audit.record(tx, actor, {
          action: 'report.update',
          entityType: 'report',
          entityId: planId,
          planId,
          before: auditView(before.content),
          after: auditView(content),
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

    /** The report as a DOCX; every export is kept in the plan's export history and audited. */
    async docx(actor: Actor, planId: number): Promise<ReportFile & { export: ReportExport }> {
      ensure(canReadReports(actor), READERS_ONLY)
      const document = await documentOf(actor, planId)
      const narrative = await narrativeOf(db, planId)
      const surveys = await planSurveyChapters(db, planId)
      const bytes = await buildReportDocx({ document, content: narrative.content, generatedAt: new Date(), surveys })
      const name = fileName(document.plan.code, 'zinojums', 'docx')
      const { byStatus, total, excluded } = computeFigures(document)
      const figures = {
        total,
        excluded,
        done: byStatus.done,
        partial: byStatus.partial,
        notDone: byStatus.not_done,
        pending: byStatus.pending,
      }
      const kept = await db.transaction(async (tx) => {
        const entry = await recordExport(tx, { planId, userId: userIdOf(actor), fileName: name, bytes, figures })
        await fastify.audit.record(tx, actor, {
          action: 'report.export',
          entityType: 'report',
          entityId: planId,
          planId,
          before: null,
          after: { exportId: entry.id, sha256: entry.sha256, figures },
        })
        return entry
      })
      return { bytes, mediaType: REPORT_MEDIA.docx, fileName: name, export: kept }
    },

    /** The check before export: findings with the measures they concern. */
    async check(actor: Actor, planId: number): Promise<ReportCheck> {
      ensure(canReadReports(actor), READERS_ONLY)
      await visiblePlanRow(db, actor, planId)
      return checkReport(db, planId)
    },

    /** Every report.docx exported for the plan, newest first. */
    async exports(actor: Actor, planId: number): Promise<ReportExport[]> {
      ensure(canReadReports(actor), READERS_ONLY)
      await visiblePlanRow(db, actor, planId)
      return exportsOf(db, planId)
    },

    /** An earlier export's very bytes. */
    async exportFile(actor: Actor, planId: number, exportId: number): Promise<ReportFile> {
      ensure(canReadReports(actor), READERS_ONLY)
      await visiblePlanRow(db, actor, planId)
      const file = await exportFile(db, planId, exportId)
      if (!file) throw notFound('Report export')
      return { bytes: file.content, mediaType: REPORT_MEDIA.docx, fileName: file.fileName }
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
