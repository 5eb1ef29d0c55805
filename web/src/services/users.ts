// User administration (admin only) and the audit log (admin, plan coordinator).
import type { CreateUser, UpdateUser, User } from '@apt/shared'
import { http, type Query } from './api'

export interface CreatedUser {
  user: User
  oneTimePassword: string
}

export interface AuditEntry {
  id: number
  at: string
  actorId: number | null
  actorLabel: string | null
  action: string
  entityType: string
  entityId: string | null
  before: unknown
  after: unknown
  reason: string | null
}

export const usersService = {
  list: () => http.get<User[]>('/api/users'),
  create: (body: CreateUser) => http.post<CreatedUser>('/api/users', body),
  update: (id: number, body: UpdateUser) => http.patch<User>(`/api/users/${id}`, body),
  resetPassword: (id: number) => http.post<CreatedUser>(`/api/users/${id}/reset-password`),
}

export const auditService = {
  list: (query: Query = {}) => http.get<AuditEntry[]>('/api/audit', query),
}
