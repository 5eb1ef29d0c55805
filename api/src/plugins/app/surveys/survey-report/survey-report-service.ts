// A survey's outputs for its results' readers (`canReadSurveyResults`): the report (DOCX, in the
// shape of seed 000) and the responses workbook (XLSX). Both come from the survey's document and
// its tally, the same figures the results screen shows (the plan report's chapters: ./plan-chapters.ts).
import type { FastifyInstance } from 'fastify'
import { canReadSurveyResults } from '@apt/shared'
import { DEFAULT_NAME_UP_TO } from '../../../../report/survey-sentences.js'
import type { Actor } from '../../auth/actor.js'
import { ensure } from '../../errors.js'
import { REPORT_MEDIA, type ReportFile } from '../../report/report-service.js'
import { visibleSurveyRow } from '../survey-access.js'
import { toSurveyDocument } from '../survey-document.js'
import { tallySurvey } from '../tally.js'
import { coversAllMunicipalities } from './plan-chapters.js'
import { buildResponsesXlsx } from './responses-xlsx.js'
import { buildSurveyReportDocx } from './survey-docx.js'

const fileName = (code: string, what: string, ext: string) =>
  `${code.replace(/[^\w.-]/g, '_')}-${what}-${new Date().toISOString().slice(0, 10)}.${ext}`

export function createSurveyReportService(fastify: FastifyInstance) {
  const { db } = fastify

  /** The survey's row, document and tally, if the actor may read its results (404 for another's draft, 403 without the right). */
  const load = async (actor: Actor, surveyId: number) => {
    const row = await visibleSurveyRow(db, actor, surveyId)
    ensure(canReadSurveyResults(actor, row), 'Your role does not read this survey’s results')
    const document = await toSurveyDocument(db, surveyId)
    return { row, document, results: tallySurvey(document) }
  }

  return {
    /** The survey's report; groups of at most `nameUpTo` institutions are named (10 unless asked). */
    async reportDocx(actor: Actor, surveyId: number, options: { nameUpTo?: number } = {}): Promise<ReportFile> {
      const { row, document, results } = await load(actor, surveyId)
      const bytes = await buildSurveyReportDocx({
        document,
        results,
        narratives: row.narratives,
        state: row.state,
        wholeCountry: await coversAllMunicipalities(db, document),
        nameUpTo: options.nameUpTo ?? DEFAULT_NAME_UP_TO,
        generatedAt: new Date(),
      })
      return { bytes, mediaType: REPORT_MEDIA.docx, fileName: fileName(document.survey.code, 'aptaujas-rezultati', 'docx') }
    },

    /** Every institution asked, a row each, a column per answer item, and the tallies. */
    async responsesXlsx(actor: Actor, surveyId: number): Promise<ReportFile> {
      const { document, results } = await load(actor, surveyId)
      return {
        bytes: await buildResponsesXlsx(document, results),
        mediaType: REPORT_MEDIA.xlsx,
        fileName: fileName(document.survey.code, 'atbildes', 'xlsx'),
      }
    },
  }
}
