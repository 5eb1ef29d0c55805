// A measure's submissions across rounds (registered under /api/measures): the proposals side by side for rating it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { IdParamsSchema, SubmissionListItemSchema } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const measureSubmissions: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/:id/submissions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['submissions'],
        summary: 'Every round’s submissions on a measure the caller may see: proposed statuses, reasons and texts',
        params: IdParamsSchema,
        response: { 200: Type.Array(SubmissionListItemSchema), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.submissions.listForMeasure(actorOf(request), request.params.id),
  )
}
export default measureSubmissions
