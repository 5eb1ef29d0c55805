// The informative report and the measure exports of a plan, under /api/plans/:id.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from '@sinclair/typebox'
import {
  IdParamsSchema,
  ReportCheckSchema,
  ReportExportListSchema,
  ReportNarrativeSchema,
  ReportPreviewSchema,
  RoleGroup,
  UpdateReportNarrativeSchema,
} from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { assertReportContentReadable } from '../../../plugins/app/report/content-problems.js'
import type { ReportFile } from '../../../plugins/app/report/report-service.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

// Buffers are sent as they are; the schema only documents the file in OpenAPI.
const binary = (description: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description })

const download = (reply: FastifyReply, file: ReportFile) =>
  reply.type(file.mediaType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.bytes)

const report: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/:id/report',
    {
      config: { access: RoleGroup.reportReaders },
      schema: {
        tags: ['report'],
        summary: 'The report’s narrative sections',
        params: IdParamsSchema,
        response: { 200: ReportNarrativeSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.reports.narrative(actorOf(request), request.params.id),
  )

  fastify.put(
    '/:id/report',
    {
      config: { access: RoleGroup.planManagers },
      // Names an unknown node, an unsafe link or a too deep list plainly, before the schema's union errors.
      preValidation: async (request) => assertReportContentReadable(request.body),
      schema: {
        tags: ['report'],
        summary: 'Save the narrative sections (with the version last read; 409 when stale)',
        params: IdParamsSchema,
        body: UpdateReportNarrativeSchema,
        response: { 200: ReportNarrativeSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    (request) => fastify.reports.saveNarrative(actorOf(request), request.params.id, request.body),
  )

  fastify.get(
    '/:id/report/preview',
    {
      config: { access: RoleGroup.reportReaders },
      schema: {
        tags: ['report'],
        summary: 'The generated sentences and tables, as the DOCX will have them',
        params: IdParamsSchema,
        response: { 200: ReportPreviewSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.reports.preview(actorOf(request), request.params.id),
  )

  fastify.get(
    '/:id/report.docx',
    {
      // Each GET is an export kept with its bytes (the export history): a HEAD, which would run this
      // handler too, must not make one, so the route has none.
      exposeHeadRoute: false,
      config: { access: RoleGroup.reportReaders },
      schema: {
        tags: ['report'],
        summary: 'The informative report for the Cabinet (DOCX, Latvian); each download is kept in the export history',
        params: IdParamsSchema,
        response: { 200: binary('DOCX document'), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) => {
      const file = await fastify.reports.docx(actorOf(request), request.params.id)
      // Where this very file is kept in the export history.
      return download(reply.header('x-report-export-id', String(file.export.id)), file)
    },
  )

  fastify.get(
    '/:id/report/check',
    {
      config: { access: RoleGroup.reportReaders },
      schema: {
        tags: ['report'],
        summary: 'The check before export: measures with no progress, done without accepted evidence, contradicting assessments, …',
        params: IdParamsSchema,
        response: { 200: ReportCheckSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.reports.check(actorOf(request), request.params.id),
  )

  fastify.get(
    '/:id/report/exports',
    {
      config: { access: RoleGroup.reportReaders },
      schema: {
        tags: ['report'],
        summary: 'Every report.docx exported: who, when, sha256 and the figures at that moment (newest first)',
        params: IdParamsSchema,
        response: { 200: ReportExportListSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request) => ({ items: await fastify.reports.exports(actorOf(request), request.params.id) }),
  )

  fastify.get(
    '/:id/report/exports/:exportId',
    {
      config: { access: RoleGroup.reportReaders },
      schema: {
        tags: ['report'],
        summary: 'An earlier export’s DOCX, byte for byte',
        params: Type.Object({ id: IdParamsSchema.properties.id, exportId: IdParamsSchema.properties.id }),
        response: { 200: binary('DOCX document'), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) =>
      download(reply, await fastify.reports.exportFile(actorOf(request), request.params.id, request.params.exportId)),
  )

  fastify.get(
    '/:id/measures.xlsx',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['report'],
        summary: 'Every measure with every field (XLSX)',
        params: IdParamsSchema,
        response: { 200: binary('XLSX workbook'), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) => download(reply, await fastify.reports.measuresXlsx(actorOf(request), request.params.id)),
  )

  fastify.get(
    '/:id/measures.csv',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['report'],
        summary: 'Every measure with every field (CSV, UTF-8 with BOM)',
        params: IdParamsSchema,
        response: { 200: binary('CSV'), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) => download(reply, await fastify.reports.measuresCsv(actorOf(request), request.params.id)),
  )
}
export default report
