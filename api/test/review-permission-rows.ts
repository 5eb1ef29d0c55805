// The rows of the permission matrix (test/helpers/permission-table.ts) for submission timeline, comments, undoing an acceptance and review in bulk (issue 15).
// Role-level rules with ids 999999 (an allowed caller gets 404 or 400, not 403); the institution-level
// rules (whose thread, whose acceptance) are tested in review-timeline.test.ts.
import type { RouteCase, Who } from './helpers/permission-table.js'

const PLAN_MANAGERS: Who[] = ['admin', 'planCoordinator']
/** Everyone who reviews submissions: the sector's ministry coordinator and the plan's coordinator. */
const REVIEWERS: Who[] = ['admin', 'planCoordinator', 'ministryCoordinator']
/** Everyone who may report for some institution; which institution is checked per submission. */
const WRITERS: Who[] = ['admin', 'planCoordinator', 'ministryCoordinator', 'reporterVPD', 'reporterVP']
/** Who may act for VPD: itself, its ministry's coordinator (TM), the plan coordinator and admins. */
const VPD_REACH: Who[] = ['admin', 'planCoordinator', 'ministryCoordinator', 'reporterVPD']

export const REVIEW_ROUTES: RouteCase[] = [
  {
    method: 'POST',
    url: '/api/submissions/:id/comments',
    path: () => '/api/submissions/999999/comments',
    body: () => ({ text: 'Matrica' }),
    allowed: WRITERS,
  },
  // The thread of VPD's draft: VPD and its reviewers; VP and the viewer are refused.
  {
    method: 'POST',
    url: '/api/submissions/:id/comments',
    variant: 'another institution’s draft',
    path: (f) => `/api/submissions/${f.vpdDraftId}/comments`,
    body: () => ({ text: 'Matrica' }),
    allowed: VPD_REACH,
  },
  {
    method: 'POST',
    url: '/api/submissions/:id/unaccept',
    path: () => '/api/submissions/999999/unaccept',
    body: () => ({ version: 1, reason: 'Matrica' }),
    allowed: PLAN_MANAGERS,
  },
  // A draft is not accepted: the plan's coordinators get 409, everyone else 403.
  {
    method: 'POST',
    url: '/api/submissions/:id/unaccept',
    variant: 'a draft',
    path: (f) => `/api/submissions/${f.vpdDraftId}/unaccept`,
    body: () => ({ version: 999999, reason: 'Matrica' }),
    allowed: PLAN_MANAGERS,
  },
  // Each item on its own: an unknown one is a NOT_FOUND result, not a refusal of the route.
  {
    method: 'POST',
    url: '/api/reviews/bulk',
    path: () => '/api/reviews/bulk',
    body: () => ({ action: 'endorse', items: [{ id: 999999, version: 1 }] }),
    allowed: REVIEWERS,
  },
]
