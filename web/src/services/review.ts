// Review with its history: steps with an optional comment, the comment thread, undoing an
// acceptance, review in bulk, and the review queue filtered and sorted.
import type { BulkReview, BulkReviewResult, ReviewQueue, ReviewQueueQuery, Submission, SubmissionEvent } from '@apt/shared'
import { http } from './api'

export const reviewService = {
  /** Endorse or accept, with the reviewer's optional note kept in the submission's timeline. */
  step: (id: number, action: 'endorse' | 'accept', version: number, comment?: string) =>
    http.post<Submission>(`/api/submissions/${id}/${action}`, comment ? { version, comment } : { version }),
  comment: (id: number, text: string) => http.post<SubmissionEvent>(`/api/submissions/${id}/comments`, { text }),
  unaccept: (id: number, version: number, reason: string) => http.post<Submission>(`/api/submissions/${id}/unaccept`, { version, reason }),
  bulk: (body: BulkReview) => http.post<BulkReviewResult>('/api/reviews/bulk', body),
  /** The caller's review queue: `total` and `rounds` are the whole queue, `items` those matching the query. */
  queue: (query: ReviewQueueQuery) => http.get<ReviewQueue>('/api/my/review', { ...query }),
}
