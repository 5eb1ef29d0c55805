// Measures: detail, edit (the plan's coordinator), status history; the plan editor's move, exclude
// and delete. A plan's list is /api/plans/:id/measures; a new measure is added to its action line.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  DeleteRecordSchema,
  ExcludeMeasureSchema,
  IdParamsSchema,
  MeasureSchema,
  MoveMeasureSchema,
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
        description:
          'Send the `version` last read: 409 when someone changed the measure meanwhile. A status change needs a `reason`, and reviews the assessment: when the measure has one, send the rewritten `assessment` or `keepAssessment: true` (else 409 ASSESSMENT_REVIEW_REQUIRED, `details.field` `/assessment`). A number in use: 409 ALREADY_EXISTS naming it in `details`; a draft plan’s measures are rated once it is active (409 INVALID_TRANSITION). A closed plan answers 409 PLAN_CLOSED.',
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

  const AMENDMENT =
    'Send the measure’s `version` last read. On an active plan the change is an amendment: `reason` is required (400 REASON_REQUIRED). A closed plan answers 409 PLAN_CLOSED.'

  fastify.post(
    '/:id/move',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['plan editor'],
        summary: 'Move a measure to another action line of its plan and/or another place',
        description: `\`position\`: 0-based among the target line's measures. An action line of another plan: 422 INVALID_REFERENCE. ${AMENDMENT}`,
        params: IdParamsSchema,
        body: MoveMeasureSchema,
        response: { 200: MeasureSchema, ...errorResponses(...AUTHENTICATED, 404, 409, 422) },
      },
    },
    (request) => fastify.planEditor.moveMeasure(actorOf(request), request.params.id, request.body),
  )

  fastify.post(
    '/:id/exclude',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['plan editor'],
        summary: 'Mark a measure excluded by an amendment (act and date), or take that back with null',
        description: `An excluded measure stays in the plan and its exports, is left out of every count and is shown as excluded in the report. ${AMENDMENT}`,
        params: IdParamsSchema,
        body: ExcludeMeasureSchema,
        response: { 200: MeasureSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    (request) => fastify.planEditor.excludeMeasure(actorOf(request), request.params.id, request.body),
  )

  fastify.delete(
    '/:id',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['plan editor'],
        summary: 'Remove a measure',
        description: `A measure with submissions or progress answers 409 MEASURE_HAS_WORK: exclude it by an amendment instead. ${AMENDMENT}`,
        params: IdParamsSchema,
        body: DeleteRecordSchema,
        response: { 204: Type.Null({ description: 'Removed' }), ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    async (request, reply) => {
      await fastify.planEditor.deleteMeasure(actorOf(request), request.params.id, request.body)
      return reply.status(204).send(null)
    },
  )
}
export default measures
