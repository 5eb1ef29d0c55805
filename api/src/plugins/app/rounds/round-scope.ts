// Who may do what with rounds, submissions and evidence, one function per question, on top of the
// plan-level rules in ../auth/scope.ts. The permission rules are the source; keep them strict.
import { ErrorCode, Role, type SubmissionState } from '@apt/shared'
import { AppError } from '../errors.js'
import { canManagePlan, forbidden, reaches, reportingReach } from '../auth/scope.js'
import type { InstitutionTree } from '../institutions/institution-tree.js'
import type { CurrentUser } from '../auth/sessions.js'

type Plan = { coordinatorId: number }
type RoundLike = { state: 'open' | 'closed' }
type SubmissionLike = { institutionId: number; state: SubmissionState }

/**
 * States in which the institution is still writing: text and evidence may change, and only its own
 * people and the coordinators see them.
 */
const EDITABLE: ReadonlySet<SubmissionState> = new Set(['draft', 'returned'])

export const isEditable = (state: SubmissionState) => EDITABLE.has(state)

/** Reporters for their institution, ministry coordinators for their sector, the plan's coordinator and admins for all. */
export function canWriteFor(user: CurrentUser, tree: InstitutionTree, plan: Plan, institutionId: number): boolean {
  return reaches(reportingReach(user, tree, plan), institutionId)
}

export function assertCanWriteFor(user: CurrentUser, tree: InstitutionTree, plan: Plan, institutionId: number) {
  if (!canWriteFor(user, tree, plan, institutionId)) throw forbidden('You may not report for this institution')
}

/**
 * Who sees a submission (and its evidence): the institution's reach and the plan's coordinator
 * always; viewers once it has been handed in. Nobody else — a reporter never sees another
 * institution's work, so a direct read answers 403 and lists leave it out.
 */
export function canSeeSubmission(user: CurrentUser, tree: InstitutionTree, plan: Plan, submission: SubmissionLike): boolean {
  if (canWriteFor(user, tree, plan, submission.institutionId)) return true
  return user.role === Role.viewer && !EDITABLE.has(submission.state)
}

export function assertCanSeeSubmission(user: CurrentUser, tree: InstitutionTree, plan: Plan, submission: SubmissionLike) {
  if (!canSeeSubmission(user, tree, plan, submission)) throw forbidden('You may not see this submission')
}

/** A ministry coordinator reviews the submissions of its ministry and the agencies under it. */
export function isSectorCoordinatorOf(user: CurrentUser, tree: InstitutionTree, institutionId: number): boolean {
  return user.role === Role.ministryCoordinator && tree.subtree(tree.root(user.institutionId).id).has(institutionId)
}

export type ReviewAction = 'submit' | 'endorse' | 'return' | 'accept'

export const TARGET_STATE: Record<ReviewAction, SubmissionState> = {
  submit: 'submitted',
  endorse: 'endorsed',
  return: 'returned',
  accept: 'accepted',
}

/**
 * The states from which this user may take this step on a submission of this institution; empty
 * means the user may never take it (403), a non-empty list without the current state means the
 * step does not fit the submission now (409).
 */
export function transitionSources(
  action: ReviewAction,
  user: CurrentUser,
  tree: InstitutionTree,
  plan: Plan,
  institutionId: number,
): readonly SubmissionState[] {
  switch (action) {
    case 'submit':
      return canWriteFor(user, tree, plan, institutionId) ? ['draft', 'returned'] : []
    case 'endorse':
      return isSectorCoordinatorOf(user, tree, institutionId) ? ['submitted'] : []
    case 'return':
      if (canManagePlan(user, plan)) return ['submitted', 'endorsed']
      return isSectorCoordinatorOf(user, tree, institutionId) ? ['submitted'] : []
    case 'accept':
      return canManagePlan(user, plan) ? ['submitted', 'endorsed'] : []
  }
}

/**
 * Closing a round stops new submissions: no new drafts, and drafts never handed in freeze. A
 * submission the reviewers returned stays correctable, because they asked for the correction.
 */
export function assertRoundTakesWork(round: RoundLike, submission?: { state: SubmissionState }) {
  if (round.state === 'open' || submission?.state === 'returned') return
  throw new AppError(ErrorCode.roundClosed, 'The round is closed: it takes no new submissions')
}
