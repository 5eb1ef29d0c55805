// The plan editor rows of the permission matrix (test/helpers/permission-table.ts): role-level rules
// only; whose plan, which state and drafts' visibility are tested in plan-editor.test.ts. Bodies fail
// validation (400) and ids 999999 are unknown (404), so the matrix changes nothing.
import type { RouteCase, Who } from './helpers/permission-table.js'

const PLAN_MANAGERS: Who[] = ['admin', 'planCoordinator']

export const PLAN_EDITOR_ROUTES: RouteCase[] = [
  { method: 'POST', url: '/api/plans', path: () => '/api/plans', body: () => ({}), allowed: PLAN_MANAGERS },
  { method: 'PATCH', url: '/api/plans/:id', path: (f) => `/api/plans/${f.planId}`, body: () => ({}), allowed: PLAN_MANAGERS },
  ...(['activate', 'close'] as const).map((step): RouteCase => ({
    method: 'POST',
    url: `/api/plans/:id/${step}`,
    path: (f) => `/api/plans/${f.planId}/${step}`,
    body: () => ({}),
    allowed: PLAN_MANAGERS,
  })),
  { method: 'POST', url: '/api/plans/:id/reopen', path: (f) => `/api/plans/${f.planId}/reopen`, body: () => ({}), allowed: ['admin'] },
  { method: 'GET', url: '/api/plans/:id/structure', path: (f) => `/api/plans/${f.planId}/structure`, allowed: 'authenticated' },
  {
    method: 'POST',
    url: '/api/plans/:id/renumber',
    path: (f) => `/api/plans/${f.planId}/renumber`,
    body: () => ({}),
    allowed: PLAN_MANAGERS,
  },
  {
    method: 'POST',
    url: '/api/plans/:id/action-lines',
    path: (f) => `/api/plans/${f.planId}/action-lines`,
    body: () => ({}),
    allowed: PLAN_MANAGERS,
  },
  { method: 'PATCH', url: '/api/action-lines/:id', path: () => '/api/action-lines/999999', body: () => ({}), allowed: PLAN_MANAGERS },
  { method: 'DELETE', url: '/api/action-lines/:id', path: () => '/api/action-lines/999999', allowed: PLAN_MANAGERS },
  {
    method: 'POST',
    url: '/api/action-lines/:id/measures',
    path: () => '/api/action-lines/999999/measures',
    body: () => ({}),
    allowed: PLAN_MANAGERS,
  },
  {
    method: 'POST',
    url: '/api/measures/:id/move',
    path: (f) => `/api/measures/${f.measureId}/move`,
    body: () => ({}),
    allowed: PLAN_MANAGERS,
  },
  {
    method: 'POST',
    url: '/api/measures/:id/exclude',
    path: (f) => `/api/measures/${f.measureId}/exclude`,
    body: () => ({}),
    allowed: PLAN_MANAGERS,
  },
  { method: 'DELETE', url: '/api/measures/:id', path: () => '/api/measures/999999', allowed: PLAN_MANAGERS },
]
