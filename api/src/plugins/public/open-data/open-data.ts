// The open data of published plans, for anyone: data.json (the plan's `action-plan/1` document built
// from its public rows only), measures.csv, the published survey results, public evidence files and
// published report exports, and the DCAT-AP catalogue of them all. Unknown and unpublished alike
// answer 404. Reads only; no actor — what is public is decided by the rows (./../published-plan.ts).
import type { Readable } from 'node:stream'
import { and, asc, eq, isNotNull } from 'drizzle-orm'
import type { PlanDocument, PublishedPlan, PublishedSurveyResults } from '@apt/shared'
import type { Db } from '../../../db/client.js'
import { evidence, measures, plans, reportExports, submissions } from '../../../db/schema/index.js'
import { notFound } from '../../app/errors.js'
import { createFileStore } from '../../app/evidence/file-store.js'
import { toDocument } from '../../app/plans/plan-document.js'
import { openDataLicence } from '../../app/settings/settings-data.js'
import { loadPublicPlanRows, loadPublishedPlan, publicUpdatedAt } from '../published-plan.js'
import { loadPublishedSurveyResults } from '../published-survey.js'
import { buildCatalog } from './catalog.js'
import { publishedMeasuresCsv } from './measures-csv.js'

/** A public answer: its body, when it last changed (Last-Modified) and its media type. */
export interface PublicData<T> {
  body: T
  updatedAt: Date
}

export interface PublicFile {
  fileName: string
  mediaType: string
  size: number
  updatedAt: Date
  body: Buffer | Readable
}

export function createOpenData(db: Db) {
  const store = createFileStore(db)

  async function plan(code: string): Promise<PublishedPlan> {
    const found = await loadPublishedPlan(db, code)
    if (!found) throw notFound('Plan')
    return found
  }

  return {
    /** The plan's `action-plan/1` document with only its public rows (accepted progress texts). */
    async planDocument(code: string): Promise<PublicData<PlanDocument>> {
      const rows = await loadPublicPlanRows(db, code)
      if (!rows) throw notFound('Plan')
      const licence = await openDataLicence(db)
      return { body: toDocument(rows.rows), updatedAt: publicUpdatedAt(rows, licence.updatedAt) }
    },

    async measuresCsv(code: string): Promise<PublicData<string>> {
      const published = await plan(code)
      return { body: publishedMeasuresCsv(published), updatedAt: new Date(published.updatedAt) }
    },

    async surveyResults(planCode: string, surveyCode: string): Promise<PublicData<PublishedSurveyResults>> {
      const results = await loadPublishedSurveyResults(db, planCode, surveyCode)
      if (!results) throw notFound('Survey results')
      return { body: results, updatedAt: new Date(results.updatedAt) }
    },

    /** A public evidence file of an accepted submission of a published plan; 404 otherwise. */
    async evidenceFile(planCode: string, id: number): Promise<PublicFile> {
      const [row] = await db
        .select({
          fileName: evidence.fileName,
          mediaType: evidence.mediaType,
          size: evidence.size,
          sha256: evidence.sha256,
          content: evidence.content,
          changedAt: evidence.publicChangedAt,
          createdAt: evidence.createdAt,
        })
        .from(evidence)
        .innerJoin(submissions, eq(submissions.id, evidence.submissionId))
        .innerJoin(measures, eq(measures.id, submissions.measureId))
        .innerJoin(plans, eq(plans.id, measures.planId))
        .where(
          and(
            eq(evidence.id, id),
            eq(plans.code, planCode),
            isNotNull(plans.publishedAt),
            eq(evidence.public, true),
            eq(evidence.kind, 'file'),
            eq(submissions.state, 'accepted'),
          ),
        )
      if (!row) throw notFound('Evidence')
      const updatedAt = row.changedAt ?? row.createdAt
      const common = { fileName: row.fileName ?? `evidence-${id}`, mediaType: row.mediaType ?? 'application/octet-stream', updatedAt }
      if (row.content) return { ...common, size: row.content.length, body: row.content }
      if (!row.sha256 || !(await store.isComplete(row.sha256, row.size ?? 0)))
        throw new Error(`evidence ${id}: the file's bytes are missing from the file store`)
      return { ...common, size: row.size ?? 0, body: store.open(row.sha256) }
    },

    /** A published report export of a published plan; 404 otherwise. */
    async reportFile(planCode: string, id: number): Promise<PublicFile> {
      const [row] = await db
        .select({ fileName: reportExports.fileName, content: reportExports.content, publishedAt: reportExports.publishedAt })
        .from(reportExports)
        .innerJoin(plans, eq(plans.id, reportExports.planId))
        .where(and(eq(reportExports.id, id), eq(plans.code, planCode), isNotNull(plans.publishedAt), isNotNull(reportExports.publishedAt)))
      if (!row) throw notFound('Report')
      return {
        fileName: row.fileName,
        mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        size: row.content.length,
        updatedAt: row.publishedAt!,
        body: row.content,
      }
    },

    /** The DCAT-AP catalogue of every published plan (and its published survey results). */
    async catalog(baseUrl: string): Promise<PublicData<object>> {
      const codes = await db.select({ code: plans.code }).from(plans).where(isNotNull(plans.publishedAt)).orderBy(asc(plans.code))
      const published: PublishedPlan[] = []
      // One plan after another: on the embedded database they would queue anyway.
      for (const { code } of codes) {
        const found = await loadPublishedPlan(db, code)
        if (found) published.push(found)
      }
      const licence = await openDataLicence(db)
      const times = [...published.map((p) => Date.parse(p.updatedAt)), licence.updatedAt?.getTime() ?? 0]
      return { body: buildCatalog(baseUrl, published, licence.licence), updatedAt: new Date(Math.max(0, ...times)) }
    },
  }
}

export type OpenData = ReturnType<typeof createOpenData>
