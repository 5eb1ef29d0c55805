// The survey rows of the permission matrix (test/helpers/permission-table.ts): role-level rules
// only; whose survey, which state and drafts' visibility are tested in surveys.test.ts. Bodies fail
// validation (400) and ids 999999 are unknown (404), so the matrix changes nothing.
import type { RouteCase, Who } from './helpers/permission-table.js'

const PLAN_MANAGERS: Who[] = ['admin', 'planCoordinator']
const UNKNOWN = '/api/surveys/999999'

export const SURVEY_ROUTES: RouteCase[] = [
  { method: 'GET', url: '/api/surveys', path: () => '/api/surveys', allowed: 'authenticated' },
  { method: 'POST', url: '/api/surveys', path: () => '/api/surveys', body: () => ({}), allowed: PLAN_MANAGERS },
  { method: 'POST', url: '/api/surveys/import', path: () => '/api/surveys/import', body: () => ({}), allowed: PLAN_MANAGERS },
  { method: 'GET', url: '/api/surveys/:id', path: () => UNKNOWN, allowed: 'authenticated' },
  { method: 'GET', url: '/api/surveys/:id/export', path: () => `${UNKNOWN}/export`, allowed: 'authenticated' },
  { method: 'PATCH', url: '/api/surveys/:id', path: () => UNKNOWN, body: () => ({}), allowed: PLAN_MANAGERS },
  {
    method: 'PUT',
    url: '/api/surveys/:id/questionnaire',
    path: () => `${UNKNOWN}/questionnaire`,
    body: () => ({}),
    allowed: PLAN_MANAGERS,
  },
  ...(['open', 'close', 'copy'] as const).map((step): RouteCase => ({
    method: 'POST',
    url: `/api/surveys/:id/${step}`,
    path: () => `${UNKNOWN}/${step}`,
    body: () => ({}),
    allowed: PLAN_MANAGERS,
  })),
  { method: 'DELETE', url: '/api/surveys/:id', path: () => UNKNOWN, allowed: PLAN_MANAGERS },
  // The survey's outputs (outputs.ts): for its results' readers (the report readers); a reporter never.
  {
    method: 'GET',
    url: '/api/surveys/:id/report.docx',
    path: () => `${UNKNOWN}/report.docx`,
    allowed: ['admin', 'planCoordinator', 'ministryCoordinator', 'viewer'],
  },
  {
    method: 'GET',
    url: '/api/surveys/:id/responses.xlsx',
    path: () => `${UNKNOWN}/responses.xlsx`,
    allowed: ['admin', 'planCoordinator', 'ministryCoordinator', 'viewer'],
  },
]
