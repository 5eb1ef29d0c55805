// The caller's own queues (registered under /api/my): what it owes, and what waits for its review.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { MyWorkEntrySchema, ReviewCountSchema, ReviewQueueQuerySchema, ReviewQueueSchema, RoleGroup } from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const my: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/work',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['rounds'],
        summary: 'What the caller owes in open rounds and surveys, overdue first',
        description:
          'Every open round × measure × institution the caller may report for (a reporter its institution, a ministry coordinator its sector, a plan coordinator its plans), with the submission state or "missing" (`kind: "round"`); and every survey the caller’s own institution is asked to answer and has not submitted — open, or reopened for it after closing — with the response state "missing" or "draft" (`kind: "survey"`, reporters and ministry coordinators only).',
        response: { 200: Type.Array(MyWorkEntrySchema), ...errorResponses(...AUTHENTICATED) },
      },
    },
    (request) => fastify.work.myWork(actorOf(request)),
  )

  fastify.get(
    '/review',
    {
      config: { access: RoleGroup.reviewers },
      schema: {
        tags: ['submissions'],
        summary: 'What waits for the caller’s endorsement or acceptance across open rounds, with counts per round',
        description:
          'A ministry coordinator: its sector’s submitted submissions. A plan coordinator: submitted and endorsed submissions of the plans it coordinates; an admin: of every plan. Closed rounds are left out. `total` and `rounds` (with counts) are always the whole queue; `items` only those matching `plan`, `round`, `institution` (its code, that institution only) and `state`, sorted by `sort`: `oldest` / `newest` handed in first, `measure` (plan, measure number, round, then the measure’s own order of institutions), `institution` (its code, then by measure); without `sort`, endorsed first, then the longest waiting.',
        querystring: ReviewQueueQuerySchema,
        response: { 200: ReviewQueueSchema, ...errorResponses(...AUTHENTICATED) },
      },
    },
    (request) => fastify.work.reviewQueue(actorOf(request), request.query),
  )

  fastify.get(
    '/review/count',
    {
      config: { access: RoleGroup.reviewers },
      schema: {
        tags: ['submissions'],
        summary: 'How many submissions wait for the caller’s endorsement or acceptance (the review queue’s total)',
        description:
          'The same count as `total` of `GET /api/my/review`, without the queue: the header’s badge. Counted per round, institution and state in one query, whatever the number of submissions.',
        response: { 200: ReviewCountSchema, ...errorResponses(...AUTHENTICATED) },
      },
    },
    (request) => fastify.work.reviewCount(actorOf(request)),
  )
}
export default my
