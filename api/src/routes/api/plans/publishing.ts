// Publishing a plan (registered under /api/plans): its publication state, publish and unpublish,
// and publishing a report export with it. The public side is plugins/public (pages, open data).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { IdParamsSchema, MarkPublicSchema, PlanPublicationSchema, ReportPublicationSchema, RoleGroup } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const PUBLIC_PART =
  'What becomes public at /p/{code} and in the open data (data.json, measures.csv, the DCAT-AP catalogue): the plan, its action lines and measures (titles, institutions, deadlines, budgets, official status and assessment, status history), accepted progress texts with their institution and period, evidence files marked public and report exports published. Never drafts, submissions in review, returned comments, users, e-mail addresses or the audit.'

const publishing: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/:id/publication',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['publishing'],
        summary: 'Whether the plan is published, since when and by whom, its public paths, and whether the caller may publish it',
        params: IdParamsSchema,
        response: { 200: PlanPublicationSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.publishing.plan(actorOf(request), request.params.id),
  )

  fastify.post(
    '/:id/publish',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['publishing'],
        summary: 'Publish the plan (its coordinator): public pages and open data',
        description: `${PUBLIC_PART} A draft plan: 409 INVALID_TRANSITION. Publishing a published plan changes nothing.`,
        params: IdParamsSchema,
        response: { 200: PlanPublicationSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    (request) => fastify.publishing.publishPlan(actorOf(request), request.params.id),
  )

  fastify.post(
    '/:id/unpublish',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['publishing'],
        summary: 'Take the plan’s public pages and open data down (its coordinator): they answer 404 again',
        params: IdParamsSchema,
        response: { 200: PlanPublicationSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.publishing.unpublishPlan(actorOf(request), request.params.id),
  )

  fastify.put(
    '/:id/report/exports/:exportId/public',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['publishing'],
        summary: 'Publish a report export with the plan, or take it back (the plan’s coordinator)',
        params: Type.Object({ id: IdParamsSchema.properties.id, exportId: IdParamsSchema.properties.id }),
        body: MarkPublicSchema,
        response: { 200: ReportPublicationSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.publishing.markReport(actorOf(request), request.params.id, request.params.exportId, request.body.public),
  )
}
export default publishing
