// Progress submissions (registered under /api/submissions): read, edit with the version read, the review
// steps, the comment thread and undoing an acceptance.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  IdParamsSchema,
  ReturnSubmissionSchema,
  RoleGroup,
  SubmissionCommentSchema,
  SubmissionEventSchema,
  SubmissionSchema,
  SubmissionTransitionSchema,
  UnacceptSubmissionSchema,
  UpdateSubmissionSchema,
  type ReviewStep,
} from '@apt/shared'
import type { AccessRule } from '../../../plugins/app/auth/access.js'
import { actorOf } from '../../../plugins/app/auth/actor.js'
import { AUTHENTICATED, errorResponses } from '../../responses.js'

const STEPS: Record<Exclude<ReviewStep, 'return'>, { access: AccessRule; summary: string; description: string }> = {
  submit: {
    access: RoleGroup.writers,
    summary: 'Hand in a draft or a returned submission',
    description:
      'Whoever may write for the institution. Needs text, a proposed status other than pending, and a reason (422 SUBMISSION_INCOMPLETE listing what is missing). The round must be open, except for a returned submission.',
  },
  endorse: {
    access: RoleGroup.sectorReviewers,
    summary: 'Endorse a submitted submission (ministry coordinator of its sector)',
    description: 'submitted → endorsed, for the ministry coordinator whose sector holds the institution.',
  },
  accept: {
    access: RoleGroup.planManagers,
    summary: 'Accept a submission (plan coordinator): its text becomes the measure’s next progress entry',
    description:
      'submitted or endorsed → accepted; in the same transaction the text is appended to the measure’s progress with the round’s period.',
  },
}

const submissions: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/:id',
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
    (request) => fastify.submissions.get(actorOf(request), request.params.id),
  )

  fastify.patch(
    '/:id',
    {
      config: { access: RoleGroup.writers },
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
    (request) => fastify.submissions.update(actorOf(request), request.params.id, request.body),
  )

  for (const [step, route] of Object.entries(STEPS) as [keyof typeof STEPS, (typeof STEPS)[keyof typeof STEPS]][]) {
    fastify.post(
      `/:id/${step}`,
      {
        config: { access: route.access },
        schema: {
          tags: ['submissions'],
          summary: route.summary,
          description: `${route.description} Send the \`version\` last read (409 VERSION_CONFLICT when stale); 409 INVALID_TRANSITION from a state this step does not start from; 403 for the wrong person.`,
          params: IdParamsSchema,
          body: SubmissionTransitionSchema,
          response: { 200: SubmissionSchema, ...errorResponses(...AUTHENTICATED, 404, 409, ...(step === 'submit' ? [422] : [])) },
        },
      },
      (request) => fastify.submissions.transition(actorOf(request), request.params.id, step, request.body),
    )
  }

  fastify.post(
    '/:id/return',
    {
      config: { access: RoleGroup.reviewers },
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
    (request) => fastify.submissions.transition(actorOf(request), request.params.id, 'return', request.body),
  )

  fastify.post(
    '/:id/comments',
    {
      config: { access: RoleGroup.writers },
      schema: {
        tags: ['submissions'],
        summary: 'Write in a submission’s comment thread (its institution and its reviewers)',
        description:
          'Whoever may write for the submission’s institution: its reporters, the sector’s ministry coordinator, the plan’s coordinators (403 for anyone else). The comment joins the submission’s `timeline`, is audited, and the other side is notified (`comment`): a comment from the institution goes to its reviewers, a reviewer’s to the submission’s author and its institution’s reporters. Any state, any round; no version needed.',
        params: IdParamsSchema,
        body: SubmissionCommentSchema,
        response: { 201: SubmissionEventSchema, ...errorResponses(...AUTHENTICATED, 404) },
      },
    },
    async (request, reply) => reply.code(201).send(await fastify.submissions.comment(actorOf(request), request.params.id, request.body)),
  )

  fastify.post(
    '/:id/unaccept',
    {
      config: { access: RoleGroup.planManagers },
      schema: {
        tags: ['submissions'],
        summary: 'Undo an acceptance with a reason (plan coordinator)',
        description:
          'accepted → endorsed (or submitted, when it was accepted without the ministry’s endorsement), while the round is open (409 ROUND_CLOSED after). The progress entry the acceptance appended to the measure is removed; the audit row keeps it and the reason. Send the `version` last read (409 VERSION_CONFLICT when stale); 409 INVALID_TRANSITION when not accepted; 403 for anyone but the plan’s coordinators.',
        params: IdParamsSchema,
        body: UnacceptSubmissionSchema,
        response: { 200: SubmissionSchema, ...errorResponses(...AUTHENTICATED, 404, 409) },
      },
    },
    (request) => fastify.submissions.unaccept(actorOf(request), request.params.id, request.body),
  )
}
export default submissions
