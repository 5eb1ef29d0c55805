// The rows of the permission matrix (test/helpers/permission-table.ts) for asking who is logged in without an error status (issue 15).
import type { RouteCase } from './helpers/permission-table.js'

export const SESSION_ROUTES: RouteCase[] = [
  // Anyone may ask; nobody logged in gets 200 with `user: null`, never 401.
  { method: 'GET', url: '/api/auth/session', path: () => '/api/auth/session', allowed: 'public' },
]
