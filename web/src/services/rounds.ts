// Reporting rounds, their completeness, the caller's own work and review queue, submissions and evidence.
import type {
  Completeness,
  CreateLinkEvidence,
  CreateRound,
  CreateSubmission,
  Evidence,
  MyWorkItem,
  ReviewCount,
  ReviewQueue,
  Round,
  ReviewStep,
  RoundListItem,
  RoundWarnings,
  Submission,
  SubmissionListItem,
  SubmissionQuery,
  UpdateSubmission,
} from '@apt/shared'
import { download, http, upload } from './api'

/** The steps without a comment; returning takes one (`submissionsService.return`). */
export type ReviewAction = Exclude<ReviewStep, 'return'>

export const roundsService = {
  list: (planId: number) => http.get<RoundListItem[]>(`/api/plans/${planId}/rounds`),
  open: (planId: number, body: CreateRound) => http.post<Round>(`/api/plans/${planId}/rounds`, body),
  /** What opening the round would cause (a due date past, measures another open round asks about); saves nothing. */
  check: (planId: number, body: CreateRound) => http.post<RoundWarnings>(`/api/plans/${planId}/rounds/check`, body),
  get: (id: number) => http.get<Round>(`/api/rounds/${id}`),
  close: (id: number) => http.post<Round>(`/api/rounds/${id}/close`),
  /** The round's counts and who is late, without its owed items (their size grows with the round). */
  completeness: (id: number) => http.get<Completeness>(`/api/rounds/${id}/completeness`, { view: 'summary' }),
  submissions: (id: number, query: SubmissionQuery = {}) => http.get<SubmissionListItem[]>(`/api/rounds/${id}/submissions`, { ...query }),
  myWork: () => http.get<MyWorkItem[]>('/api/my/work'),
  /** What waits for the caller's endorsement or acceptance across open rounds, with counts per round: one request. */
  myReview: () => http.get<ReviewQueue>('/api/my/review'),
  /** How many wait for the caller's review (the queue's total alone): the header's badge. */
  myReviewCount: () => http.get<ReviewCount>('/api/my/review/count'),
}

export const submissionsService = {
  create: (roundId: number, body: CreateSubmission) => http.post<Submission>(`/api/rounds/${roundId}/submissions`, body),
  get: (id: number) => http.get<Submission>(`/api/submissions/${id}`),
  forMeasure: (measureId: number) => http.get<SubmissionListItem[]>(`/api/measures/${measureId}/submissions`),
  update: (id: number, body: UpdateSubmission) => http.patch<Submission>(`/api/submissions/${id}`, body),
  transition: (id: number, action: ReviewAction, version: number) => http.post<Submission>(`/api/submissions/${id}/${action}`, { version }),
  return: (id: number, version: number, comment: string) => http.post<Submission>(`/api/submissions/${id}/return`, { version, comment }),
}

export const evidenceService = {
  upload: (submissionId: number, file: File, onProgress: (fraction: number) => void) => {
    const form = new FormData()
    form.append('file', file, file.name)
    return upload<Evidence>(`/api/submissions/${submissionId}/evidence`, form, onProgress)
  },
  addLink: (submissionId: number, body: CreateLinkEvidence) => http.post<Evidence>(`/api/submissions/${submissionId}/evidence`, body),
  remove: (id: number) => http.delete(`/api/evidence/${id}`),
  download: (evidence: Evidence) => download(`/api/evidence/${evidence.id}`, evidence.fileName ?? `evidence-${evidence.id}`),
  url: (id: number) => `/api/evidence/${id}`,
}
