// Review in bulk (registered under /api/reviews): endorse or accept many submissions from the review list.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { BulkReviewResultSchema, BulkReviewSchema, RoleGroup } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const reviews: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/bulk',
    {
      config: { access: RoleGroup.reviewers },
      schema: {
        tags: ['submissions'],
        summary: 'Endorse or accept many submissions, each on its own',
        description:
          'Each item `{ id, version }` is taken as its own step (POST /api/submissions/{id}/endorse or /accept with the optional `comment`): its own transaction, audit row and timeline row. One that is stale (VERSION_CONFLICT), not in a state the step starts from (INVALID_TRANSITION), not the caller’s to review (FORBIDDEN) or missing (NOT_FOUND) is reported in its result and does not stop the others. 200 with one result per item, in order.',
        body: BulkReviewSchema,
        response: { 200: BulkReviewResultSchema, ...errorResponses(...AUTHENTICATED) },
      },
    },
    (request) => fastify.submissions.bulk(actorOf(request), request.body),
  )
}
export default reviews
