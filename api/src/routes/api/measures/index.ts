import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { IdParamsSchema, MeasureSchema, Role, StatusHistoryEntrySchema, UpdateMeasureResultSchema, UpdateMeasureSchema } from '@apt/shared'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const measures: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['measures'],
        summary: 'A measure with its progress',
        params: IdParamsSchema,
        response: { 200: MeasureSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.measures.get(request.params.id),
  )

  fastify.patch(
    '/:id',
    {
      config: { access: [Role.admin, Role.planCoordinator] },
      schema: {
        tags: ['measures'],
        summary: 'Edit a measure or set its official status',
        description: 'Send the `version` last read: 409 when someone changed the measure meanwhile. A status change needs a `reason`.',
        params: IdParamsSchema,
        body: UpdateMeasureSchema,
        response: { 200: UpdateMeasureResultSchema, ...errorResponses(...AUTHENTICATED, 404, 409, 422) },
      },
    },
    (request) => fastify.measures.update(request, request.params.id, request.body),
  )

  fastify.get(
    '/:id/history',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['measures'],
        summary: 'Status changes: who, when, from, to, why',
        params: IdParamsSchema,
        response: { 200: Type.Array(StatusHistoryEntrySchema), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.measures.history(request.params.id),
  )
}
export default measures
