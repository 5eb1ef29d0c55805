// The plan workbook, under /api/plans/:id: plan.xlsx, the whole plan in Excel, and updating the
// plan's measures from such a workbook (POST …/import/xlsx). The format: docs/api.md "The plan workbook".
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { IdParamsSchema, PlanFileImportQuerySchema, PlanUpdateResultSchema, RoleGroup } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { assertPlanFileKind } from '../../../plugins/app/plans/file-import/file-kind.js'
import { receivePlanFile } from '../../../plugins/app/plans/file-import/receive.js'
import { skipMultipart } from '../../../validation.js'
import type { RouteOptions } from '../../index.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

// Buffers are sent as they are; the schema only documents the file in OpenAPI.
const binary = (description: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description })

const PlanWorkbookUploadSchema = Type.Object({
  file: Type.String({ format: 'binary', description: 'The plan workbook (.xlsx), as GET /api/plans/{id}/plan.xlsx gives it' }),
  reason: Type.Optional(
    Type.String({ description: 'Why: required when the workbook changes a status, or excludes a measure from an active plan' }),
  ),
})

const workbook: FastifyPluginAsyncTypebox<RouteOptions> = async (fastify, { config }) => {
  fastify.get(
    '/:id/plan.xlsx',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['plans'],
        summary: 'The whole plan as an Excel workbook (import = export format)',
        description:
          'Sheets Plāns, Pasākumi (one row per measure, every field), Finansējums (budget lines), Izpildes gaita (progress) and Iestādes. The same workbook, edited, updates the plan (POST /api/plans/{id}/import/xlsx) or imports as a new plan (POST /api/plans/import/xlsx).',
        params: IdParamsSchema,
        response: { 200: binary('XLSX workbook'), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) => {
      const file = await fastify.planWorkbook.download(actorOf(request), request.params.id)
      return reply.type(file.mediaType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.bytes)
    },
  )

  fastify.post(
    '/:id/import/xlsx',
    {
      config: { access: RoleGroup.planManagers },
      validatorCompiler: skipMultipart,
      schema: {
        tags: ['plans'],
        summary: 'Update the plan’s measures from its workbook (differences first with dryRun=true)',
        description: `Multipart: \`file\` (the plan workbook, at most ${config.PLAN_FILE_MAX_MB} MB) and optional \`reason\`. Measures are matched by number; statuses, assessments, titles, numbers in the plan, institutions, deadlines, budget wording, expected results, indicators and exclusions are compared with the plan as it is now. \`dryRun=true\` lists the changes and problems and writes nothing; otherwise all changes are applied in one transaction, each measure's audited and its version bumped. A workbook whose measures differ from the plan's (added, removed, moved), unknown institution codes or unreadable cells: 422 IMPORT_PROBLEMS with \`details.problems\`, nothing applied. A status change without \`reason\`: 400 REASON_REQUIRED. A closed plan: 409 PLAN_CLOSED.`,
        params: IdParamsSchema,
        querystring: PlanFileImportQuerySchema,
        body: { content: { 'multipart/form-data': { schema: PlanWorkbookUploadSchema } } },
        response: { 200: PlanUpdateResultSchema, ...errorResponses(...AUTHENTICATED, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      // Refuse before reading the upload from someone who may not update this plan.
      await fastify.planWorkbook.assertCanUpdate(actor, request.params.id)
      const upload = await receivePlanFile(request, config.PLAN_FILE_MAX_MB, ['reason'])
      await assertPlanFileKind(upload.bytes, upload.filename, 'xlsx')
      return fastify.planWorkbook.update(actor, request.params.id, upload.bytes, {
        dryRun: request.query.dryRun,
        reason: upload.fields.reason,
      })
    },
  )
}
export default workbook
