// The caller's notifications (the bell and /notifications), e-mail preferences and language
// (/settings), and a coordinator's "remind the late ones now" for a round or a survey.
import type { MarkRead, MyNotifications, OutboxItem, Preferences, RemindResult, UpdatePreferences } from '@apt/shared'
import { http } from './api'

export interface NotificationsListQuery {
  /** Only the unread ones. */
  unread?: boolean
  limit?: number
}

export const notificationsService = {
  list: (query: NotificationsListQuery = {}) => http.get<MyNotifications>('/api/my/notifications', { ...query }),
  /** Marks the given ones read; without ids, all of the caller's. */
  markRead: (ids?: number[]) => http.post<void>('/api/my/notifications/read', (ids ? { ids } : {}) satisfies MarkRead),
  preferences: () => http.get<Preferences>('/api/my/preferences'),
  updatePreferences: (body: UpdatePreferences) => http.put<Preferences>('/api/my/preferences', body),
  remindRound: (roundId: number, message?: string) => http.post<RemindResult>(`/api/rounds/${roundId}/remind`, message ? { message } : {}),
  /** The e-mail outbox (administrators). */
  outbox: () => http.get<OutboxItem[]>('/api/admin/outbox'),
  remindSurvey: (surveyId: number, message?: string) =>
    http.post<RemindResult>(`/api/surveys/${surveyId}/remind`, message ? { message } : {}),
}
