// A survey's results (registered under /api/surveys): the tally, live, with the previous period's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParamsSchema, RoleGroup, SurveyResultsSchema } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import type { RouteOptions } from '../../index.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const results: FastifyPluginAsyncTypebox<RouteOptions> = async (fastify) => {
  fastify.get(
    '/:id/results',
    {
      config: { access: RoleGroup.reportReaders },
      schema: {
        tags: ['surveys'],
        summary: 'The survey’s results: per question who answered, counts, shares, institutions, sums',
        description:
          'Counts are of submitted responses only, institutions in audience order; a yes/no question reports the options `yes` and `no`. `notResponded` and `late` are live. `previous` holds the same figures of the survey this one was copied from. For the survey’s coordinator and report readers (not of a draft).',
        params: IdParamsSchema,
        response: { 200: SurveyResultsSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.surveyResults.get(actorOf(request), request.params.id),
  )
}
export default results
