// Every route of the API, one folder per resource.
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import audit from './api/audit/index.js'
import auth from './api/auth/index.js'
import authOidc from './api/auth/oidc.js'
import health from './api/health/index.js'
import institutions from './api/institutions/index.js'
import measures from './api/measures/index.js'
import actionLines from './api/action-lines/index.js'
import plans from './api/plans/index.js'
import users from './api/users/index.js'
import planRounds from './api/plans/rounds.js'
import measureSubmissions from './api/measures/submissions.js'
import rounds from './api/rounds/index.js'
import roundSubmissions from './api/rounds/submissions.js'
import submissions from './api/submissions/index.js'
import submissionEvidence from './api/submissions/evidence.js'
import evidence from './api/evidence/index.js'
import reviews from './api/reviews/index.js'
import my from './api/my/index.js'
import myNotifications from './api/my/notifications.js'
import adminOutbox from './api/admin/outbox.js'
import surveys from './api/surveys/index.js'
import surveyResponses from './api/surveys/responses.js'
import surveyResults from './api/surveys/results.js'
import surveyOutputs from './api/surveys/outputs.js'
import planPublishing from './api/plans/publishing.js'
import surveyPublishing from './api/surveys/publishing.js'
import evidencePublic from './api/evidence/public.js'
import adminOpenData from './api/admin/open-data.js'
import openData from '../plugins/public/open-data/index.js'

export interface RouteOptions {
  config: Config
}

export async function registerRoutes(fastify: FastifyInstance, opts: RouteOptions) {
  await fastify.register(health, { prefix: '/api/health' })
  await fastify.register(auth, { prefix: '/api/auth', ...opts })
  await fastify.register(authOidc, { prefix: '/api/auth', ...opts })
  await fastify.register(users, { prefix: '/api/users' })
  await fastify.register(audit, { prefix: '/api/audit' })
  await fastify.register(institutions, { prefix: '/api/institutions' })
  await fastify.register(plans, { prefix: '/api/plans', ...opts })
  await fastify.register(measures, { prefix: '/api/measures' })
  await fastify.register(actionLines, { prefix: '/api/action-lines', ...opts })
  await fastify.register(planRounds, { prefix: '/api/plans' })
  await fastify.register(measureSubmissions, { prefix: '/api/measures' })
  await fastify.register(rounds, { prefix: '/api/rounds' })
  await fastify.register(roundSubmissions, { prefix: '/api/rounds' })
  await fastify.register(submissions, { prefix: '/api/submissions' })
  await fastify.register(submissionEvidence, { prefix: '/api/submissions', ...opts })
  await fastify.register(evidence, { prefix: '/api/evidence' })
  await fastify.register(reviews, { prefix: '/api/reviews' })
  await fastify.register(my, { prefix: '/api/my' })
  await fastify.register(myNotifications, { prefix: '/api/my' })
  await fastify.register(adminOutbox, { prefix: '/api/admin' })
  // Surveys: the questionnaire and its life (./api/surveys/index.ts), responses and coding
  // (responses.ts), tallies (results.ts), report.docx and responses.xlsx (outputs.ts).
  await fastify.register(surveys, { prefix: '/api/surveys', ...opts })
  await fastify.register(surveyResponses, { prefix: '/api/surveys', ...opts })
  await fastify.register(surveyResults, { prefix: '/api/surveys', ...opts })
  await fastify.register(surveyOutputs, { prefix: '/api/surveys', ...opts })
  // Publishing (issue #17): the coordinators' and the admin's controls, and the open data for anyone.
  await fastify.register(planPublishing, { prefix: '/api/plans' })
  await fastify.register(surveyPublishing, { prefix: '/api/surveys' })
  await fastify.register(evidencePublic, { prefix: '/api/evidence' })
  await fastify.register(adminOpenData, { prefix: '/api/admin' })
  await fastify.register(openData, { ...opts })
}
