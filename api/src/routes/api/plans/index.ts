// Plans: list, detail, import, export, successor, summary and the plan's measures; its report in ./report.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  DryRunResultSchema,
  IdParamsSchema,
  ImportQuerySchema,
  ImportResultSchema,
  MeasureListItemSchema,
  MeasureQuerySchema,
  MeasureTableItemSchema,
  type MeasureTableItem,
  PlanDocumentSchema,
  PlanListItemSchema,
  PlanSchema,
  PlanSummarySchema,
  RoleGroup,
  SuccessorPlanSchema,
} from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import type { RouteOptions } from '../../index.js'
import { AUTHENTICATED, errorResponses, sendSerialized } from '../../responses.js'
import { documentBody } from '../../../validation.js'
import editor from './editor.js'
import planImport from './import.js'
import report from './report.js'
import workbook from './workbook.js'

/**
 * A row of the measure list as the serialiser writes it: the table's fields (MeasureTableItem, a subset
 * of MeasureListItem) always, the others when the full view has them. One compiled object serialiser
 * for both views: a union (anyOf) of the two had fast-json-stringify validate every row against the
 * full item's schema to choose one — a thousand validations for a thousand rows.
 */
const MeasureRowSchema = Type.Composite([
  MeasureTableItemSchema,
  Type.Partial(Type.Omit(MeasureListItemSchema, Object.keys(MeasureTableItemSchema.properties) as (keyof MeasureTableItem)[])),
])

const plans: FastifyPluginAsyncTypebox<RouteOptions> = async (fastify, { config }) => {
  fastify.get(
    '/',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['plans'],
        summary: 'All plans',
        response: { 200: Type.Array(PlanListItemSchema), ...errorResponses(...AUTHENTICATED) },
      },
    },
    (request) => fastify.plans.list(actorOf(request)),
  )

  fastify.post(
    '/import',
    {
      config: { access: RoleGroup.planManagers },
      bodyLimit: config.IMPORT_MAX_MB * 1024 * 1024,
      validatorCompiler: documentBody,
      schema: {
        tags: ['plans'],
        summary: 'Import a whole plan (action-plan/1)',
        description:
          'Checks the whole document in one pass — its schema, unique numbers and codes, the period, the institutions it uses and lists (unknown, parent cycles, new ones only from an administrator), a free plan code — and refuses it with every problem at once: `errors` (JSON path, English) and `details.problems` (ImportProblem: stable `code` and `params`, `location` as a person reads the plan, e.g. action line → measure → field, the JSON `path`, a Latvian `message`). The status is 400 VALIDATION_FAILED, unless every problem is of one kind: 422 UNKNOWN_INSTITUTIONS (`details.codes`), 409 ALREADY_EXISTS (a taken code), 403 (new institutions from a non-administrator, `details.codes`). One transaction: a failed import leaves nothing behind. `dryRun=true` only checks.',
        querystring: ImportQuerySchema,
        body: PlanDocumentSchema,
        response: { 200: DryRunResultSchema, 201: ImportResultSchema, ...errorResponses(...AUTHENTICATED, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request)
      if (request.query.dryRun) return reply.status(200).send(await fastify.planImporter.dryRun(actor, request.body))
      return reply.status(201).send(await fastify.planImporter.import(actor, request.body))
    },
  )

  fastify.get(
    '/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['plans'],
        summary: 'A plan with its action lines',
        params: IdParamsSchema,
        response: { 200: PlanSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.plans.get(actorOf(request), request.params.id),
  )

  fastify.get(
    '/:id/export',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['plans'],
        summary: 'The whole plan as action-plan/1',
        params: IdParamsSchema,
        response: { 200: PlanDocumentSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) => {
      const document = await fastify.plans.export(actorOf(request), request.params.id)
      const day = new Date().toISOString().slice(0, 10)
      return reply
        .header('content-disposition', `attachment; filename="${document.plan.code.replace(/[^\w.-]/g, '_')}-${day}.json"`)
        .send(document)
    },
  )

  fastify.post(
    '/:id/successor',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['plans'],
        summary: 'Start the next plan from this one',
        description:
          'Carries the partly done and not done measures into a new plan (status pending), each linked to the measure it continues.',
        params: IdParamsSchema,
        body: SuccessorPlanSchema,
        response: { 201: ImportResultSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await fastify.planImporter.successor(actorOf(request), request.params.id, request.body)),
  )

  fastify.get(
    '/:id/summary',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['plans'],
        summary: 'Measure counts by status, action line and sector',
        params: IdParamsSchema,
        response: { 200: PlanSummarySchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.plans.summary(actorOf(request), request.params.id),
  )

  fastify.get(
    '/:id/measures',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['measures'],
        summary: 'The plan’s measures, filtered; a page of them, or the table’s fields only',
        description:
          '`view=table` answers MeasureTableItem (no budget, texts, version or abilities); `limit` and `offset` take a page. The `X-Total-Count` header counts every measure matching the filters, whatever the page.',
        params: IdParamsSchema,
        querystring: MeasureQuerySchema,
        response: {
          200: Type.Array(MeasureRowSchema, {
            description: 'MeasureListItem each, or with `view=table` MeasureTableItem each',
            headers: {
              'x-total-count': Type.Integer({ minimum: 0, description: 'Every measure matching the filters, whatever the page' }),
            },
          }),
          ...errorResponses(...AUTHENTICATED, 404),
        },
      },
    },
    async (request, reply) => {
      const { total, body } = await fastify.measures.list(
        actorOf(request),
        request.params.id,
        request.query,
        (items) => reply.serialize(items) as string,
      )
      return sendSerialized(reply.header('x-total-count', total), body)
    },
  )

  // The plan's report and measure exports: /api/plans/:id/report, …/report.docx, …/measures.xlsx.
  await fastify.register(report)
  // The editor: create, change, move through draft → active → closed, action lines (./editor.ts).
  await fastify.register(editor, { config })
  // Plans from files: POST /api/plans/import/docx|xlsx (./import.ts); the workbook of a plan (./workbook.ts).
  await fastify.register(planImport, { config })
  await fastify.register(workbook, { config })
}
export default plans
