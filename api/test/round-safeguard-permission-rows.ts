// The rows of the permission matrix (test/helpers/permission-table.ts) for the check of a new round before it is saved (issue 15).
import type { RouteCase, Who } from './helpers/permission-table.js'

/** Those who may open rounds on the plan: its coordinator and admins. */
const PLAN_MANAGERS: Who[] = ['admin', 'planCoordinator']

export const ROUND_SAFEGUARD_ROUTES: RouteCase[] = [
  // An empty body: the allowed get 400 and nothing is checked; everyone else 401/403 before validation.
  {
    method: 'POST',
    url: '/api/plans/:id/rounds/check',
    path: (f) => `/api/plans/${f.planId}/rounds/check`,
    body: () => ({}),
    allowed: PLAN_MANAGERS,
  },
]
