// Surveys: list, detail, import and export of `survey/1`, and the builder — create, change, save the
// questionnaire, open, close, copy, delete. Responses and coding: ./responses.ts; results:
// ./results.ts; report.docx and responses.xlsx: ./outputs.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  CopySurveySchema,
  CreateSurveySchema,
  IdParamsSchema,
  ImportQuerySchema,
  RemindResultSchema,
  RemindSchema,
  RoleGroup,
  SaveQuestionnaireSchema,
  SurveyDocumentSchema,
  SurveyDryRunSchema,
  SurveyListItemSchema,
  SurveySchema,
  SurveyTransitionSchema,
  UpdateSurveySchema,
} from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import type { RouteOptions } from '../../index.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'
import { documentBody } from '../../../validation.js'

const VERSIONED = 'Send the survey’s `version` last read: 409 VERSION_CONFLICT when it moved.'

const surveys: FastifyPluginAsyncTypebox<RouteOptions> = async (fastify, { config }) => {
  fastify.get(
    '/',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['surveys'],
        summary: 'All surveys the caller may see',
        description: 'A draft only to those who manage it. `respondedCount` counts submitted responses.',
        response: { 200: Type.Array(SurveyListItemSchema), ...errorResponses(...AUTHENTICATED) },
      },
    },
    (request) => fastify.surveys.list(actorOf(request)),
  )

  fastify.post(
    '/import',
    {
      config: { access: RoleGroup.planManagers },
      bodyLimit: config.IMPORT_MAX_MB * 1024 * 1024,
      validatorCompiler: documentBody,
      schema: {
        tags: ['surveys'],
        summary: 'Import a whole survey (survey/1)',
        description:
          'Checks the whole document in one pass and refuses it with every problem at once: its schema, the questionnaire’s ids and parts, each response’s answers against their questions (unknown question ids, values of the wrong shape, option, row, column and category ids), one response per institution and only from the audience, institution codes used but neither listed nor registered, new institutions (administrators only), the coordinator (the importer’s own institution), the plan link (an existing plan and measure the importer manages), a free code. The refusal lists `errors` (JSON path, English) and `details.problems` (ImportProblem: stable `code` and `params`, `location` as a person reads the survey, e.g. section → question → option, or response → question → answer, the JSON `path`, a Latvian `message`). Its status is 400 VALIDATION_FAILED, unless every problem is of one kind: 422 UNKNOWN_INSTITUTIONS (`details.codes`), 422 INVALID_REFERENCE (the plan link), 409 ALREADY_EXISTS (a taken code), 403 (new institutions, another coordinator, a plan the importer does not manage). One transaction: a failed import leaves nothing behind. The survey is `closed` when the document brings responses, a `draft` otherwise. `dryRun=true` only checks.',
        querystring: ImportQuerySchema,
        body: SurveyDocumentSchema,
        response: { 200: SurveyDryRunSchema, 201: SurveySchema, ...errorResponses(...AUTHENTICATED, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request)
      if (request.query.dryRun) return reply.status(200).send(await fastify.surveys.dryRun(actor, request.body))
      return reply.status(201).send(await fastify.surveys.import(actor, request.body))
    },
  )

  fastify.post(
    '/',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['surveys'],
        summary: 'Create a survey (a draft)',
        description:
          'The draft is seen only by those who manage it until it opens. A plan coordinator may name only its own institution as coordinator (403). `audience`: institution codes, or `["municipalities"]` for every institution of kind municipality. Unknown codes: 422 UNKNOWN_INSTITUTIONS; an unknown plan or measure: 422 INVALID_REFERENCE; a code in use: 409 ALREADY_EXISTS; a questionnaire that breaks its rules: 400 naming each path.',
        body: CreateSurveySchema,
        response: { 201: SurveySchema, ...errorResponses(...AUTHENTICATED, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await fastify.surveys.create(actorOf(request), request.body)),
  )

  fastify.get(
    '/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['surveys'],
        summary: 'A survey with its questionnaire and audience',
        params: IdParamsSchema,
        response: { 200: SurveySchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.surveys.get(actorOf(request), request.params.id),
  )

  fastify.get(
    '/:id/export',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['surveys'],
        summary: 'The whole survey as survey/1',
        description:
          'The questionnaire, audience, responses (with their coding). Export → import → export gives the same document. The responses are those the caller may see: all for the survey’s coordinators, an institution’s own for its users, none for anyone else.',
        params: IdParamsSchema,
        response: { 200: SurveyDocumentSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) => {
      const document = await fastify.surveys.export(actorOf(request), request.params.id)
      const day = new Date().toISOString().slice(0, 10)
      return reply
        .header('content-disposition', `attachment; filename="${document.survey.code.replace(/[^\w.-]/g, '_')}-${day}.json"`)
        .send(document)
    },
  )

  fastify.patch(
    '/:id',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['surveys'],
        summary: 'Change a survey’s header, audience, plan link or narratives',
        description: `${VERSIONED} A closed survey answers 409 INVALID_TRANSITION, except for \`narratives\` alone (the coordinator’s text per question for the reports, written once the figures are in). An institution with a response stays in the audience (409 INVALID_TRANSITION). Narratives of unknown question ids: 400.`,
        params: IdParamsSchema,
        body: UpdateSurveySchema,
        response: { 200: SurveySchema, ...errorResponses(...AUTHENTICATED, 404, 409, 422) },
      },
    },
    (request) => fastify.surveys.update(actorOf(request), request.params.id, request.body),
  )

  fastify.put(
    '/:id/questionnaire',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['surveys'],
        summary: 'Save the whole questionnaire',
        description: `${VERSIONED} Every section and question at once; its rules (unique ids, the parts each type needs) broken: 400 naming each path. Once any response has answers only wording may change (texts, help, numbers, titles, labels, \`required\`, \`long\`, \`unit\`, categories): a question added, removed, or with another type, options, rows, columns or "other" choice, or a coding category in use removed, answers 409 INVALID_TRANSITION with \`details.questions\` naming each. A closed survey: 409 INVALID_TRANSITION.`,
        params: IdParamsSchema,
        body: SaveQuestionnaireSchema,
        response: { 200: SurveySchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    (request) => fastify.surveys.saveQuestionnaire(actorOf(request), request.params.id, request.body),
  )

  const transitions = {
    open: 'Open a draft or closed survey to its audience: needs at least one question and an audience',
    close: 'Close an open survey: answers stop (a reopened response stays correctable)',
  } as const
  for (const [step, summary] of Object.entries(transitions) as [keyof typeof transitions, string][]) {
    fastify.post(
      `/:id/${step}`,
      {
        config: { access: RoleGroup.planManagers },
        schema: {
          tags: ['surveys'],
          summary,
          description: `${VERSIONED} A survey in another state: 409 INVALID_TRANSITION.`,
          params: IdParamsSchema,
          body: SurveyTransitionSchema,
          response: { 200: SurveySchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
        },
      },
      (request) => fastify.surveys.transition(actorOf(request), request.params.id, step, request.body),
    )
  }

  fastify.post(
    '/:id/copy',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['surveys'],
        summary: 'Copy a survey as the next period’s draft',
        description:
          'The same questionnaire (with its coding categories), audience and plan link; no responses. The copy remembers its source (`copiedFromId`), so its results compare with it. A code in use: 409 ALREADY_EXISTS.',
        params: IdParamsSchema,
        body: CopySurveySchema,
        response: { 201: SurveySchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await fastify.surveys.copy(actorOf(request), request.params.id, request.body)),
  )

  fastify.delete(
    '/:id',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['surveys'],
        summary: 'Delete a draft survey nobody has answered',
        description: `${VERSIONED} An open or closed survey, or one with responses: 409 INVALID_TRANSITION (close it instead).`,
        params: IdParamsSchema,
        body: SurveyTransitionSchema,
        response: { 204: Type.Null({ description: 'Deleted' }), ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    async (request, reply) => {
      await fastify.surveys.remove(actorOf(request), request.params.id, request.body)
      return reply.status(204).send(null)
    },
  )

  fastify.post(
    '/:id/remind',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['surveys'],
        summary: 'Atgādināt kavētājiem: remind everyone still owing, now',
        description:
          'Every institution of the audience that has not submitted its response: its reporters (and, for a ministry itself, its coordinator) get a `reminder` notification (in the app, and by e-mail unless they turned it off) with the optional message. Each press is a new reminder. 202 with how many institutions and people were reminded. The survey’s coordinating institution only (403); 404 for an unknown survey.',
        params: IdParamsSchema,
        body: RemindSchema,
        response: { 202: RemindResultSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) => {
      const result = await fastify.reminders.remindSurvey(actorOf(request), request.params.id, request.body)
      return reply.code(202).send(result)
    },
  )
}
export default surveys
