// Publishing (issue #17): a plan's and a survey's publication, public evidence and report exports,
// and the open data's licence (administrators).
import type {
  EvidencePublicity,
  OpenDataSettings,
  PlanPublication,
  PublishSurveyResults,
  ReportPublication,
  SurveyPublication,
  UpdateOpenDataSettings,
} from '@apt/shared'
import { http } from './api'

export const publishingService = {
  plan: (planId: number) => http.get<PlanPublication>(`/api/plans/${planId}/publication`),
  publishPlan: (planId: number) => http.post<PlanPublication>(`/api/plans/${planId}/publish`),
  unpublishPlan: (planId: number) => http.post<PlanPublication>(`/api/plans/${planId}/unpublish`),
  markReport: (planId: number, exportId: number, isPublic: boolean) =>
    http.put<ReportPublication>(`/api/plans/${planId}/report/exports/${exportId}/public`, { public: isPublic }),
  survey: (surveyId: number) => http.get<SurveyPublication>(`/api/surveys/${surveyId}/publication`),
  publishSurvey: (surveyId: number, body: PublishSurveyResults) => http.post<SurveyPublication>(`/api/surveys/${surveyId}/publish`, body),
  unpublishSurvey: (surveyId: number) => http.post<SurveyPublication>(`/api/surveys/${surveyId}/unpublish`),
  markEvidence: (evidenceId: number, isPublic: boolean) =>
    http.put<EvidencePublicity>(`/api/evidence/${evidenceId}/public`, { public: isPublic }),
  openData: () => http.get<OpenDataSettings>('/api/admin/open-data'),
  setOpenData: (body: UpdateOpenDataSettings) => http.put<OpenDataSettings>('/api/admin/open-data', body),
}
