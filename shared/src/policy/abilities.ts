// What the caller may do with each record, computed from the rules for the API's responses. The
// web app shows a control when, and only when, its ability is true.
import type { MeasureAbilities, PlanAbilities, RoundAbilities, SubmissionAbilities, UserAbilities } from '../schemas/abilities.js'
import type { PolicyActor } from './actor.js'
import { inGroup, isAdmin } from './roles.js'
import {
  canActivatePlan,
  canClosePlan,
  canEditPlan,
  canReopenPlan,
  canEditMeasure,
  canEditReport,
  canEditSubmission,
  canImportPlans,
  canManagePlan,
  canOpenRound,
  canRateMeasure,
  canReadPlanAudit,
  canReadReports,
  canTakeStep,
  canUndoAcceptance,
  canCommentOnSubmission,
  type PlanFacts,
  type RoundFacts,
  type SubmissionFacts,
} from './rules.js'

export function planAbilities(actor: PolicyActor, plan: PlanFacts): PlanAbilities {
  return {
    edit: canEditPlan(actor, plan),
    activate: canActivatePlan(actor, plan),
    close: canClosePlan(actor, plan),
    reopen: canReopenPlan(actor, plan),
    openRound: canOpenRound(actor, plan),
    editReport: canEditReport(actor, plan),
    readReport: canReadReports(actor),
    readAudit: canReadPlanAudit(actor, plan),
  }
}

export function measureAbilities(actor: PolicyActor, plan: PlanFacts): MeasureAbilities {
  return { edit: canEditMeasure(actor, plan), rate: canRateMeasure(actor, plan) }
}

export function roundAbilities(actor: PolicyActor, plan: PlanFacts, round: RoundFacts): RoundAbilities {
  return { close: canManagePlan(actor, plan) && round.state === 'open' }
}

export function submissionAbilities(
  actor: PolicyActor,
  plan: PlanFacts,
  round: RoundFacts,
  submission: SubmissionFacts,
): SubmissionAbilities {
  return {
    edit: canEditSubmission(actor, plan, round, submission),
    submit: canTakeStep('submit', actor, plan, round, submission),
    endorse: canTakeStep('endorse', actor, plan, round, submission),
    return: canTakeStep('return', actor, plan, round, submission),
    accept: canTakeStep('accept', actor, plan, round, submission),
    unaccept: canUndoAcceptance(actor, plan, round, submission),
    comment: canCommentOnSubmission(actor, plan, submission),
  }
}

/** Nobody logged in opens nothing. */
export const NO_USER_ABILITIES: UserAbilities = {
  administer: false,
  manageUsers: false,
  manageInstitutions: false,
  importPlans: false,
  manageRounds: false,
  manageSurveys: false,
  review: false,
  fileProgress: false,
  readReport: false,
  readAudit: false,
}

/** Role-level abilities of the current user: which areas of the app it has. */
export function userAbilities(actor: PolicyActor): UserAbilities {
  return {
    administer: inGroup(actor, 'planManagers'),
    manageUsers: isAdmin(actor),
    manageInstitutions: isAdmin(actor),
    importPlans: canImportPlans(actor),
    manageRounds: inGroup(actor, 'planManagers'),
    manageSurveys: inGroup(actor, 'planManagers'),
    review: inGroup(actor, 'reviewers'),
    fileProgress: inGroup(actor, 'filers'),
    readReport: canReadReports(actor),
    readAudit: inGroup(actor, 'planManagers'),
  }
}
