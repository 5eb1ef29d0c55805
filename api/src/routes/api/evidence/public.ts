// Marking evidence public (registered under /api/evidence): downloadable from the published plan.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { EvidencePublicitySchema, IdParamsSchema, MarkPublicSchema, RoleGroup } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const evidencePublic: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.put(
    '/:id/public',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['evidence', 'publishing'],
        summary: 'Mark an evidence file public (or not): downloadable from the published plan’s pages (the plan’s coordinator)',
        description:
          'Only a file (not a link) of an accepted submission: 409 INVALID_TRANSITION otherwise. Its name, size and type become public with it.',
        params: IdParamsSchema,
        body: MarkPublicSchema,
        response: { 200: EvidencePublicitySchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    (request) => fastify.publishing.markEvidence(actorOf(request), request.params.id, request.body.public),
  )
}
export default evidencePublic
