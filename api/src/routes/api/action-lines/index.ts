// Action lines of a plan (the plan editor): change or move one, remove it, add a measure to it.
// Created under /api/plans/:id/action-lines (../plans/editor.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  CreateMeasureSchema,
  DeleteRecordSchema,
  EditorActionLineSchema,
  IdParamsSchema,
  MeasureSchema,
  RoleGroup,
  UpdateActionLineSchema,
} from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import type { RouteOptions } from '../../index.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const AMENDMENT =
  'On an active plan the change is an amendment: `reason` is required (400 REASON_REQUIRED). A closed plan answers 409 PLAN_CLOSED.'

const actionLines: FastifyPluginAsyncTypebox<RouteOptions> = async (fastify) => {
  fastify.patch(
    '/:id',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['plan editor'],
        summary: 'Change an action line, or move it (`position`)',
        description: `Send the action line's \`version\` last read (409 when it moved); a number in use: 409 ALREADY_EXISTS. ${AMENDMENT}`,
        params: IdParamsSchema,
        body: UpdateActionLineSchema,
        response: { 200: EditorActionLineSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    (request) => fastify.planEditor.updateActionLine(actorOf(request), request.params.id, request.body),
  )

  fastify.delete(
    '/:id',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['plan editor'],
        summary: 'Remove an action line with its measures',
        description: `409 MEASURE_HAS_WORK, naming them, when any of its measures has submissions or progress: exclude those by an amendment instead. ${AMENDMENT}`,
        params: IdParamsSchema,
        body: DeleteRecordSchema,
        response: { 204: Type.Null({ description: 'Removed' }), ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    async (request, reply) => {
      await fastify.planEditor.deleteActionLine(actorOf(request), request.params.id, request.body)
      return reply.status(204).send(null)
    },
  )

  fastify.post(
    '/:id/measures',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['plan editor'],
        summary: 'Add a measure to the action line',
        description: `Institutions by code (unknown: 422 UNKNOWN_INSTITUTIONS); a number in use in the plan: 409 ALREADY_EXISTS. At \`position\` among the line's measures, or at the end. \`planVersion\`: the plan's version last read. ${AMENDMENT}`,
        params: IdParamsSchema,
        body: CreateMeasureSchema,
        response: { 201: MeasureSchema, ...errorResponses(...AUTHENTICATED, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await fastify.planEditor.createMeasure(actorOf(request), request.params.id, request.body)),
  )
}
export default actionLines
