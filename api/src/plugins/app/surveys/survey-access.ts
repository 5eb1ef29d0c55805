// The one read of a survey on someone's behalf: a draft is its coordinators' own business, so to
// anyone else it does not exist (404, as for an unknown id) — the survey, and every read under it
// (responses, results, export, report). Every service reading a survey for a caller goes through
// here; what the caller may do with it is `surveyAbilities`.
import {
  AppError,
  canCodeAnswers,
  canEditSurvey,
  canManageSurvey,
  canReadSurveyResults,
  canSeeSurvey,
  ErrorCode,
  type SurveyAbilities,
  type SurveyFacts,
} from '@apt/shared'
import type { DbOrTx, Tx } from '../../../db/client.js'
import type { Actor } from '../auth/actor.js'
import { ensure, notFound } from '../errors.js'
import { lockSurveyRow, surveyRow, type SurveyRow } from './surveys-data.js'

export const NOT_SURVEY_COORDINATOR = 'Only the survey’s coordinating institution may do this'

/** Throws 404 (naming `what`: the survey, or the record asked for under it) unless the actor may see the survey. */
export function ensureSurveyVisible(actor: Actor, survey: SurveyRow, what = 'Survey'): SurveyRow {
  if (!canSeeSurvey(actor, survey)) throw notFound(what)
  return survey
}

/** The survey row if the actor may see it; 404 for an unknown survey and for someone else's draft. */
export async function visibleSurveyRow(executor: DbOrTx, actor: Actor, id: number, what = 'Survey'): Promise<SurveyRow> {
  return ensureSurveyVisible(actor, await surveyRow(executor, id), what)
}

/** The survey row locked for a change, if the actor may see it (404 otherwise). */
export async function lockedVisibleSurvey(tx: Tx, actor: Actor, id: number, what = 'Survey'): Promise<SurveyRow> {
  return ensureSurveyVisible(actor, await lockSurveyRow(tx, id), what)
}

export const surveyClosed = () => new AppError(ErrorCode.invalidTransition, 'The survey is closed: open it again before changing it')

/** May the actor change this survey now? 403 unless it manages it, 409 INVALID_TRANSITION once closed. */
export function ensureSurveyEditable(actor: Actor, survey: SurveyFacts) {
  ensure(canManageSurvey(actor, survey), NOT_SURVEY_COORDINATOR)
  if (survey.state === 'closed') throw surveyClosed()
}

/** What the actor may do with the survey, for its views. */
export function surveyAbilities(actor: Actor, survey: SurveyFacts): SurveyAbilities {
  const manages = canManageSurvey(actor, survey)
  return {
    edit: canEditSurvey(actor, survey),
    open: manages && survey.state !== 'open',
    close: manages && survey.state === 'open',
    copy: manages,
    readResults: canReadSurveyResults(actor, survey),
    code: canCodeAnswers(actor, survey),
  }
}
