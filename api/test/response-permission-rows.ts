// The response rows of the permission matrix (test/helpers/permission-table.ts).
import type { RouteCase } from './helpers/permission-table.js'

export const RESPONSE_ROUTES: RouteCase[] = []
