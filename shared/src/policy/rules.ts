// Every per-record rule of who may do what, as pure functions of an actor and the record's facts.
// PRODUCT.md "Who uses it" is their source. The API's services enforce them, the API's presenters
// turn them into `abilities`, and the web app shows controls from those abilities.
import { type PlanState, Role, type RoundState, type SubmissionState, type SurveyState } from '../enums.js'
import type { FieldError } from '../errors.js'
import type { InstitutionRef, PolicyActor } from './actor.js'
import { inGroup, isAdmin } from './roles.js'

export interface PlanFacts {
  coordinatorId: number
  state: PlanState
}

export interface RoundFacts {
  state: RoundState
}

export interface SubmissionFacts {
  institution: InstitutionRef
  state: SubmissionState
}

// ---- plans and measures ----

/** A plan coordinator runs what its institution coordinates (plans, surveys); an admin (and the system) all. */
export function coordinates(actor: PolicyActor, coordinatorId: number): boolean {
  if (isAdmin(actor)) return true
  return actor.kind === 'user' && actor.role === Role.planCoordinator && actor.institutionId === coordinatorId
}

/** A plan coordinator manages the plans its institution coordinates; an admin (and the system) all. */
export const canManagePlan = (actor: PolicyActor, plan: PlanFacts): boolean => coordinates(actor, plan.coordinatorId)

/** A draft is seen only by those who manage it; an active or closed plan by every logged-in user. */
export function canSeePlan(actor: PolicyActor, plan: PlanFacts): boolean {
  return plan.state !== 'draft' || canManagePlan(actor, plan)
}

/**
 * Shaping the plan (its fields, action lines and measures: add, change, move, remove, renumber) is
 * its coordinator's until it is closed. On an active plan every such change is an amendment of an
 * approved plan: see `structureNeedsReason`.
 */
export function canEditPlan(actor: PolicyActor, plan: PlanFacts): boolean {
  return plan.state !== 'closed' && canManagePlan(actor, plan)
}

/** An approved plan changes only as the Cabinet amends it, so each change states why. */
export const structureNeedsReason = (plan: PlanFacts) => plan.state === 'active'

/** Editing a measure's fields and rating it (its official status) are the plan's coordinator's while the plan is open. */
export const canEditMeasure = canEditPlan
export const canRateMeasure = (actor: PolicyActor, plan: PlanFacts) => plan.state === 'active' && canManagePlan(actor, plan)
/** Rounds run on an approved plan only. */
export const canOpenRound = (actor: PolicyActor, plan: PlanFacts) => plan.state === 'active' && canManagePlan(actor, plan)
export const canEditReport = canEditPlan

/** The coordinator moves a plan forward: draft → active (approved), active → closed (reported). */
export const canActivatePlan = (actor: PolicyActor, plan: PlanFacts) => plan.state === 'draft' && canManagePlan(actor, plan)
export const canClosePlan = (actor: PolicyActor, plan: PlanFacts) => plan.state === 'active' && canManagePlan(actor, plan)
/** Only an admin takes a closed plan back to active, with a reason. */
export const canReopenPlan = (actor: PolicyActor, plan: PlanFacts) => plan.state === 'closed' && isAdmin(actor)

/** The audit of a plan: its coordinator and admins. */
export const canReadPlanAudit = canManagePlan

/** New institutions widen a ministry's reach, so only an admin (or the system's own first-run import) adds them. */
export const canAddInstitutions = isAdmin

// ---- progress: whose work is whose ----

/** Reporters for their institution, ministry coordinators for their sector, the plan's coordinator and admins for all. */
export function canWriteFor(actor: PolicyActor, plan: PlanFacts, institution: InstitutionRef): boolean {
  if (canManagePlan(actor, plan)) return true
  if (actor.kind !== 'user') return false
  if (actor.role === Role.ministryCoordinator) return institution.sectorId === actor.sectorId
  if (actor.role === Role.reporter) return institution.id === actor.institutionId
  return false
}

/** A ministry coordinator reviews the submissions of its ministry and the agencies under it. */
export function isSectorCoordinatorOf(actor: PolicyActor, institution: InstitutionRef): boolean {
  return actor.kind === 'user' && actor.role === Role.ministryCoordinator && institution.sectorId === actor.sectorId
}

