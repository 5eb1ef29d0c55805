// Measures: detail, edit (the plan's coordinator), status history. A plan's list is /api/plans/:id/measures.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  IdParamsSchema,
  MeasureSchema,
  RoleGroup,
  StatusHistoryEntrySchema,
  UpdateMeasureResultSchema,
  UpdateMeasureSchema,
} from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
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
    (request) => fastify.measures.get(actorOf(request), request.params.id),
  )

  fastify.patch(
    '/:id',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['measures'],
        summary: 'Edit a measure or set its official status',
        description: 'Send the `version` last read: 409 when someone changed the measure meanwhile. A status change needs a `reason`.',
        params: IdParamsSchema,
        body: UpdateMeasureSchema,
        response: { 200: UpdateMeasureResultSchema, ...errorResponses(...AUTHENTICATED, 404, 409, 422) },
      },
    },
    (request) => fastify.measures.update(actorOf(request), request.params.id, request.body),
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
    (request) => fastify.measures.history(actorOf(request), request.params.id),
  )
}
export default measures
