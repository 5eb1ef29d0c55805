// One institution's response to a survey, the respondent's side: the questionnaire, the response
// (state, answers, what is still required, the version to send), autosaved drafts (version 0
// creates the response; a stale version is 409 VERSION_CONFLICT), submitting (422
// SUBMISSION_INCOMPLETE lists the required questions still unanswered) and, for the coordinator,
// reopening it for correction.
import type { Survey, SurveyAnswers, SurveyResponseView } from '@apt/shared'
import { http } from './api'

const path = (surveyId: number, institution: string) => `/api/surveys/${surveyId}/responses/${encodeURIComponent(institution)}`

export const surveyResponsesService = {
  survey: (surveyId: number) => http.get<Survey>(`/api/surveys/${surveyId}`),
  get: (surveyId: number, institution: string) => http.get<SurveyResponseView>(path(surveyId, institution)),
  save: (surveyId: number, institution: string, version: number, answers: SurveyAnswers) =>
    http.put<SurveyResponseView>(path(surveyId, institution), { version, answers }),
  submit: (surveyId: number, institution: string, version: number) =>
    http.post<SurveyResponseView>(`${path(surveyId, institution)}/submit`, { version }),
  reopen: (surveyId: number, institution: string, version: number) =>
    http.post<SurveyResponseView>(`${path(surveyId, institution)}/reopen`, { version }),
}
