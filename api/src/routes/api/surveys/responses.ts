// A survey's responses (registered under /api/surveys): one institution's answers — read, saved,
// submitted, reopened — and the coordinator's coding of free-text answers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  IdParamsSchema,
  QuestionCodingSchema,
  ResponseListItemSchema,
  ResponseTransitionSchema,
  RoleGroup,
  SaveCategoriesSchema,
  SaveResponseSchema,
  SetAnswerCodesSchema,
  SurveyQuestionParamsSchema,
  SurveyResponseParamsSchema,
  SurveyResponseSchema,
} from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import type { RouteOptions } from '../../index.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const responses: FastifyPluginAsyncTypebox<RouteOptions> = async (fastify) => {
  fastify.get(
    '/:id/responses',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['surveys'],
        summary: 'Every institution of the audience and where its response stands (the coordinator’s)',
        description: 'In audience order: missing, draft or submitted, late or not; the response rate live.',
        params: IdParamsSchema,
        response: { 200: Type.Array(ResponseListItemSchema), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.surveyResponses.list(actorOf(request), request.params.id),
  )

  fastify.get(
    '/:id/responses/:institution',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['surveys'],
        summary: 'One institution’s response',
        description:
          'The institution’s own users and the survey’s coordinator see it; another institution gets 403. `state: "missing"` with version 0 until the first save. 404 for an institution the survey does not ask, or a draft survey the caller may not see.',
        params: SurveyResponseParamsSchema,
        response: { 200: SurveyResponseSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.surveyResponses.get(actorOf(request), request.params.id, request.params.institution),
  )

  fastify.put(
    '/:id/responses/:institution',
    {
      config: { access: RoleGroup.filers },
      schema: {
        tags: ['surveys'],
        summary: 'Save the whole answers object (drafts autosave)',
        description:
          'Only the institution’s own reporters (and a ministry coordinator for the ministry itself), while the survey is open or after the coordinator reopened the response. `version` 0 creates the response; a stale one is 409. Every answer is checked against its question (400 naming each path). After the due date answers are still taken and marked late. `codes` are the coordinator’s: a save keeps the stored ones.',
        params: SurveyResponseParamsSchema,
        body: SaveResponseSchema,
        response: { 200: SurveyResponseSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    (request) => fastify.surveyResponses.save(actorOf(request), request.params.id, request.params.institution, request.body),
  )

  fastify.post(
    '/:id/responses/:institution/submit',
    {
      config: { access: RoleGroup.filers },
      schema: {
        tags: ['surveys'],
        summary: 'Submit the response',
        description:
          '422 SUBMISSION_INCOMPLETE lists every required question still unanswered; 409 when nothing is saved yet or it is submitted.',
        params: SurveyResponseParamsSchema,
        body: ResponseTransitionSchema,
        response: { 200: SurveyResponseSchema, ...errorResponses(...AUTHENTICATED, 404, 409, 422) },
      },
    },
    (request) => fastify.surveyResponses.submit(actorOf(request), request.params.id, request.params.institution, request.body),
  )

  fastify.post(
    '/:id/responses/:institution/reopen',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['surveys'],
        summary: 'Reopen a submitted response for correction (the survey’s coordinator)',
        description: 'The response becomes a draft again and stays answerable after the survey closes; it counts again once resubmitted.',
        params: SurveyResponseParamsSchema,
        body: ResponseTransitionSchema,
        response: { 200: SurveyResponseSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    (request) => fastify.surveyResponses.reopen(actorOf(request), request.params.id, request.params.institution, request.body),
  )

  fastify.put(
    '/:id/responses/:institution/codes',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['surveys'],
        summary: 'Code one answer’s free text (the survey’s coordinator)',
        description:
          'A text answer, or a choice answer’s "other" text. Codes must be categories of the question (400); `version` is the response’s (409 when stale); 422 when the response has no text for the question.',
        params: SurveyResponseParamsSchema,
        body: SetAnswerCodesSchema,
        response: { 200: SurveyResponseSchema, ...errorResponses(...AUTHENTICATED, 404, 409, 422) },
      },
    },
    (request) => fastify.surveyResponses.setCodes(actorOf(request), request.params.id, request.params.institution, request.body),
  )

  fastify.get(
    '/:id/questions/:question/answers',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['surveys'],
        summary: 'A question’s categories and every answer text to code (the coding screen, in one call)',
        description: 'In audience order, drafts included (marked by `state`), each with its response’s version for setting codes.',
        params: SurveyQuestionParamsSchema,
        response: { 200: QuestionCodingSchema, ...errorResponses(...AUTHENTICATED, 404, 422) },
      },
    },
    (request) => fastify.surveyResponses.codingOf(actorOf(request), request.params.id, request.params.question),
  )

  fastify.put(
    '/:id/questions/:question/categories',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['surveys'],
        summary: 'Replace a question’s coding categories (the survey’s coordinator)',
        description:
          'Versioned on the survey (`version` is the survey’s), allowed in every state of the survey. A category removed while answers use it is removed from those answers as well (each change audited); the answer is the question’s coding afterwards.',
        params: SurveyQuestionParamsSchema,
        body: SaveCategoriesSchema,
        response: { 200: QuestionCodingSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    (request) => fastify.surveyResponses.saveCategories(actorOf(request), request.params.id, request.params.question, request.body),
  )
}
export default responses
