// The API's services as instance decorators, so routes reach them as `fastify.plans` etc. A
// service takes an `Actor` (./auth/actor.ts), checks the policy from @apt/shared, runs the
// transaction and writes the audit; the data access beside it (`*-data.ts`) only reads and writes.
import fp from 'fastify-plugin'
import { createApiTokensService } from './auth/api-tokens-service.js'
import { createOidcService } from './auth/oidc/oidc-service.js'
import type { OidcProviderConfig } from './auth/oidc/providers-config.js'
import { createAuditService } from './audit/audit-service.js'
import { createEvidenceService } from './evidence/evidence-service.js'
import { createInstitutionsService } from './institutions/institutions-service.js'
import { InstitutionTree } from './institutions/institution-tree.js'
import { createMeasuresService } from './measures/measures-service.js'
import { createReminders } from './notifications/reminders.js'
import { createPlanEditor } from './plans/plan-editor.js'
import { createPlanFileImport } from './plans/file-import/plan-file-import.js'
import { createPlanImporter } from './plans/plan-import.js'
import { createPlansService } from './plans/plans-service.js'
import { keepPlanRows } from './plans/plans-data.js'
import { createPublishingService } from './publishing/publishing-service.js'
import { createPlanWorkbookService } from './plans/plan-update.js'
import { createReportService } from './report/report-service.js'
import { createRoundsService } from './rounds/rounds-service.js'
import { createSubmissionsService } from './submissions/submissions-service.js'
import { createSurveyReportService } from './surveys/survey-report/survey-report-service.js'
import { createResponsesService } from './surveys/responses-service.js'
import { createSurveyResultsService } from './surveys/results-service.js'
import { createSurveysService } from './surveys/surveys-service.js'
import { createUsersService } from './users/users-service.js'
import { createWorkService } from './work/work-service.js'

declare module 'fastify' {
  interface FastifyInstance {
    institutions: ReturnType<typeof createInstitutionsService>
    plans: ReturnType<typeof createPlansService>
    planImporter: ReturnType<typeof createPlanImporter>
    planFileImport: ReturnType<typeof createPlanFileImport>
    planWorkbook: ReturnType<typeof createPlanWorkbookService>
    planEditor: ReturnType<typeof createPlanEditor>
    measures: ReturnType<typeof createMeasuresService>
    users: ReturnType<typeof createUsersService>
    apiTokens: ReturnType<typeof createApiTokensService>
    oidc: ReturnType<typeof createOidcService>
    auditLog: ReturnType<typeof createAuditService>
    reports: ReturnType<typeof createReportService>
    rounds: ReturnType<typeof createRoundsService>
    submissions: ReturnType<typeof createSubmissionsService>
    evidence: ReturnType<typeof createEvidenceService>
    work: ReturnType<typeof createWorkService>
    surveyReports: ReturnType<typeof createSurveyReportService>
    surveyResponses: ReturnType<typeof createResponsesService>
    surveyResults: ReturnType<typeof createSurveyResultsService>
    surveys: ReturnType<typeof createSurveysService>
    reminders: ReturnType<typeof createReminders>
  }
}

export interface ServicesOptions {
  /** Single sign-on: the configured providers, and where people reach the app (redirect URIs start with it). */
  oidc: { providers: OidcProviderConfig[]; publicUrl: string }
}

export default fp<ServicesOptions>(
  async (fastify, opts) => {
    // Reads kept between requests until what they read changes (db/read-cache.ts).
    InstitutionTree.keep(fastify.db, fastify.changes)
    keepPlanRows(fastify.db, fastify.changes)
    fastify.decorate('institutions', createInstitutionsService(fastify))
    fastify.decorate('plans', createPlansService(fastify))
    fastify.decorate('planImporter', createPlanImporter(fastify))
    fastify.decorate('planFileImport', createPlanFileImport(fastify))
    fastify.decorate('planWorkbook', createPlanWorkbookService(fastify))
    fastify.decorate('planEditor', createPlanEditor(fastify))
    fastify.decorate('measures', createMeasuresService(fastify))
    fastify.decorate('users', createUsersService(fastify))
    fastify.decorate('apiTokens', createApiTokensService(fastify))
    fastify.decorate('oidc', createOidcService(fastify, opts.oidc))
    fastify.decorate('auditLog', createAuditService(fastify))
    fastify.decorate('reports', createReportService(fastify))
    fastify.decorate('rounds', createRoundsService(fastify))
    fastify.decorate('submissions', createSubmissionsService(fastify))
    fastify.decorate('evidence', createEvidenceService(fastify))
    fastify.decorate('work', createWorkService(fastify))
    fastify.decorate('surveyReports', createSurveyReportService(fastify))
    fastify.decorate('surveyResponses', createResponsesService(fastify))
    fastify.decorate('surveyResults', createSurveyResultsService(fastify))
    fastify.decorate('surveys', createSurveysService(fastify))
    fastify.decorate('reminders', createReminders(fastify))
    fastify.decorate('publishing', createPublishingService(fastify))
  },
  { name: 'services', dependencies: ['database', 'audit', 'access'] },
)
