// The survey rows of the permission matrix (test/helpers/permission-table.ts).
import type { RouteCase } from './helpers/permission-table.js'

export const SURVEY_ROUTES: RouteCase[] = []
