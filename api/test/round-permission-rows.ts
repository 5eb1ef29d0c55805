// The round, submission and evidence rows of the permission matrix (test/helpers/permission-table.ts):
// role-level rules only; the institution-level rules are tested in submissions.test.ts and evidence.test.ts.
import type { RouteCase, Who } from './helpers/permission-table.js'

const PLAN_MANAGERS: Who[] = ['admin', 'planCoordinator']
/** Everyone who reviews submissions: the sector's ministry coordinator and the plan's coordinator. */
const REVIEWERS: Who[] = ['admin', 'planCoordinator', 'ministryCoordinator']
/** Everyone who may report for some institution; which institution is checked per submission. */
const WRITERS: Who[] = ['admin', 'planCoordinator', 'ministryCoordinator', 'reporterVPD', 'reporterVP']

/** Round, submission and evidence routes. Ids 999999 make an allowed caller get 404, not 403. */
export const ROUND_ROUTES: RouteCase[] = [
  { method: 'POST', url: '/api/plans/:id/rounds', path: (f) => `/api/plans/${f.planId}/rounds`, body: () => ({}), allowed: PLAN_MANAGERS },
  { method: 'GET', url: '/api/plans/:id/rounds', path: (f) => `/api/plans/${f.planId}/rounds`, allowed: 'authenticated' },
  { method: 'GET', url: '/api/rounds/:id', path: () => '/api/rounds/999999', allowed: 'authenticated' },
  { method: 'POST', url: '/api/rounds/:id/close', path: () => '/api/rounds/999999/close', allowed: PLAN_MANAGERS },
  { method: 'GET', url: '/api/rounds/:id/completeness', path: () => '/api/rounds/999999/completeness', allowed: 'authenticated' },
  { method: 'GET', url: '/api/my/work', path: () => '/api/my/work', allowed: 'authenticated' },
  { method: 'GET', url: '/api/my/review', path: () => '/api/my/review', allowed: REVIEWERS },
  { method: 'GET', url: '/api/my/review/count', path: () => '/api/my/review/count', allowed: REVIEWERS },
  { method: 'POST', url: '/api/rounds/:id/submissions', path: () => '/api/rounds/999999/submissions', body: () => ({}), allowed: WRITERS },
  { method: 'GET', url: '/api/rounds/:id/submissions', path: () => '/api/rounds/999999/submissions', allowed: 'authenticated' },
  {
    method: 'GET',
    url: '/api/measures/:id/submissions',
    path: (f) => `/api/measures/${f.measureId}/submissions`,
    allowed: 'authenticated',
  },
  { method: 'GET', url: '/api/submissions/:id', path: () => '/api/submissions/999999', allowed: 'authenticated' },
  { method: 'PATCH', url: '/api/submissions/:id', path: () => '/api/submissions/999999', body: () => ({}), allowed: WRITERS },
  { method: 'POST', url: '/api/submissions/:id/submit', path: () => '/api/submissions/999999/submit', body: () => ({}), allowed: WRITERS },
  {
    method: 'POST',
    url: '/api/submissions/:id/endorse',
    path: () => '/api/submissions/999999/endorse',
    body: () => ({}),
    allowed: ['ministryCoordinator'],
  },
  {
    method: 'POST',
    url: '/api/submissions/:id/return',
    path: () => '/api/submissions/999999/return',
    body: () => ({}),
    allowed: REVIEWERS,
  },
  {
    method: 'POST',
    url: '/api/submissions/:id/accept',
    path: () => '/api/submissions/999999/accept',
    body: () => ({}),
    allowed: PLAN_MANAGERS,
  },
  {
    method: 'POST',
    url: '/api/submissions/:id/evidence',
    path: () => '/api/submissions/999999/evidence',
    body: () => ({}),
    allowed: WRITERS,
  },
  { method: 'GET', url: '/api/evidence/:id', path: () => '/api/evidence/999999', allowed: 'authenticated' },
  { method: 'DELETE', url: '/api/evidence/:id', path: () => '/api/evidence/999999', allowed: WRITERS },
]
