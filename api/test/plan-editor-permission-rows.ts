// The plan editor rows of the permission matrix (test/helpers/permission-table.ts).
import type { RouteCase } from './helpers/permission-table.js'

export const PLAN_EDITOR_ROUTES: RouteCase[] = []
