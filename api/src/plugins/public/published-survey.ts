// The public read model of a survey's results: the aggregate figures the results screen shows
// (./../app/surveys/tally.ts computes them, so both state the same numbers) without who answered
// what — no institution lists, no late or missing institutions — and free texts only for the
// questions whose texts the coordinator marked publishable, without their authors. Public only when
// the survey's results and its plan are both published.
import { and, eq, isNotNull } from 'drizzle-orm'
import { type PublicQuestionResult, type PublishedSurveyResults, type QuestionResult } from '@apt/shared'
import type { DbOrTx } from '../../db/client.js'
import { surveys } from '../../db/schema/index.js'
import { surveyDocumentOf } from '../app/surveys/survey-document.js'
import { loadSurveyRows } from '../app/surveys/surveys-data.js'
import { tallySurvey } from '../app/surveys/tally.js'
import { openDataLicence } from '../app/settings/settings-data.js'
import { publishedPlanRow } from './published-plan.js'

/** A question's figures with only what may be public: counts and shares, sums; texts when publishable. */
export function publicQuestionResult(q: QuestionResult, textsPublishable: boolean): PublicQuestionResult {
  const counts = (list: NonNullable<QuestionResult['options']>) => list.map(({ id, count, share }) => ({ id, count, share }))
  return {
    id: q.id,
    type: q.type,
    answered: q.answered,
    ...(q.options ? { options: counts(q.options) } : {}),
    ...(q.categories ? { categories: counts(q.categories) } : {}),
    ...(q.sum !== undefined ? { sum: q.sum, mean: q.mean ?? null, median: q.median ?? null } : {}),
    ...(q.cells ? { cells: q.cells } : {}),
    ...(textsPublishable && q.texts ? { texts: q.texts.map((t) => t.text) } : {}),
    ...(textsPublishable && q.other ? { other: q.other.map((t) => t.text) } : {}),
  }
}

/** A survey published under a published plan, by their codes; undefined otherwise. */
export async function publishedSurveyRow(db: DbOrTx, planCode: string, surveyCode: string) {
  const plan = await publishedPlanRow(db, planCode)
  if (!plan) return undefined
  const [survey] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.code, surveyCode), eq(surveys.planId, plan.id), isNotNull(surveys.resultsPublishedAt)))
  return survey && { plan, survey }
}

/**
 * A survey's published results; null when the plan or the survey is unknown, either is not
 * published, or the survey does not belong to the plan.
 */
export async function loadPublishedSurveyResults(db: DbOrTx, planCode: string, surveyCode: string): Promise<PublishedSurveyResults | null> {
  const found = await publishedSurveyRow(db, planCode, surveyCode)
  if (!found) return null
  const { plan, survey } = found
  const rows = await loadSurveyRows(db, survey.id)
  const results = tallySurvey(surveyDocumentOf(rows))
  const publishable = new Set(survey.publicTextQuestions)
  const licence = await openDataLicence(db)
  const coordinator = rows.tree.byId.get(survey.coordinatorId)!
  const updatedAt = Math.max(survey.resultsPublishedAt!.getTime(), survey.updatedAt.getTime(), licence.updatedAt?.getTime() ?? 0)
  return {
    plan: { code: plan.code, title: plan.title },
    code: survey.code,
    title: survey.title,
    description: survey.description,
    period: survey.period,
    coordinator: { code: coordinator.code, name: coordinator.name, abbreviation: coordinator.abbreviation },
    sections: survey.sections,
    audience: results.audience,
    responded: results.responded,
    questions: results.questions.map((q) => publicQuestionResult(q, publishable.has(q.id))),
    publishedAt: survey.resultsPublishedAt!.toISOString(),
    updatedAt: new Date(updatedAt).toISOString(),
    licence: licence.licence,
  }
}
