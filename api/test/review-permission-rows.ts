// The rows of the permission matrix (test/helpers/permission-table.ts) for submission timeline, comments, undoing an acceptance and review in bulk (issue 15).
import type { RouteCase } from './helpers/permission-table.js'

export const REVIEW_ROUTES: RouteCase[] = []
