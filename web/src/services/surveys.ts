// Surveys, the coordinator's side: the list, one survey with its questionnaire, the builder's saves
// (header, the whole questionnaire at once), its life (open, close, copy, delete), import and
// export of survey/1, the results, the coding of free-text answers, reopening one response and
// the downloads. Every change sends the version last read; a stale one is 409 VERSION_CONFLICT.
import type {
  CopySurvey,
  CreateSurvey,
  QuestionCoding,
  ResponseListItem,
  SaveCategories,
  SetAnswerCodes,
  Survey,
  SurveyDocument,
  SurveyDryRun,
  SurveyListItem,
  SurveyResponseView,
  SurveyResults,
  SurveySection,
  UpdateSurvey,
} from '@apt/shared'
import { download, http, request } from './api'

export type SurveyTransitionName = 'open' | 'close'

export const surveysService = {
  list: () => http.get<SurveyListItem[]>('/api/surveys'),
  get: (id: number) => http.get<Survey>(`/api/surveys/${id}`),
  create: (body: CreateSurvey) => http.post<Survey>('/api/surveys', body),
  update: (id: number, body: UpdateSurvey) => http.patch<Survey>(`/api/surveys/${id}`, body),
  saveQuestionnaire: (id: number, version: number, sections: SurveySection[]) =>
    http.put<Survey>(`/api/surveys/${id}/questionnaire`, { version, sections }),
  transition: (id: number, name: SurveyTransitionName, version: number) => http.post<Survey>(`/api/surveys/${id}/${name}`, { version }),
  copy: (id: number, body: CopySurvey) => http.post<Survey>(`/api/surveys/${id}/copy`, body),
  remove: (id: number, version: number) => request<void>('DELETE', `/api/surveys/${id}`, { body: { version } }),

  dryRun: (document: unknown) => http.post<SurveyDryRun>('/api/surveys/import', document as SurveyDocument, { dryRun: true }),
  import: (document: unknown) => http.post<Survey>('/api/surveys/import', document as SurveyDocument),
  downloadExport: (id: number, code: string) => download(`/api/surveys/${id}/export`, `${code}.json`),

  results: (id: number) => http.get<SurveyResults>(`/api/surveys/${id}/results`),
  responses: (id: number) => http.get<ResponseListItem[]>(`/api/surveys/${id}/responses`),
  reopen: (id: number, institution: string, version: number) =>
    http.post<SurveyResponseView>(`/api/surveys/${id}/responses/${encodeURIComponent(institution)}/reopen`, { version }),

  coding: (id: number, question: string) =>
    http.get<QuestionCoding>(`/api/surveys/${id}/questions/${encodeURIComponent(question)}/answers`),
  setCodes: (id: number, institution: string, body: SetAnswerCodes) =>
    http.put<SurveyResponseView>(`/api/surveys/${id}/responses/${encodeURIComponent(institution)}/codes`, body),
  saveCategories: (id: number, question: string, body: SaveCategories) =>
    http.put<QuestionCoding>(`/api/surveys/${id}/questions/${encodeURIComponent(question)}/categories`, body),

  downloadReport: (id: number, code: string) => download(`/api/surveys/${id}/report.docx`, `${code}-aptauja.docx`),
  downloadResponses: (id: number, code: string) => download(`/api/surveys/${id}/responses.xlsx`, `${code}-atbildes.xlsx`),
}
