// A plan's reporting rounds (registered under /api/plans): opened by the plan's coordinator, listed for everyone logged in.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { CreateRoundSchema, IdParamsSchema, RoleGroup, RoundListItemSchema, RoundSchema, RoundWarningsSchema } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const planRounds: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/:id/rounds',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['rounds'],
        summary: 'Open a reporting round on a plan',
        description:
          'The plan’s coordinator (or an admin) asks for progress on the measures named, by default every measure not yet rated done. Every responsible and involved institution of each measure owes its own text.',
        params: IdParamsSchema,
        body: CreateRoundSchema,
        response: { 201: RoundSchema, ...errorResponses(...AUTHENTICATED, 404, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await fastify.rounds.open(actorOf(request), request.params.id, request.body)),
  )

  fastify.post(
    '/:id/rounds/check',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['rounds'],
        summary: 'What opening a round would cause, before it is saved',
        description:
          'Takes the body of POST /api/plans/{id}/rounds and saves nothing. Warnings, not errors: `due_in_past` (every institution would be late at once) and `overlap`, one per open round of the plan that already asks about some of the same measures (their institutions would owe two reports on each), listing those measures. Opening the round anyway is allowed. The same access and the same errors as opening it.',
        params: IdParamsSchema,
        body: CreateRoundSchema,
        response: { 200: RoundWarningsSchema, ...errorResponses(...AUTHENTICATED, 404, 409, 422) },
      },
    },
    (request) => fastify.rounds.check(actorOf(request), request.params.id, request.body),
  )

  fastify.get(
    '/:id/rounds',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['rounds'],
        summary: 'A plan’s rounds, newest first, with their completeness counts',
        params: IdParamsSchema,
        response: { 200: Type.Array(RoundListItemSchema), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.rounds.list(actorOf(request), request.params.id),
  )
}
export default planRounds
