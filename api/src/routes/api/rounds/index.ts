// Reporting rounds (registered under /api/rounds): read by everyone logged in, closed by the plan's coordinator.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CompletenessSchema, IdParamsSchema, RoleGroup, RoundSchema } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const rounds: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['rounds'],
        summary: 'A round with the measures it asks about',
        params: IdParamsSchema,
        response: { 200: RoundSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.rounds.get(actorOf(request), request.params.id),
  )

  fastify.post(
    '/:id/close',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['rounds'],
        summary: 'Close a round',
        description:
          'No new drafts, and drafts never handed in can no longer be edited or submitted. Reviewing goes on, and a submission returned for correction can still be corrected and resubmitted. 409 INVALID_TRANSITION when already closed.',
        params: IdParamsSchema,
        response: { 200: RoundSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    (request) => fastify.rounds.close(actorOf(request), request.params.id),
  )

  fastify.get(
    '/:id/completeness',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['rounds'],
        summary: 'Who owes what: every institution × measure with its state, totals, and who is late',
        description:
          'State per owed item: missing, draft, submitted, endorsed, returned or accepted. After the due date (Latvian calendar day) items still missing, draft or returned are late.',
        params: IdParamsSchema,
        response: { 200: CompletenessSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.rounds.completeness(actorOf(request), request.params.id),
  )
}
export default rounds
