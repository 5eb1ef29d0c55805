import { Type, type Static } from '@sinclair/typebox'
import { IdSchema, Nullable } from './common.js'
import { PlanAbilitiesSchema } from './abilities.js'
import { DateSchema } from './plan-document.js'

export const PlanListItemSchema = Type.Object({
  id: IdSchema,
  code: Type.String(),
  title: Type.String(),
  period: Type.Object({ start: Type.String(), end: Type.String() }),
  coordinator: Type.String({ description: 'Institution code' }),
  reportDue: Nullable(Type.String()),
  measureCount: Type.Integer(),
  version: Type.Integer(),
  abilities: PlanAbilitiesSchema,
})
export type PlanListItem = Static<typeof PlanListItemSchema>

export const ActionLineSchema = Type.Object({
  id: IdSchema,
  number: Type.String(),
  title: Type.String(),
  goal: Nullable(Type.String()),
  measureCount: Type.Integer(),
})
export type ActionLine = Static<typeof ActionLineSchema>

export const PlanSchema = Type.Composite([
  PlanListItemSchema,
  Type.Object({
    approvedBy: Nullable(Type.String()),
    policyFramework: Nullable(Type.String()),
    goal: Nullable(Type.String()),
    predecessorId: Nullable(IdSchema),
    actionLines: Type.Array(ActionLineSchema),
  }),
])
export type Plan = Static<typeof PlanSchema>

const StatusCounts = {
  done: Type.Integer(),
  partial: Type.Integer(),
  not_done: Type.Integer(),
  pending: Type.Integer(),
}

export const PlanSummarySchema = Type.Object({
  total: Type.Integer(),
  byStatus: Type.Object(StatusCounts),
  byActionLine: Type.Array(Type.Object({ number: Type.String(), title: Type.String(), total: Type.Integer(), ...StatusCounts })),
  bySector: Type.Array(Type.Object({ sector: Type.String({ description: 'Institution code, or "several"' }), count: Type.Integer() })),
})
export type PlanSummary = Static<typeof PlanSummarySchema>

export const ImportResultSchema = Type.Object({
  id: IdSchema,
  code: Type.String(),
  measures: Type.Integer(),
})
export type ImportResult = Static<typeof ImportResultSchema>

export const DryRunResultSchema = Type.Object({
  valid: Type.Literal(true),
  code: Type.String(),
  measures: Type.Integer(),
  newInstitutions: Type.Array(Type.String()),
})
export type DryRunResult = Static<typeof DryRunResultSchema>

export const ImportQuerySchema = Type.Object({
  dryRun: Type.Boolean({ default: false, description: 'Validate only; write nothing.' }),
})
export type ImportQuery = Static<typeof ImportQuerySchema>

export const SuccessorPlanSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40 }),
    title: Type.String({ minLength: 1, maxLength: 1000 }),
    period: Type.Object({ start: DateSchema, end: DateSchema }, { additionalProperties: false }),
    approvedBy: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    reportDue: Type.Optional(Nullable(DateSchema)),
  },
  { additionalProperties: false },
)
export type SuccessorPlan = Static<typeof SuccessorPlanSchema>
