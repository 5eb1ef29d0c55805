// The survey chapters of a plan's informative report: the surveys linked to the plan, each with its
// document, tally and the coordinator's narratives, ready for report/survey-chapter.ts.
import { count, eq } from 'drizzle-orm'
import type { SurveyDocument } from '@apt/shared'
import type { DbOrTx } from '../../../../db/client.js'
import { institutions } from '../../../../db/schema/index.js'
import type { SurveyChapterInput } from '../../../../report/survey-chapter.js'
import { toSurveyDocument } from '../survey-document.js'
import { surveyRowsOfPlan } from '../surveys-data.js'
import { tallySurvey } from '../tally.js'

/** Whether the audience is every municipality in the registry: then "No 43 Latvijas pašvaldībām …". */
export async function coversAllMunicipalities(executor: DbOrTx, doc: SurveyDocument): Promise<boolean> {
  const kinds = new Map(doc.institutions.map((institution) => [institution.code, institution.kind]))
  if (!doc.survey.audience.every((code) => kinds.get(code) === 'municipality')) return false
  const [row] = await executor.select({ n: count() }).from(institutions).where(eq(institutions.kind, 'municipality'))
  return doc.survey.audience.length === Number(row?.n ?? 0)
}

/**
 * The survey chapters of a plan's report: every survey linked to the plan that has been opened
 * (a draft has no answers to report), by code, each with its document, tally and narratives.
 */
export async function planSurveyChapters(executor: DbOrTx, planId: number): Promise<SurveyChapterInput[]> {
  const rows = await surveyRowsOfPlan(executor, planId)
  const chapters: SurveyChapterInput[] = []
  for (const row of rows) {
    const document = await toSurveyDocument(executor, row.id)
    chapters.push({
      id: row.id,
      document,
      results: tallySurvey(document),
      narratives: row.narratives,
      wholeCountry: await coversAllMunicipalities(executor, document),
      state: row.state,
    })
  }
  return chapters
}
