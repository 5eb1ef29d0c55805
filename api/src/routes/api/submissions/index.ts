// Progress submissions (registered under /api): drafts, edits with the version read, and the review steps.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  CreateSubmissionSchema,
  IdParamsSchema,
  ReturnSubmissionSchema,
  Role,
  SubmissionListItemSchema,
  SubmissionQuerySchema,
  SubmissionSchema,
  SubmissionTransitionSchema,
  UpdateSubmissionSchema,
} from '@apt/shared'
import type { ReviewAction } from '../../../plugins/app/rounds/round-scope.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

/** Everyone who may write progress for some institution; the institution-level rule is checked per submission. */
const writers = { access: [Role.admin, Role.planCoordinator, Role.ministryCoordinator, Role.reporter] } as const

const STEPS: Record<Exclude<ReviewAction, 'return'>, { access: readonly Role[]; summary: string; description: string }> = {
  submit: {
    access: writers.access,
    summary: 'Hand in a draft or a returned submission',
    description:
      'Whoever may write for the institution. Needs text, a proposed status other than pending, and a reason (422 listing what is missing). The round must be open, except for a returned submission.',
  },
  endorse: {
    access: [Role.ministryCoordinator],
    summary: 'Endorse a submitted submission (ministry coordinator of its sector)',
    description: 'submitted → endorsed, for the ministry coordinator whose sector holds the institution.',
  },
  accept: {
    access: [Role.admin, Role.planCoordinator],
    summary: 'Accept a submission (plan coordinator): its text becomes the measure’s next progress entry',
    description:
      'submitted or endorsed → accepted; in the same transaction the text is appended to the measure’s progress with the round’s period.',
  },
}

const submissions: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/rounds/:id/submissions',
    {
      config: writers,
      schema: {
        tags: ['submissions'],
        summary: 'Start a draft for one institution on one measure of the round',
        description:
          'One per round × measure × institution: 409 ALREADY_EXISTS when it exists (details.submissionId), 422 when the institution owes no report on that measure in this round, 409 ROUND_CLOSED when the round is closed.',
        params: IdParamsSchema,
        body: CreateSubmissionSchema,
        response: { 201: SubmissionSchema, ...errorResponses(...AUTHENTICATED, 404, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await fastify.submissions.create(request, request.params.id, request.body)),
  )

  fastify.get(
    '/rounds/:id/submissions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['submissions'],
        summary: 'The round’s submissions the caller may see, each institution’s proposal side by side',
        description: 'Filters: measure (id), institution (code), state. Other institutions’ work in progress is left out.',
        params: IdParamsSchema,
        querystring: SubmissionQuerySchema,
        response: { 200: Type.Array(SubmissionListItemSchema), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.submissions.listForRound(request, request.params.id, request.query),
  )

  fastify.get(
    '/measures/:id/submissions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['submissions'],
        summary: 'Every round’s submissions on a measure the caller may see: proposed statuses, reasons and texts',
        params: IdParamsSchema,
        response: { 200: Type.Array(SubmissionListItemSchema), ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.submissions.listForMeasure(request, request.params.id),
  )

  fastify.get(
    '/submissions/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['submissions'],
        summary: 'A submission with its evidence list (no bytes) and the return comment',
        description: '403 for a submission the caller may not see (e.g. another institution’s draft).',
        params: IdParamsSchema,
        response: { 200: SubmissionSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    (request) => fastify.submissions.get(request, request.params.id),
  )

  fastify.patch(
    '/submissions/:id',
    {
      config: writers,
      schema: {
        tags: ['submissions'],
        summary: 'Edit a draft or returned submission',
        description:
          'Send the `version` last read: 409 VERSION_CONFLICT when someone changed it meanwhile; 409 INVALID_TRANSITION once handed in.',
        params: IdParamsSchema,
        body: UpdateSubmissionSchema,
        response: { 200: SubmissionSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    (request) => fastify.submissions.update(request, request.params.id, request.body),
  )

  for (const [action, step] of Object.entries(STEPS) as [keyof typeof STEPS, (typeof STEPS)[keyof typeof STEPS]][]) {
    fastify.post(
      `/submissions/:id/${action}`,
      {
        config: { access: step.access },
        schema: {
          tags: ['submissions'],
          summary: step.summary,
          description: `${step.description} Send the \`version\` last read (409 VERSION_CONFLICT when stale); 409 INVALID_TRANSITION from a state this step does not start from; 403 for the wrong person.`,
          params: IdParamsSchema,
          body: SubmissionTransitionSchema,
          response: { 200: SubmissionSchema, ...errorResponses(...AUTHENTICATED, 404, 409, ...(action === 'submit' ? [422] : [])) },
        },
      },
      (request) => fastify.submissions.transition(request, request.params.id, action, request.body),
    )
  }

  fastify.post(
    '/submissions/:id/return',
    {
      config: { access: [Role.admin, Role.planCoordinator, Role.ministryCoordinator] },
      schema: {
        tags: ['submissions'],
        summary: 'Return a submission to its institution with a comment',
        description:
          'The sector’s ministry coordinator from submitted, the plan coordinator from submitted or endorsed. The submission becomes editable again with the comment visible. Send the `version` last read.',
        params: IdParamsSchema,
        body: ReturnSubmissionSchema,
        response: { 200: SubmissionSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    (request) => fastify.submissions.transition(request, request.params.id, 'return', request.body),
  )
}
export default submissions
