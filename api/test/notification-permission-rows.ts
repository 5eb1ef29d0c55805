// The notification rows of the permission matrix (test/helpers/permission-table.ts): the caller's own
// notifications and preferences (anyone logged in), the outbox (admins).
import type { RouteCase } from './helpers/permission-table.js'

export const NOTIFICATION_ROUTES: RouteCase[] = [
  { method: 'GET', url: '/api/my/notifications', path: () => '/api/my/notifications', allowed: 'authenticated' },
  {
    method: 'POST',
    url: '/api/my/notifications/read',
    path: () => '/api/my/notifications/read',
    body: () => ({ ids: [999999] }),
    allowed: 'authenticated',
  },
  { method: 'GET', url: '/api/my/preferences', path: () => '/api/my/preferences', allowed: 'authenticated' },
  {
    method: 'PUT',
    url: '/api/my/preferences',
    path: () => '/api/my/preferences',
    body: () => ({ emailOff: [] }),
    allowed: 'authenticated',
  },
  { method: 'GET', url: '/api/admin/outbox', path: () => '/api/admin/outbox', allowed: ['admin'] },
]
