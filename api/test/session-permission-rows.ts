// The rows of the permission matrix (test/helpers/permission-table.ts) for asking who is logged in without an error status (issue 15).
import type { RouteCase } from './helpers/permission-table.js'

export const SESSION_ROUTES: RouteCase[] = []
