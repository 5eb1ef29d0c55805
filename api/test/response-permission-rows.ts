// The response, coding and results rows of the permission matrix (test/helpers/permission-table.ts):
// role-level rules only; whose response, which survey and which state are tested in
// survey-responses.test.ts and survey-results.test.ts. Survey 999999 makes an allowed caller get 404.
import type { RouteCase, Who } from './helpers/permission-table.js'

/** The survey's coordinator: the plan coordinator of its institution, and admins. */
const SURVEY_MANAGERS: Who[] = ['admin', 'planCoordinator']
/** Who answers for their own institution: reporters, and a ministry coordinator for the ministry. */
const FILERS: Who[] = ['ministryCoordinator', 'reporterVPD', 'reporterVP']
const REPORT_READERS: Who[] = ['admin', 'planCoordinator', 'ministryCoordinator', 'viewer']

const response = '/api/surveys/999999/responses/VP'

export const RESPONSE_ROUTES: RouteCase[] = [
  { method: 'GET', url: '/api/surveys/:id/responses', path: () => '/api/surveys/999999/responses', allowed: SURVEY_MANAGERS },
  { method: 'GET', url: '/api/surveys/:id/responses/:institution', path: () => response, allowed: 'authenticated' },
  { method: 'PUT', url: '/api/surveys/:id/responses/:institution', path: () => response, body: () => ({}), allowed: FILERS },
  {
    method: 'POST',
    url: '/api/surveys/:id/responses/:institution/submit',
    path: () => `${response}/submit`,
    body: () => ({}),
    allowed: FILERS,
  },
  {
    method: 'POST',
    url: '/api/surveys/:id/responses/:institution/reopen',
    path: () => `${response}/reopen`,
    body: () => ({}),
    allowed: SURVEY_MANAGERS,
  },
  {
    method: 'PUT',
    url: '/api/surveys/:id/responses/:institution/codes',
    path: () => `${response}/codes`,
    body: () => ({}),
    allowed: SURVEY_MANAGERS,
  },
  {
    method: 'GET',
    url: '/api/surveys/:id/questions/:question/answers',
    path: () => '/api/surveys/999999/questions/why/answers',
    allowed: SURVEY_MANAGERS,
  },
  {
    method: 'PUT',
    url: '/api/surveys/:id/questions/:question/categories',
    path: () => '/api/surveys/999999/questions/why/categories',
    body: () => ({}),
    allowed: SURVEY_MANAGERS,
  },
  { method: 'GET', url: '/api/surveys/:id/results', path: () => '/api/surveys/999999/results', allowed: REPORT_READERS },
]
