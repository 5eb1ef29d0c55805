// The informative report and the measure exports of a plan.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { IdParamsSchema, ReportNarrativeSchema, ReportPreviewSchema, Role, UpdateReportNarrativeSchema } from '@apt/shared'
import { buildMeasuresCsv } from '../../../report/csv.js'
import { buildReportDocx } from '../../../report/docx.js'
import { buildReportPreview } from '../../../report/preview.js'
import { buildMeasuresXlsx } from '../../../report/xlsx.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

/** The report is for coordinators and for readers such as the State Chancellery. */
const REPORT_READERS = [Role.admin, Role.planCoordinator, Role.ministryCoordinator, Role.viewer] as const

const MEDIA = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
}

const fileName = (code: string, what: string, ext: string) =>
  `${code.replace(/[^\w.-]/g, '_')}-${what}-${new Date().toISOString().slice(0, 10)}.${ext}`

// Buffers are sent as they are; the schema only documents the file in OpenAPI.
const binary = (description: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description })

const report: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/plans/:id/report',
    {
      config: { access: REPORT_READERS },
      schema: {
        tags: ['report'],
        summary: 'The report’s narrative sections',
        params: IdParamsSchema,
        response: { 200: ReportNarrativeSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.reportNarratives.get(request.params.id),
  )

  fastify.put(
    '/plans/:id/report',
    {
      config: { access: [Role.admin, Role.planCoordinator] },
      schema: {
        tags: ['report'],
        summary: 'Save the narrative sections (with the version last read; 409 when stale)',
        params: IdParamsSchema,
        body: UpdateReportNarrativeSchema,
        response: { 200: ReportNarrativeSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    (request) => fastify.reportNarratives.put(request, request.params.id, request.body),
  )

  fastify.get(
    '/plans/:id/report/preview',
    {
      config: { access: REPORT_READERS },
      schema: {
        tags: ['report'],
        summary: 'The generated sentences and tables, as the DOCX will have them',
        params: IdParamsSchema,
        response: { 200: ReportPreviewSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request) => buildReportPreview(await fastify.plans.export(request.params.id)),
  )

  fastify.get(
    '/plans/:id/report.docx',
    {
      config: { access: REPORT_READERS },
      schema: {
        tags: ['report'],
        summary: 'The informative report for the Cabinet (DOCX, Latvian)',
        params: IdParamsSchema,
        response: { 200: binary('DOCX document'), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) => {
      const [document, narrative] = await Promise.all([
        fastify.plans.export(request.params.id),
        fastify.reportNarratives.get(request.params.id),
      ])
      const docx = await buildReportDocx({ document, narrative: narrative.sections, generatedAt: new Date() })
      return reply
        .type(MEDIA.docx)
        .header('content-disposition', `attachment; filename="${fileName(document.plan.code, 'zinojums', 'docx')}"`)
        .send(docx)
    },
  )

  fastify.get(
    '/plans/:id/measures.xlsx',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['report'],
        summary: 'Every measure with every field (XLSX)',
        params: IdParamsSchema,
        response: { 200: binary('XLSX workbook'), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) => {
      const document = await fastify.plans.export(request.params.id)
      return reply
        .type(MEDIA.xlsx)
        .header('content-disposition', `attachment; filename="${fileName(document.plan.code, 'pasakumi', 'xlsx')}"`)
        .send(await buildMeasuresXlsx(document))
    },
  )

  fastify.get(
    '/plans/:id/measures.csv',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['report'],
        summary: 'Every measure with every field (CSV, UTF-8 with BOM)',
        params: IdParamsSchema,
        response: { 200: binary('CSV'), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) => {
      const document = await fastify.plans.export(request.params.id)
      return reply
        .type(MEDIA.csv)
        .header('content-disposition', `attachment; filename="${fileName(document.plan.code, 'pasakumi', 'csv')}"`)
        .send(buildMeasuresCsv(document))
    },
  )
}
export default report
