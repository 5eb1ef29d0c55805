// Publishing a survey's results (registered under /api/surveys): state, publish, unpublish.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParamsSchema, PublishSurveyResultsSchema, RoleGroup, SurveyPublicationSchema } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const publishing: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/:id/publication',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['publishing'],
        summary: 'Whether the survey’s results are published, which free texts with them, and whether the caller may publish them',
        params: IdParamsSchema,
        response: { 200: SurveyPublicationSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.publishing.survey(actorOf(request), request.params.id),
  )

  fastify.post(
    '/:id/publish',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['publishing'],
        summary: 'Publish a closed survey’s aggregate results under its plan (its coordinator)',
        description:
          'Public: per question how many answered and, per option and category, the count and share; sums, means, medians, table cells. Never who answered what, nor who did not answer. Free texts (text answers, "other" texts) only of the questions in `publicTextQuestions`, without their authors. Publishing again replaces that list. A survey not closed, or serving no plan: 409 INVALID_TRANSITION; a listed question without free text: 422 INVALID_REFERENCE. The results are public while the plan is published too.',
        params: IdParamsSchema,
        body: PublishSurveyResultsSchema,
        response: { 200: SurveyPublicationSchema, ...errorResponses(...AUTHENTICATED, 404, 409, 422) },
      },
    },
    (request) => fastify.publishing.publishSurvey(actorOf(request), request.params.id, request.body),
  )

  fastify.post(
    '/:id/unpublish',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['publishing'],
        summary: 'Take a survey’s published results down (its coordinator)',
        params: IdParamsSchema,
        response: { 200: SurveyPublicationSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.publishing.unpublishSurvey(actorOf(request), request.params.id),
  )
}
export default publishing
