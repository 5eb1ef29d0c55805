// Session endpoints: login, who am I, logout, the forced password change, the single sign-on providers.
import type { CurrentSession, Logout, SessionInfo, SsoProvider, User } from '@apt/shared'
import { http, request } from './api'

export const authService = {
  login: (email: string, password: string) =>
    request<SessionInfo>('POST', '/api/auth/login', { body: { email, password }, quietAuth: true }),
  me: () => request<SessionInfo>('GET', '/api/auth/me', { quietAuth: true }),
  /** Who is logged in, if anyone: `user` null rather than a 401, so a first visit logs no error. */
  session: () => request<CurrentSession>('GET', '/api/auth/session', { quietAuth: true }),
  /** Nothing (204), or where to end the single sign-on provider's session too. */
  logout: () => request<Logout | undefined>('POST', '/api/auth/logout', { body: {}, quietAuth: true }),
  /** The single sign-on providers the login screen offers (none when none is configured). */
  providers: () => request<SsoProvider[]>('GET', '/api/auth/providers', { quietAuth: true }),
  changePassword: (currentPassword: string, newPassword: string) => http.post<User>('/api/auth/password', { currentPassword, newPassword }),
}
