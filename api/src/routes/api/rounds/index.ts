// Reporting rounds (registered under /api/rounds): read by everyone logged in, closed by the plan's coordinator.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  CompletenessQuerySchema,
  CompletenessSchema,
  IdParamsSchema,
  RemindResultSchema,
  RemindSchema,
  RoleGroup,
  RoundSchema,
} from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { AUTHENTICATED, errorResponses, sendSerialized } from '../../responses.js'

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
          'State per owed item: missing, draft, submitted, endorsed, returned or accepted. After the due date (Latvian calendar day) items still missing, draft or returned are late. `view=summary`: the same without `items`.',
        params: IdParamsSchema,
        querystring: CompletenessQuerySchema,
        response: { 200: CompletenessSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) =>
      sendSerialized(
        reply,
        await fastify.rounds.completeness(
          actorOf(request),
          request.params.id,
          request.query,
          (completeness) => reply.serialize(completeness) as string,
        ),
      ),
  )

  fastify.post(
    '/:id/remind',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['rounds'],
        summary: 'Atgādināt kavētājiem: remind everyone still owing, now',
        description:
          'Every institution with something not handed in (missing, draft or returned): its reporters (and, for a ministry itself, its coordinator) get a `reminder` notification (in the app, and by e-mail unless they turned it off) with the optional message. Each press is a new reminder. 202 with how many institutions and people were reminded. The plan’s coordinating institution only (403); 404 for an unknown round.',
        params: IdParamsSchema,
        body: RemindSchema,
        response: { 202: RemindResultSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) => {
      const result = await fastify.reminders.remindRound(actorOf(request), request.params.id, request.body)
      return reply.code(202).send(result)
    },
  )
}
export default rounds
