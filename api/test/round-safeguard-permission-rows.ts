// The rows of the permission matrix (test/helpers/permission-table.ts) for the check of a new round before it is saved (issue 15).
import type { RouteCase } from './helpers/permission-table.js'

export const ROUND_SAFEGUARD_ROUTES: RouteCase[] = []
