// Publishing (issue #17): a plan's coordinator publishes the plan at /p/{code} and in the open data,
// and takes it back; publishes report exports with it and marks accepted evidence files public; a
// survey's coordinator publishes a closed survey's aggregate results, choosing the questions whose
// free texts may be published; an admin sets the open data's licence. Each change in one
// transaction with its row locked, audited; the rules are the shared policy's.
import type { FastifyInstance } from 'fastify'
import {
  AppError,
  canManagePlan,
  canManageSurvey,
  canMarkEvidencePublic,
  canPublishPlan,
  canPublishReport,
  canPublishSurveyResults,
  canSetOpenDataLicence,
  canUnpublishPlan,
  canUnpublishSurveyResults,
  ErrorCode,
  type EvidencePublicity,
  fieldErrors,
  type OpenDataSettings,
  type PlanPublication,
  type PublishSurveyResults,
  questionsOf,
  type ReportPublication,
  type SurveyPublication,
  type UpdateOpenDataSettings,
} from '@apt/shared'
import type { DbOrTx } from '../../../db/client.js'
import type { Plan as PlanRow, Survey as SurveyRow } from '../../../db/schema/index.js'
import { type Actor, userIdOf } from '../auth/actor.js'
import { ensure, notFound, versionConflict } from '../errors.js'
import { NOT_COORDINATOR, visiblePlanRow } from '../plans/plan-access.js'
import { openDataLicence, saveOpenDataLicence } from '../settings/settings-data.js'
import { submissionContext } from '../submissions/submissions-data.js'
import { userNames } from '../submissions/submission-views.js'
import { lockedVisibleSurvey, NOT_SURVEY_COORDINATOR, visibleSurveyRow } from '../surveys/survey-access.js'
import { planLinkOf } from '../surveys/surveys-data.js'
import {
  evidenceOfPlan,
  lockPlanRow,
  lockReportExport,
  publishedReportIds,
  setEvidencePublic,
  setPlanPublished,
  setReportPublished,
  setSurveyResultsPublished,
} from './publishing-data.js'

const planPaths = (code: string) => {
  const page = `/p/${encodeURIComponent(code)}`
  return { page, data: `${page}/data.json`, csv: `${page}/measures.csv` }
}

/** Where a survey's published results are: under the plan it serves. */
export const surveyResultsPath = (planCode: string, surveyCode: string) =>
  `/p/${encodeURIComponent(planCode)}/surveys/${encodeURIComponent(surveyCode)}/results.json`

