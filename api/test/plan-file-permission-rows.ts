// The plan file rows of the permission matrix (test/helpers/permission-table.ts).
import type { RouteCase, Who } from './helpers/permission-table.js'

const PLAN_MANAGERS: Who[] = ['admin', 'planCoordinator']

/** A JSON body instead of the multipart form: 415 for those allowed, nothing written. */
export const PLAN_FILE_ROUTES: RouteCase[] = [
  {
    method: 'POST',
    url: '/api/plans/import/docx',
    path: () => '/api/plans/import/docx?dryRun=true',
    body: () => ({}),
    allowed: PLAN_MANAGERS,
  },
  {
    method: 'POST',
    url: '/api/plans/import/xlsx',
    path: () => '/api/plans/import/xlsx?dryRun=true',
    body: () => ({}),
    allowed: PLAN_MANAGERS,
  },
]
