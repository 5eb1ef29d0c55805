// Reporting rounds (registered under /api): opened on a plan, read by everyone logged in, closed by the plan's coordinator.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  CompletenessSchema,
  CreateRoundSchema,
  IdParamsSchema,
  MyWorkItemSchema,
  Role,
  RoundListItemSchema,
  RoundSchema,
} from '@apt/shared'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const planManagers = { access: [Role.admin, Role.planCoordinator] } as const

const rounds: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/plans/:id/rounds',
    {
      config: planManagers,
      schema: {
        tags: ['rounds'],
        summary: 'Open a reporting round on a plan',
        description:
          'The plan’s coordinator (or an admin) asks for progress on the measures named, by default every measure not yet rated done. Every responsible and involved institution of each measure owes its own text.',
        params: IdParamsSchema,
        body: CreateRoundSchema,
        response: { 201: RoundSchema, ...errorResponses(...AUTHENTICATED, 404, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await fastify.rounds.open(request, request.params.id, request.body)),
  )

  fastify.get(
    '/plans/:id/rounds',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['rounds'],
        summary: 'A plan’s rounds, newest first, with their completeness counts',
        params: IdParamsSchema,
        response: { 200: Type.Array(RoundListItemSchema), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.rounds.list(request.params.id),
  )

  fastify.get(
    '/rounds/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['rounds'],
        summary: 'A round with the measures it asks about',
        params: IdParamsSchema,
        response: { 200: RoundSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.rounds.get(request.params.id),
  )

  fastify.post(
    '/rounds/:id/close',
    {
      config: planManagers,
      schema: {
        tags: ['rounds'],
        summary: 'Close a round',
        description:
          'No new drafts, and drafts never handed in can no longer be edited or submitted. Reviewing goes on, and a submission returned for correction can still be corrected and resubmitted. 409 INVALID_TRANSITION when already closed.',
        params: IdParamsSchema,
        response: { 200: RoundSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    (request) => fastify.rounds.close(request, request.params.id),
  )

  fastify.get(
    '/rounds/:id/completeness',
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
    (request) => fastify.rounds.completeness(request.params.id),
  )

  fastify.get(
    '/my/work',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['rounds'],
        summary: 'What the caller owes in open rounds, overdue first',
        description:
          'Every open round × measure × institution the caller may report for (a reporter its institution, a ministry coordinator its sector, a plan coordinator its plans), with the submission state or "missing".',
        response: { 200: Type.Array(MyWorkItemSchema), ...errorResponses(...AUTHENTICATED) },
      },
    },
    (request) => fastify.rounds.myWork(request),
  )
}
export default rounds
