// Who is acting, as the policy sees it: a user with a role and an institution, or the system itself
// (first-run data, imports run by the product). The API adds request facts to this; the web app
// builds it from the session.
import type { Role } from '../enums.js'

export interface UserActor {
  kind: 'user'
  id: number
  role: Role
  institutionId: number
  /** The top-level institution above the user's (its ministry): a ministry coordinator's sector. */
  sectorId: number
}

/** The product acting on its own behalf: may do anything a rule allows an admin. */
export interface SystemActor {
  kind: 'system'
}

export type PolicyActor = UserActor | SystemActor

/** An institution as the rules need it: itself and its sector (top-level institution). */
export interface InstitutionRef {
  id: number
  sectorId: number
}
