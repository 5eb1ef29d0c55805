// The remind rows of the permission matrix (test/helpers/permission-table.ts): "Atgādināt kavētājiem"
// is the plan managers' (which plan's or survey's is checked per record, in notification-events.test.ts).
import type { RouteCase, Who } from './helpers/permission-table.js'

const PLAN_MANAGERS: Who[] = ['admin', 'planCoordinator']

/** Ids 999999 make an allowed caller get 404, not 403. */
export const NOTIFICATION_EVENT_ROUTES: RouteCase[] = [
  { method: 'POST', url: '/api/rounds/:id/remind', path: () => '/api/rounds/999999/remind', body: () => ({}), allowed: PLAN_MANAGERS },
  { method: 'POST', url: '/api/surveys/:id/remind', path: () => '/api/surveys/999999/remind', body: () => ({}), allowed: PLAN_MANAGERS },
]
