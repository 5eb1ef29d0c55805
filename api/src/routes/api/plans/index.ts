import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  DryRunResultSchema,
  IdParamsSchema,
  ImportQuerySchema,
  ImportResultSchema,
  MeasureListItemSchema,
  MeasureQuerySchema,
  PlanDocumentSchema,
  PlanListItemSchema,
  PlanSchema,
  PlanSummarySchema,
  Role,
  SuccessorPlanSchema,
} from '@apt/shared'
import { currentUser } from '../../../plugins/app/auth/access.js'
import { assertCanManagePlan } from '../../../plugins/app/auth/scope.js'
import type { RouteOptions } from '../../index.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

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
    () => fastify.plans.list(),
  )

  fastify.post(
    '/import',
    {
      config: { access: [Role.admin, Role.planCoordinator] },
      bodyLimit: config.IMPORT_MAX_MB * 1024 * 1024,
      schema: {
        tags: ['plans'],
        summary: 'Import a whole plan (action-plan/1)',
        description:
          'Validates the whole document first and lists every error with its JSON path. One transaction: a failed import leaves nothing behind. `dryRun=true` only validates.',
        querystring: ImportQuerySchema,
        body: PlanDocumentSchema,
        response: { 200: DryRunResultSchema, 201: ImportResultSchema, ...errorResponses(...AUTHENTICATED, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      if (request.query.dryRun) return reply.status(200).send(await fastify.planImporter.dryRun(request, request.body))
      return reply.status(201).send(await fastify.planImporter.import(request, request.body))
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
    (request) => fastify.plans.get(request.params.id),
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
      const document = await fastify.plans.export(request.params.id)
      const day = new Date().toISOString().slice(0, 10)
      return reply
        .header('content-disposition', `attachment; filename="${document.plan.code.replace(/[^\w.-]/g, '_')}-${day}.json"`)
        .send(document)
    },
  )

  fastify.post(
    '/:id/successor',
    {
      config: { access: [Role.admin, Role.planCoordinator] },
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
    async (request, reply) => {
      assertCanManagePlan(currentUser(request), await fastify.plans.row(request.params.id))
      return reply.status(201).send(await fastify.planImporter.successor(request, request.params.id, request.body))
    },
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
    (request) => fastify.plans.summary(request.params.id),
  )

  fastify.get(
    '/:id/measures',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['measures'],
        summary: 'The plan’s measures, filtered',
        params: IdParamsSchema,
        querystring: MeasureQuerySchema,
        response: { 200: Type.Array(MeasureListItemSchema), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request) => {
      await fastify.plans.row(request.params.id)
      return fastify.measures.list(request.params.id, request.query)
    },
  )
}
export default plans
