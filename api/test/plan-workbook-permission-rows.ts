// The plan workbook rows of the permission matrix (test/helpers/permission-table.ts).
import type { RouteCase, Who } from './helpers/permission-table.js'

const PLAN_MANAGERS: Who[] = ['admin', 'planCoordinator']

export const PLAN_WORKBOOK_ROUTES: RouteCase[] = [
  { method: 'GET', url: '/api/plans/:id/plan.xlsx', path: (f) => `/api/plans/${f.planId}/plan.xlsx`, allowed: 'authenticated' },
  // A JSON body instead of the multipart form: 415 for those allowed, nothing written.
  {
    method: 'POST',
    url: '/api/plans/:id/import/xlsx',
    path: (f) => `/api/plans/${f.planId}/import/xlsx?dryRun=true`,
    body: () => ({}),
    allowed: PLAN_MANAGERS,
  },
]