/** States in which the institution is still writing: text and evidence may change. */
const EDITABLE: ReadonlySet<SubmissionState> = new Set(['draft', 'returned'])
export const isEditableState = (state: SubmissionState) => EDITABLE.has(state)

/**
 * Who sees a submission (and its evidence): the institution's reach and the plan's coordinator
 * always; viewers once it has been handed in. A reporter never sees another institution's work.
 */
export function canSeeSubmission(actor: PolicyActor, plan: PlanFacts, submission: SubmissionFacts): boolean {
  if (canWriteFor(actor, plan, submission.institution)) return true
  return actor.kind === 'user' && actor.role === Role.viewer && !isEditableState(submission.state)
}

/**
 * Closing a round stops new submissions: no new drafts, and drafts never handed in freeze. A
 * submission the reviewers returned stays correctable, because they asked for the correction.
 */
export function roundTakesWork(round: RoundFacts, submission?: { state: SubmissionState }): boolean {
  return round.state === 'open' || submission?.state === 'returned'
}

export type ReviewStep = 'submit' | 'endorse' | 'return' | 'accept'

export const STEP_TARGET: Record<ReviewStep, SubmissionState> = {
  submit: 'submitted',
  endorse: 'endorsed',
  return: 'returned',
  accept: 'accepted',
}

/**
 * The states from which this actor may take this step on a submission of this institution; empty
 * means the actor may never take it (403), a non-empty list without the current state means the
 * step does not fit the submission now (409).
 */
export function stepSources(
  step: ReviewStep,
  actor: PolicyActor,
  plan: PlanFacts,
  institution: InstitutionRef,
): readonly SubmissionState[] {
  switch (step) {
    case 'submit':
      return canWriteFor(actor, plan, institution) ? ['draft', 'returned'] : []
    case 'endorse':
      return isSectorCoordinatorOf(actor, institution) ? ['submitted'] : []
    case 'return':
      if (canManagePlan(actor, plan)) return ['submitted', 'endorsed']
      return isSectorCoordinatorOf(actor, institution) ? ['submitted'] : []
    case 'accept':
      return canManagePlan(actor, plan) ? ['submitted', 'endorsed'] : []
  }
}

/** May the actor take this step on this submission now (in its current state, in this round)? */
export function canTakeStep(
  step: ReviewStep,
  actor: PolicyActor,
  plan: PlanFacts,
  round: RoundFacts,
  submission: SubmissionFacts,
): boolean {
  if (!stepSources(step, actor, plan, submission.institution).includes(submission.state)) return false
  return step !== 'submit' || roundTakesWork(round, submission)
}

/** May the actor undo the submission's acceptance (with a reason)? The plan's coordinators, while the round is open. */
export function canUndoAcceptance(actor: PolicyActor, plan: PlanFacts, round: RoundFacts, submission: SubmissionFacts): boolean {
  return canManagePlan(actor, plan) && submission.state === 'accepted' && round.state === 'open'
}

/**
 * May the actor write in the submission's comment thread? Its institution and its reviewers (the
 * sector's ministry coordinator, the plan's coordinators): those who may write for the institution.
 */
export function canCommentOnSubmission(actor: PolicyActor, plan: PlanFacts, submission: SubmissionFacts): boolean {
  return canWriteFor(actor, plan, submission.institution)
}

/** May the actor change the submission's text and evidence now? */
export function canEditSubmission(actor: PolicyActor, plan: PlanFacts, round: RoundFacts, submission: SubmissionFacts): boolean {
  return canWriteFor(actor, plan, submission.institution) && isEditableState(submission.state) && roundTakesWork(round, submission)
}

/** What must be there before a submission is handed in; every gap at once. */
export function submissionGaps(submission: { text: string; proposedStatus: string; reason: string | null }): FieldError[] {
  const gaps: FieldError[] = []
  if (!submission.text.trim()) gaps.push({ path: '/text', message: 'is required before submitting' })
  if (submission.proposedStatus === 'pending')
    gaps.push({ path: '/proposedStatus', message: 'must propose done, partial or not_done before submitting' })
  if (!submission.reason?.trim()) gaps.push({ path: '/reason', message: 'is required before submitting' })
  return gaps
}

// ---- surveys ----

export interface SurveyFacts {
  coordinatorId: number
  state: SurveyState
}

