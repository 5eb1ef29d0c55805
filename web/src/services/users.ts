// User administration (admin only) and the audit log (admin, plan coordinator).
import type { AuditEntry, AuditQuery, CreatedUser, CreateUser, UpdateUser, User } from '@apt/shared'
import { http } from './api'

export const usersService = {
  list: () => http.get<User[]>('/api/users'),
  create: (body: CreateUser) => http.post<CreatedUser>('/api/users', body),
  update: (id: number, body: UpdateUser) => http.patch<User>(`/api/users/${id}`, body),
  resetPassword: (id: number) => http.post<CreatedUser>(`/api/users/${id}/reset-password`),
}

export const auditService = {
  /** Newest first; `plan` keeps only that plan's rows (filtered by the API). */
  list: (query: Partial<AuditQuery> = {}) => http.get<AuditEntry[]>('/api/audit', { ...query }),
}
