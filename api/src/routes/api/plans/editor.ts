// The plan editor under /api/plans: create a draft, change its fields, move it through draft →
// active → closed (an admin reopens), read its structure, renumber it, add action lines. Action
// lines and measures themselves: ../action-lines/index.ts and ../measures/index.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  CreateActionLineSchema,
  CreatePlanSchema,
  EditorActionLineSchema,
  IdParamsSchema,
  PlanSchema,
  PlanStructureSchema,
  PlanTransitionSchema,
  RenumberPlanSchema,
  RoleGroup,
  UpdatePlanSchema,
} from '@apt/shared'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import type { RouteOptions } from '../../index.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const AMENDMENT =
  'On an active plan the change is an amendment: `reason` is required (400 REASON_REQUIRED). A closed plan answers 409 PLAN_CLOSED.'

const editor: FastifyPluginAsyncTypebox<RouteOptions> = async (fastify) => {
  fastify.post(
    '/',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['plan editor'],
        summary: 'Create a plan (a draft)',
        description:
          'The draft is seen only by those who manage it until it is activated. A plan coordinator may name only its own institution as coordinator (403). Unknown coordinator: 422 UNKNOWN_INSTITUTIONS; a code in use: 409 ALREADY_EXISTS.',
        body: CreatePlanSchema,
        response: { 201: PlanSchema, ...errorResponses(...AUTHENTICATED, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await fastify.planEditor.create(actorOf(request), request.body)),
  )

  fastify.patch(
    '/:id',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['plan editor'],
        summary: 'Change a plan’s fields',
        description: `Send the plan's \`version\` last read: 409 VERSION_CONFLICT when it moved. ${AMENDMENT}`,
        params: IdParamsSchema,
        body: UpdatePlanSchema,
        response: { 200: PlanSchema, ...errorResponses(...AUTHENTICATED, 404, 409, 422) },
      },
    },
    (request) => fastify.planEditor.update(actorOf(request), request.params.id, request.body),
  )

  const transitions = {
    activate: 'Activate a draft (approved): needs at least one action line and one measure',
    close: 'Close an active plan (reported): read-only from then on; its open rounds must be closed first',
    reopen: 'Reopen a closed plan (administrators, with a reason)',
  } as const
  for (const [step, summary] of Object.entries(transitions) as [keyof typeof transitions, string][]) {
    fastify.post(
      `/:id/${step}`,
      {
        config: { access: step === 'reopen' ? RoleGroup.admins : RoleGroup.planManagers },
        schema: {
          tags: ['plan editor'],
          summary,
          description: 'Send the plan’s `version` last read. A plan in another state: 409 INVALID_TRANSITION.',
          params: IdParamsSchema,
          body: PlanTransitionSchema,
          response: { 200: PlanSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
        },
      },
      (request) => fastify.planEditor.transition(actorOf(request), request.params.id, step, request.body),
    )
  }

  fastify.get(
    '/:id/structure',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['plan editor'],
        summary: 'The plan’s action lines with their measures, in order',
        description: 'Each measure says whether it has work (submissions or progress): such a measure cannot be deleted, only excluded.',
        params: IdParamsSchema,
        response: { 200: PlanStructureSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.planEditor.structure(actorOf(request), request.params.id),
  )

  fastify.post(
    '/:id/renumber',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['plan editor'],
        summary: 'Renumber action lines 1…n and measures L.1…L.k in their order',
        description: `Source numbers (\`sourceRef\`) stay. Send the plan's \`version\` last read. ${AMENDMENT}`,
        params: IdParamsSchema,
        body: RenumberPlanSchema,
        response: { 200: PlanStructureSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    (request) => fastify.planEditor.renumber(actorOf(request), request.params.id, request.body),
  )

  fastify.post(
    '/:id/action-lines',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['plan editor'],
        summary: 'Add an action line',
        description: `At \`position\` (0-based) among the plan's action lines, or at the end. \`planVersion\`: the plan's version last read (409 when it moved); a number in use: 409 ALREADY_EXISTS. ${AMENDMENT}`,
        params: IdParamsSchema,
        body: CreateActionLineSchema,
        response: { 201: EditorActionLineSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await fastify.planEditor.createActionLine(actorOf(request), request.params.id, request.body)),
  )
}
export default editor