export interface ResponseFacts {
  /** The answering institution, and whether the survey asks it. */
  institutionId: number
  inAudience: boolean
  state: 'draft' | 'submitted' | 'missing'
  /** Reopened by the coordinator for correction: stays correctable after the survey closes. */
  reopened: boolean
}

/** The survey's coordinator (the plan coordinator of its institution) and admins build and run it. */
export const canManageSurvey = (actor: PolicyActor, survey: SurveyFacts) => coordinates(actor, survey.coordinatorId)

/** A draft survey is its coordinator's; once open, every logged-in user sees the questionnaire. */
export const canSeeSurvey = (actor: PolicyActor, survey: SurveyFacts) => survey.state !== 'draft' || canManageSurvey(actor, survey)

/** The questionnaire and its header change until the survey closes (once answered, wording only). */
export const canEditSurvey = (actor: PolicyActor, survey: SurveyFacts) => survey.state !== 'closed' && canManageSurvey(actor, survey)

/** Results: the coordinator, and those who read reports. */
export const canReadSurveyResults = (actor: PolicyActor, survey: SurveyFacts) =>
  canManageSurvey(actor, survey) || (survey.state !== 'draft' && inGroup(actor, 'reportReaders'))

/** A response is seen by its own institution's users and the survey's coordinator; no other institution. */
export function canSeeResponse(actor: PolicyActor, survey: SurveyFacts, response: Pick<ResponseFacts, 'institutionId'>): boolean {
  if (canManageSurvey(actor, survey)) return true
  return actor.kind === 'user' && actor.institutionId === response.institutionId
}

/**
 * An institution answers for itself only: its reporters (and a ministry coordinator for the ministry
 * itself), while the survey is open, or later when the coordinator reopened its response.
 */
export function canAnswer(actor: PolicyActor, survey: SurveyFacts, response: ResponseFacts): boolean {
  if (actor.kind !== 'user' || actor.institutionId !== response.institutionId || !inGroup(actor, 'filers')) return false
  if (!response.inAudience || response.state === 'submitted') return false
  return survey.state === 'open' || (survey.state === 'closed' && response.reopened)
}

/** The coordinator reopens a submitted response for correction, and codes free-text answers. */
export const canReopenResponse = (actor: PolicyActor, survey: SurveyFacts, response: Pick<ResponseFacts, 'state'>) =>
  response.state === 'submitted' && survey.state !== 'draft' && canManageSurvey(actor, survey)
export const canCodeAnswers = canManageSurvey

// ---- publishing: the public pages and open data (issue #17) ----

/** An approved plan (active or closed) is published by its coordinator; a draft is not the Cabinet's plan yet. */
export const canPublishPlan = (actor: PolicyActor, plan: PlanFacts) => plan.state !== 'draft' && canManagePlan(actor, plan)
/** Its coordinator may take a published plan back at any time. */
export const canUnpublishPlan = canManagePlan
/** A survey's results are published by its coordinator once the survey is closed (the figures are final). */
export const canPublishSurveyResults = (actor: PolicyActor, survey: SurveyFacts) =>
  survey.state === 'closed' && canManageSurvey(actor, survey)
export const canUnpublishSurveyResults = canManageSurvey
/** An accepted submission's evidence file is made public (or private again) by the plan's coordinator. */
export const canMarkEvidencePublic = (actor: PolicyActor, plan: PlanFacts, submission: Pick<SubmissionFacts, 'state'>) =>
  submission.state === 'accepted' && canManagePlan(actor, plan)
/** A report export is published with the plan by the plan's coordinator. */
export const canPublishReport = canManagePlan
/** The licence of all open data is the product's: an admin's setting. */
export const canSetOpenDataLicence = isAdmin

export const canManageUsers = isAdmin
export const canManageInstitutions = isAdmin
export const canImportPlans = (actor: PolicyActor) => inGroup(actor, 'planManagers')
/** Creating a plan (a draft, from nothing or from a file) is a plan manager's; the new plan's coordinator must be the creator's institution unless an admin creates it. */
export const canCreatePlan = canImportPlans
export function canCoordinateFrom(actor: PolicyActor, coordinatorId: number): boolean {
  return isAdmin(actor) || (actor.kind === 'user' && actor.institutionId === coordinatorId)
}
export const canReadReports = (actor: PolicyActor) => inGroup(actor, 'reportReaders')
