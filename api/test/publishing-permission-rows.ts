// The publishing rows of the permission matrix (test/helpers/permission-table.ts): role-level rules
// only; whose plan or survey, which state and what becomes public are tested in open-data.test.ts.
// Ids 999999 are unknown (404) and bodies fail validation (400), so the matrix changes nothing.
import type { RouteCase, Who } from './helpers/permission-table.js'

const PLAN_MANAGERS: Who[] = ['admin', 'planCoordinator']
const ADMIN: Who[] = ['admin']
const PLAN = '/api/plans/999999'
const SURVEY = '/api/surveys/999999'

export const PUBLISHING_ROUTES: RouteCase[] = [
  { method: 'GET', url: '/api/plans/:id/publication', path: () => `${PLAN}/publication`, allowed: 'authenticated' },
  { method: 'POST', url: '/api/plans/:id/publish', path: () => `${PLAN}/publish`, allowed: PLAN_MANAGERS },
  { method: 'POST', url: '/api/plans/:id/unpublish', path: () => `${PLAN}/unpublish`, allowed: PLAN_MANAGERS },
  {
    method: 'PUT',
    url: '/api/plans/:id/report/exports/:exportId/public',
    path: () => `${PLAN}/report/exports/999999/public`,
    body: () => ({}),
    allowed: PLAN_MANAGERS,
  },
  { method: 'GET', url: '/api/surveys/:id/publication', path: () => `${SURVEY}/publication`, allowed: 'authenticated' },
  { method: 'POST', url: '/api/surveys/:id/publish', path: () => `${SURVEY}/publish`, body: () => ({}), allowed: PLAN_MANAGERS },
  { method: 'POST', url: '/api/surveys/:id/unpublish', path: () => `${SURVEY}/unpublish`, allowed: PLAN_MANAGERS },
  { method: 'PUT', url: '/api/evidence/:id/public', path: () => '/api/evidence/999999/public', body: () => ({}), allowed: PLAN_MANAGERS },
  { method: 'GET', url: '/api/admin/open-data', path: () => '/api/admin/open-data', allowed: ADMIN },
  { method: 'PUT', url: '/api/admin/open-data', path: () => '/api/admin/open-data', body: () => ({}), allowed: ADMIN },
]
