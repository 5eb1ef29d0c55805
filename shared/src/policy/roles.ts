// The role groups every role-level rule is written with: route guards, menus and the rules below.
// No other module spells out a list of roles.
import { Role } from '../enums.js'
import type { PolicyActor } from './actor.js'

export const RoleGroup = {
  /** Users, institutions, everything. */
  admins: [Role.admin],
  /** Run plans: import, rounds, acceptance, ratings, the report (each on the plans they coordinate). */
  planManagers: [Role.admin, Role.planCoordinator],
  /** Review submissions before or at acceptance. */
  reviewers: [Role.admin, Role.planCoordinator, Role.ministryCoordinator],
  /** Endorse a sector's submissions before the plan coordinator. */
  sectorReviewers: [Role.ministryCoordinator],
  /** Write progress for some institution (which ones: `canWriteFor`). */
  writers: [Role.admin, Role.planCoordinator, Role.ministryCoordinator, Role.reporter],
  /** File progress as their daily work: the "my work" list is theirs. */
  filers: [Role.ministryCoordinator, Role.reporter],
  /** Read the report preview and download it; reporters file progress, they do not read the report. */
  reportReaders: [Role.admin, Role.planCoordinator, Role.ministryCoordinator, Role.viewer],
} as const satisfies Record<string, readonly Role[]>

export type RoleGroup = keyof typeof RoleGroup

/** The system acts as an admin; a user by its role. */
export function inGroup(actor: PolicyActor, group: RoleGroup): boolean {
  return (RoleGroup[group] as readonly Role[]).includes(actor.kind === 'system' ? Role.admin : actor.role)
}

export const isAdmin = (actor: PolicyActor) => actor.kind === 'system' || actor.role === Role.admin
