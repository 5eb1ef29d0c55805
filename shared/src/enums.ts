// Domain enums shared by the API and the web app, each with its Latvian and English labels.
// Their JSON Schemas are in schemas/enums.ts.
// Plain values, no schema machinery: the web app's first load imports these.

export const MeasureStatus = {
  done: 'done',
  partial: 'partial',
  notDone: 'not_done',
  pending: 'pending',
} as const
export type MeasureStatus = (typeof MeasureStatus)[keyof typeof MeasureStatus]
export const MEASURE_STATUSES = Object.values(MeasureStatus)

export const MEASURE_STATUS_LABELS: Record<'lv' | 'en', Record<MeasureStatus, string>> = {
  lv: { done: 'Izpildīts', partial: 'Daļēji izpildīts', not_done: 'Nav izpildīts', pending: 'Nav novērtēts' },
  en: { done: 'Done', partial: 'Partly done', not_done: 'Not done', pending: 'Not assessed' },
}

export const InstitutionKind = {
  ministry: 'ministry',
  agency: 'agency',
  municipality: 'municipality',
  ngo: 'ngo',
  other: 'other',
} as const
export type InstitutionKind = (typeof InstitutionKind)[keyof typeof InstitutionKind]
export const INSTITUTION_KINDS = Object.values(InstitutionKind)

export const BudgetSource = {
  stateBudget: 'state_budget',
  additionalStateBudget: 'additional_state_budget',
  euFunds: 'eu_funds',
  other: 'other',
} as const
export type BudgetSource = (typeof BudgetSource)[keyof typeof BudgetSource]
export const BUDGET_SOURCES = Object.values(BudgetSource)

export const BUDGET_SOURCE_LABELS: Record<'lv' | 'en', Record<BudgetSource, string>> = {
  lv: {
    state_budget: 'valsts budžets',
    additional_state_budget: 'papildu valsts budžeta līdzekļi',
    eu_funds: 'ES fondi',
    other: 'cits avots',
  },
  en: {
    state_budget: 'state budget',
    additional_state_budget: 'additional state budget',
    eu_funds: 'EU funds',
    other: 'other source',
  },
}

export const Role = {
  admin: 'admin',
  planCoordinator: 'plan_coordinator',
  ministryCoordinator: 'ministry_coordinator',
  reporter: 'reporter',
  viewer: 'viewer',
} as const
export type Role = (typeof Role)[keyof typeof Role]
export const ROLES = Object.values(Role)

export const ROLE_LABELS: Record<'lv' | 'en', Record<Role, string>> = {
  lv: {
    admin: 'Administrators',
    plan_coordinator: 'Plāna koordinators',
    ministry_coordinator: 'Ministrijas koordinators',
    reporter: 'Ziņotājs',
    viewer: 'Skatītājs',
  },
  en: {
    admin: 'Administrator',
    plan_coordinator: 'Plan coordinator',
    ministry_coordinator: 'Ministry coordinator',
    reporter: 'Reporter',
    viewer: 'Viewer',
  },
}

export const InstitutionRole = { responsible: 'responsible', involved: 'involved' } as const
export type InstitutionRole = (typeof InstitutionRole)[keyof typeof InstitutionRole]

/**
 * A plan's life: draft (being prepared, seen only by those who manage it) → active (approved:
 * rounds run on it; structural changes need a reason) → closed (reported to the Cabinet: read-only).
 * An admin may reopen a closed plan.
 */
export const PlanState = { draft: 'draft', active: 'active', closed: 'closed' } as const
export type PlanState = (typeof PlanState)[keyof typeof PlanState]
export const PLAN_STATES = Object.values(PlanState)

export const PLAN_STATE_LABELS: Record<'lv' | 'en', Record<PlanState, string>> = {
  lv: { draft: 'Sagatavošanā', active: 'Apstiprināts', closed: 'Slēgts' },
  en: { draft: 'Draft', active: 'Active', closed: 'Closed' },
}

/** A survey's life: draft (being built) → open (the audience answers) → closed (counted); it may open again. */
export const SurveyState = { draft: 'draft', open: 'open', closed: 'closed' } as const
export type SurveyState = (typeof SurveyState)[keyof typeof SurveyState]
export const SURVEY_STATES = Object.values(SurveyState)

export const SURVEY_STATE_LABELS: Record<'lv' | 'en', Record<SurveyState, string>> = {
  lv: { draft: 'Sagatavošanā', open: 'Atvērta', closed: 'Slēgta' },
  en: { draft: 'Draft', open: 'Open', closed: 'Closed' },
}

export const RoundState = { open: 'open', closed: 'closed' } as const
export type RoundState = (typeof RoundState)[keyof typeof RoundState]
export const ROUND_STATES = Object.values(RoundState)

/** A submission's life: draft → submitted → (endorsed →) accepted, or returned back to the institution. */
export const SubmissionState = {
  draft: 'draft',
  submitted: 'submitted',
  endorsed: 'endorsed',
  returned: 'returned',
  accepted: 'accepted',
} as const
export type SubmissionState = (typeof SubmissionState)[keyof typeof SubmissionState]
export const SUBMISSION_STATES = Object.values(SubmissionState)

/** Completeness also knows "missing": owed but not started. */
export const CompletenessState = { missing: 'missing', ...SubmissionState } as const
export type CompletenessState = (typeof CompletenessState)[keyof typeof CompletenessState]
