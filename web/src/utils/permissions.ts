// What each role may do in the UI. The API enforces the same rules; the UI only hides what
// would be refused, so a civil servant never meets a button that cannot work for them.
import type { Role } from '@apt/shared'

const is = (role: Role | undefined, ...roles: Role[]) => role !== undefined && roles.includes(role)

export const permissions = {
  /** Files progress: reporters for their institution, ministry coordinators for their sector. */
  fileProgress: (role?: Role) => is(role, 'reporter', 'ministry_coordinator'),
  /** Has a "waiting for me" review list. */
  review: (role?: Role) => is(role, 'ministry_coordinator', 'plan_coordinator', 'admin'),
  endorse: (role?: Role) => is(role, 'ministry_coordinator'),
  accept: (role?: Role) => is(role, 'plan_coordinator', 'admin'),
  editMeasures: (role?: Role) => is(role, 'plan_coordinator', 'admin'),
  /** Reads the report preview and downloads the DOCX (reporters file progress, they do not read the report). */
  readReport: (role?: Role) => is(role, 'plan_coordinator', 'admin', 'ministry_coordinator', 'viewer'),
  editReport: (role?: Role) => is(role, 'plan_coordinator', 'admin'),
  readAudit: (role?: Role) => is(role, 'plan_coordinator', 'admin'),
  manageRounds: (role?: Role) => is(role, 'plan_coordinator', 'admin'),
  importPlans: (role?: Role) => is(role, 'plan_coordinator', 'admin'),
  manageUsers: (role?: Role) => is(role, 'admin'),
  manageInstitutions: (role?: Role) => is(role, 'admin'),
  /** Sees the administration area at all. */
  admin: (role?: Role) => is(role, 'plan_coordinator', 'admin'),
}
