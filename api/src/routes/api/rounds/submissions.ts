// A round's submissions (registered under /api/rounds): start a draft, list what the caller may see.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  CreateSubmissionSchema,
  IdParamsSchema,
  RoleGroup,
  SubmissionListItemSchema,
  SubmissionQuerySchema,
  SubmissionSchema,
} from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const roundSubmissions: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/:id/submissions',
    {
      // Everyone who may write progress for some institution; which institution is checked per submission.
      config: { access: RoleGroup.writers },
      schema: {
        tags: ['submissions'],
        summary: 'Start a draft for one institution on one measure of the round',
        description:
          'One per round × measure × institution: 409 ALREADY_EXISTS when it exists (details.submissionId), 422 when the institution owes no report on that measure in this round, 409 ROUND_CLOSED when the round is closed.',
        params: IdParamsSchema,
        body: CreateSubmissionSchema,
        response: { 201: SubmissionSchema, ...errorResponses(...AUTHENTICATED, 404, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await fastify.submissions.create(actorOf(request), request.params.id, request.body)),
  )

  fastify.get(
    '/:id/submissions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['submissions'],
        summary: 'The round’s submissions the caller may see, each institution’s proposal side by side',
        description: 'Filters: measure (id), institution (code), state. Other institutions’ work in progress is left out.',
        params: IdParamsSchema,
        querystring: SubmissionQuerySchema,
        response: { 200: Type.Array(SubmissionListItemSchema), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.submissions.listForRound(actorOf(request), request.params.id, request.query),
  )
}
export default roundSubmissions
