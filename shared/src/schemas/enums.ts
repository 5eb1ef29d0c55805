// The domain enums as JSON Schemas, for request and response validation.
import { Type } from '@sinclair/typebox'
import {
  BUDGET_SOURCES,
  INSTITUTION_KINDS,
  MEASURE_STATUSES,
  PLAN_STATES,
  SURVEY_STATES,
  ROLES,
  RoundState,
  SUBMISSION_STATES,
} from '../enums.js'

/** A string enum as JSON Schema `enum`: one clear validation message and a tidy OpenAPI type. */
export const StringEnum = <T extends string>(values: readonly T[], options: { description?: string; default?: T } = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options })

export const MeasureStatusSchema = StringEnum(MEASURE_STATUSES)
export const InstitutionKindSchema = StringEnum(INSTITUTION_KINDS)
export const BudgetSourceSchema = StringEnum(BUDGET_SOURCES)
export const RoleSchema = StringEnum(ROLES)
export const RoundStateSchema = StringEnum(Object.values(RoundState))
export const SubmissionStateSchema = StringEnum(SUBMISSION_STATES)
export const PlanStateSchema = StringEnum(PLAN_STATES)
export const SurveyStateSchema = StringEnum(SURVEY_STATES)