export function createPublishingService(fastify: FastifyInstance) {
  const { db, audit } = fastify

  async function planPublication(executor: DbOrTx, actor: Actor, plan: PlanRow): Promise<PlanPublication> {
    const names = await userNames(executor, [plan.publishedBy])
    return {
      publishedAt: plan.publishedAt?.toISOString() ?? null,
      publishedBy: plan.publishedBy === null ? null : (names.get(plan.publishedBy)?.name ?? null),
      paths: planPaths(plan.code),
      publishedReports: await publishedReportIds(executor, plan.id),
      abilities: { publish: canPublishPlan(actor, plan), unpublish: canUnpublishPlan(actor, plan) },
    }
  }

  async function surveyPublication(executor: DbOrTx, actor: Actor, survey: SurveyRow): Promise<SurveyPublication> {
    const plan = await planLinkOf(executor, survey)
    return {
      resultsPublishedAt: survey.resultsPublishedAt?.toISOString() ?? null,
      publicTextQuestions: survey.publicTextQuestions,
      path: plan ? surveyResultsPath(plan.code, survey.code) : null,
      abilities: { publish: canPublishSurveyResults(actor, survey) && plan !== null, unpublish: canUnpublishSurveyResults(actor, survey) },
    }
  }

  /** Publishes (or takes back) a plan: 403 unless its coordinator, 409 for a draft. Publishing again changes nothing. */
  async function setPlanPublication(actor: Actor, id: number, publish: boolean): Promise<PlanPublication> {
    return db.transaction(async (tx) => {
      await visiblePlanRow(tx, actor, id)
      const before = await lockPlanRow(tx, id)
      ensure(canManagePlan(actor, before), NOT_COORDINATOR)
      if (publish && !canPublishPlan(actor, before))
        throw new AppError(ErrorCode.invalidTransition, 'A draft plan cannot be published: activate it first')
      if (publish === (before.publishedAt !== null)) return planPublication(tx, actor, before)
      const after = await setPlanPublished(tx, id, publish ? { at: new Date(), by: userIdOf(actor) } : null)
      await audit.record(tx, actor, {
        action: publish ? 'plan.publish' : 'plan.unpublish',
        entityType: 'plan',
        entityId: id,
        planId: id,
        before: { publishedAt: before.publishedAt },
        after: { publishedAt: after.publishedAt },
      })
      return planPublication(tx, actor, after)
    })
  }

  /** Publishes a closed survey's results (again, with other free-text marks), or takes them back. */
  async function setSurveyPublication(actor: Actor, id: number, input: PublishSurveyResults | null): Promise<SurveyPublication> {
    return db.transaction(async (tx) => {
      const before = await lockedVisibleSurvey(tx, actor, id)
      ensure(canManageSurvey(actor, before), NOT_SURVEY_COORDINATOR)
      if (input === null) {
        if (before.resultsPublishedAt === null) return surveyPublication(tx, actor, before)
      } else {
        if (before.state !== 'closed')
          throw new AppError(ErrorCode.invalidTransition, `Only a closed survey’s results can be published; this survey is ${before.state}`)
        if (before.planId === null)
          throw new AppError(ErrorCode.invalidTransition, 'The survey serves no plan: link it to a plan before publishing its results')
        const texts = new Set(
          questionsOf(before.sections)
            .map(({ question }) => question)
            .filter((q) => q.type === 'text' || q.other)
            .map((q) => q.id),
        )
        const unknown = input.publicTextQuestions.flatMap((qid, i) =>
          texts.has(qid) ? [] : [{ path: `/publicTextQuestions/${i}`, message: 'is not a question with free text' }],
        )
        if (unknown.length) throw fieldErrors(ErrorCode.invalidReference, unknown)
      }
      const after = await setSurveyResultsPublished(
        tx,
        id,
        input === null ? null : { at: new Date(), by: userIdOf(actor), publicTextQuestions: input.publicTextQuestions },
      )
      await audit.record(tx, actor, {
        action: input === null ? 'survey.unpublish_results' : 'survey.publish_results',
        entityType: 'survey',
        entityId: id,
        planId: before.planId,
        before: { resultsPublishedAt: before.resultsPublishedAt, publicTextQuestions: before.publicTextQuestions },
        after: { resultsPublishedAt: after.resultsPublishedAt, publicTextQuestions: after.publicTextQuestions },
      })
      return surveyPublication(tx, actor, after)
    })
  }

  return {
    async plan(actor: Actor, id: number): Promise<PlanPublication> {
      return planPublication(db, actor, await visiblePlanRow(db, actor, id))
    },
    publishPlan: (actor: Actor, id: number) => setPlanPublication(actor, id, true),
    unpublishPlan: (actor: Actor, id: number) => setPlanPublication(actor, id, false),

    async survey(actor: Actor, id: number): Promise<SurveyPublication> {
      return surveyPublication(db, actor, await visibleSurveyRow(db, actor, id))
    },
    publishSurvey: (actor: Actor, id: number, input: PublishSurveyResults) => setSurveyPublication(actor, id, input),
    unpublishSurvey: (actor: Actor, id: number) => setSurveyPublication(actor, id, null),

    /** Marks an accepted submission's evidence file public or not (the plan's coordinator); 409 for a link or an unaccepted submission. */
    async markEvidence(actor: Actor, evidenceId: number, isPublic: boolean): Promise<EvidencePublicity> {
      return db.transaction(async (tx) => {
        const row = await evidenceOfPlan(tx, evidenceId)
        if (!row) throw notFound('Evidence')
        const { submission, plan } = await submissionContext(tx, row.submissionId, { lock: true })
        await visiblePlanRow(tx, actor, plan.id, 'Evidence')
        ensure(canManagePlan(actor, plan), NOT_COORDINATOR)
        if (row.kind !== 'file') throw new AppError(ErrorCode.invalidTransition, 'Only an evidence file is published; a link is not')
        if (!canMarkEvidencePublic(actor, plan, submission))
          throw new AppError(
            ErrorCode.invalidTransition,
            `Only an accepted submission’s evidence can be public; this one is ${submission.state}`,
          )
        if (row.public === isPublic) return { id: row.id, public: row.public, publicChangedAt: row.publicChangedAt?.toISOString() ?? null }
        const after = await setEvidencePublic(tx, evidenceId, isPublic)
        await audit.record(tx, actor, {
          action: isPublic ? 'evidence.public' : 'evidence.private',
          entityType: 'evidence',
          entityId: evidenceId,
          planId: plan.id,
          before: { public: row.public },
          after: { public: after.public },
        })
        return { id: after.id, public: after.public, publicChangedAt: after.publicChangedAt?.toISOString() ?? null }
      })
    },

    /** Publishes a report export with the plan, or takes it back (the plan's coordinator). */
    async markReport(actor: Actor, planId: number, exportId: number, publish: boolean): Promise<ReportPublication> {
      return db.transaction(async (tx) => {
        const plan = await visiblePlanRow(tx, actor, planId)
        ensure(canPublishReport(actor, plan), NOT_COORDINATOR)
        const before = await lockReportExport(tx, planId, exportId)
        if (!before) throw notFound('Report export')
        if (publish === (before.publishedAt !== null)) return { id: before.id, publishedAt: before.publishedAt?.toISOString() ?? null }
        const after = await setReportPublished(tx, exportId, publish ? new Date() : null)
        await audit.record(tx, actor, {
          action: publish ? 'report_export.publish' : 'report_export.unpublish',
          entityType: 'report_export',
          entityId: exportId,
          planId,
          before: { publishedAt: before.publishedAt },
          after: { publishedAt: after.publishedAt },
        })
        return { id: after.id, publishedAt: after.publishedAt?.toISOString() ?? null }
      })
    },

    async openDataSettings(actor: Actor): Promise<OpenDataSettings> {
      ensure(canSetOpenDataLicence(actor), 'Only an administrator sets the open-data licence')
      const { licence, version } = await openDataLicence(db)
      return { licence, isSet: version > 0, version }
    },

    /** Sets the licence every published dataset states (admins). */
    async setOpenDataLicence(actor: Actor, input: UpdateOpenDataSettings): Promise<OpenDataSettings> {
      ensure(canSetOpenDataLicence(actor), 'Only an administrator sets the open-data licence')
      return db.transaction(async (tx) => {
        const before = await openDataLicence(tx)
        const licence = { name: input.licence.name.trim(), url: input.licence.url.trim() }
        if (before.version !== input.version || !(await saveOpenDataLicence(tx, licence, input.version, userIdOf(actor))))
          throw versionConflict('The open-data licence')
        await audit.record(tx, actor, {
          action: 'settings.open_data_licence',
          entityType: 'settings',
          entityId: 'open_data_licence',
          before: before.licence,
          after: licence,
        })
        return { licence, isSet: true, version: input.version + 1 }
      })
    },
  }
}

export type PublishingService = ReturnType<typeof createPublishingService>

declare module 'fastify' {
  interface FastifyInstance {
    publishing: PublishingService
  }
}
