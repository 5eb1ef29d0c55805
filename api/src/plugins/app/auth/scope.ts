// Institution-level permission rules, one function per question, used by repositories and routes
// after the route's role rule has passed. PRODUCT.md "Who uses it" is the source of these rules.
import { ErrorCode, Role } from '@apt/shared'
import { AppError } from '../errors.js'
import type { InstitutionTree } from '../institutions/institution-tree.js'
import type { CurrentUser } from './sessions.js'

export const forbidden = (message: string) => new AppError(ErrorCode.forbidden, message)

/** A plan coordinator manages the plans its institution coordinates; an admin manages all. */
export function canManagePlan(user: CurrentUser, plan: { coordinatorId: number }): boolean {
  return user.role === Role.admin || (user.role === Role.planCoordinator && user.institutionId === plan.coordinatorId)
}

export function assertCanManagePlan(user: CurrentUser, plan: { coordinatorId: number }) {
  if (!canManagePlan(user, plan)) throw forbidden('Only the plan’s coordinating institution may do this')
}

/**
 * The institutions a user may report for: a reporter its own; a ministry coordinator its ministry
 * and every agency under it; null means every institution (admin, and a plan coordinator on its plans).
 */
export function reportingReach(user: CurrentUser, tree: InstitutionTree, plan: { coordinatorId: number }): Set<number> | null {
  if (canManagePlan(user, plan)) return null
  if (user.role === Role.ministryCoordinator) return tree.subtree(tree.root(user.institutionId).id)
  if (user.role === Role.reporter) return new Set([user.institutionId])
  return new Set()
}

export const reaches = (reach: Set<number> | null, institutionId: number) => reach === null || reach.has(institutionId)
