// A survey's results, live: the tally of its document (submitted responses only), and the same
// figures of the survey it was copied from, for comparison with the previous period.
import type { FastifyInstance } from 'fastify'
import { canReadSurveyResults, type SurveyResults } from '@apt/shared'
import type { Actor } from '../auth/actor.js'
import { ensure } from '../errors.js'
import { visibleSurveyRow } from './survey-access.js'
import { toSurveyDocument } from './survey-document.js'
import { surveyRow } from './surveys-data.js'
import { tallySurvey } from './tally.js'

export function createSurveyResultsService(fastify: FastifyInstance) {
  const { db } = fastify

  return {
    /** The results of a survey the actor may read them of (404 for a draft it may not see, 403 for a reader it is not). */
    async get(actor: Actor, surveyId: number): Promise<SurveyResults> {
      const survey = await visibleSurveyRow(db, actor, surveyId)
      ensure(canReadSurveyResults(actor, survey), 'Only the survey’s coordinator and report readers read its results')
      const results = tallySurvey(await toSurveyDocument(db, survey.id))
      const source = survey.copiedFromId === null ? undefined : await surveyRow(db, survey.copiedFromId)
      if (!source || !canReadSurveyResults(actor, source)) return { ...results, previous: null }
      const { audience, responded, questions } = tallySurvey(await toSurveyDocument(db, source.id))
      return { ...results, previous: { id: source.id, code: source.code, period: source.period, audience, responded, questions } }
    },
  }
}

export type SurveyResultsService = ReturnType<typeof createSurveyResultsService>
