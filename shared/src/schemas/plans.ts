import { Type, type Static } from '@sinclair/typebox'
import { IdSchema, Nullable } from './common.js'
import { PlanAbilitiesSchema } from './abilities.js'
import { CodeSchema, DateSchema, DocExclusionSchema } from './plan-document.js'
import { PlanStateSchema } from './enums.js'
import { VersionSchema } from './common.js'

export const PlanListItemSchema = Type.Object({
  id: IdSchema,
  code: Type.String(),
  title: Type.String(),
  period: Type.Object({ start: Type.String(), end: Type.String() }),
  coordinator: Type.String({ description: 'Institution code' }),
  reportDue: Nullable(Type.String()),
  state: PlanStateSchema,
  measureCount: Type.Integer({ description: 'Measures in the plan, excluded ones included' }),
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

// ---- the plan editor ----

const text = (maxLength: number) => Type.String({ maxLength })
const optionalText = (maxLength: number) => Type.Optional(Nullable(text(maxLength)))
/** Required on changes to an active (approved) plan, which amend it; kept in the audit log. */
const ReasonField = Type.Optional(Type.String({ minLength: 1, maxLength: 5000, description: 'Why: required when the plan is active' }))

const planFields = {
  title: Type.String({ minLength: 1, maxLength: 1000 }),
  period: Type.Object({ start: DateSchema, end: DateSchema }, { additionalProperties: false }),
  approvedBy: optionalText(1000),
  coordinator: Type.String({ minLength: 1, maxLength: 40, description: 'Institution code' }),
  reportDue: Type.Optional(Nullable(DateSchema)),
  policyFramework: optionalText(1000),
  goal: optionalText(20000),
}

export const CreatePlanSchema = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 40 }), ...planFields },
  { additionalProperties: false },
)
export type CreatePlan = Static<typeof CreatePlanSchema>

export const UpdatePlanSchema = Type.Composite(
  [
    Type.Object({ version: VersionSchema, reason: ReasonField }),
    Type.Partial(Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }), ...planFields })),
  ],
  { additionalProperties: false, minProperties: 2 },
)
export type UpdatePlan = Static<typeof UpdatePlanSchema>

/** Activate, close, reopen: the version last read, and (reopen: required) why. */
export const PlanTransitionSchema = Type.Object({ version: VersionSchema, reason: ReasonField }, { additionalProperties: false })
export type PlanTransition = Static<typeof PlanTransitionSchema>

/** Renumbers every action line (1, 2, …) and measure (1.1, 1.2, … per line) in their current order. */
export const RenumberPlanSchema = PlanTransitionSchema
export type RenumberPlan = PlanTransition

/** A plan's structure for the editor: every action line with its measures, in order. */
export const EditorMeasureSchema = Type.Object({
  id: IdSchema,
  number: Type.String(),
  title: Type.String(),
  responsible: Type.Array(Type.String()),
  excluded: Nullable(DocExclusionSchema),
  /** Has submissions or progress: cannot be deleted, only excluded. */
  hasWork: Type.Boolean(),
  version: Type.Integer(),
})
export type EditorMeasure = Static<typeof EditorMeasureSchema>

export const EditorActionLineSchema = Type.Object({
  id: IdSchema,
  number: Type.String(),
  title: Type.String(),
  goal: Nullable(Type.String()),
  version: Type.Integer(),
  measures: Type.Array(EditorMeasureSchema),
})
export type EditorActionLine = Static<typeof EditorActionLineSchema>

export const PlanStructureSchema = Type.Object({
  plan: PlanSchema,
  actionLines: Type.Array(EditorActionLineSchema),
})
export type PlanStructure = Static<typeof PlanStructureSchema>

export const CreateActionLineSchema = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 10 }),
    title: Type.String({ minLength: 1, maxLength: 2000 }),
    goal: optionalText(20000),
    /** 0-based place among the plan's action lines; absent: at the end. */
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    /** The plan's version last read. */
    planVersion: VersionSchema,
    reason: ReasonField,
  },
  { additionalProperties: false },
)
export type CreateActionLine = Static<typeof CreateActionLineSchema>

export const UpdateActionLineSchema = Type.Object(
  {
    version: VersionSchema,
    reason: ReasonField,
    number: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    goal: optionalText(20000),
    /** Move to this 0-based place among the plan's action lines. */
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
  },
  { additionalProperties: false, minProperties: 2 },
)
export type UpdateActionLine = Static<typeof UpdateActionLineSchema>

/** DELETE bodies: the version last read and (active plan) the reason. */
export const DeleteRecordSchema = Type.Object({ version: VersionSchema, reason: ReasonField }, { additionalProperties: false })
export type DeleteRecord = Static<typeof DeleteRecordSchema>

export const BudgetLineInputSchema = Type.Object(
  {
    amountEur: Type.Number({ minimum: 0, maximum: 99_999_999_999_999 }),
    source: Type.Union([
      Type.Literal('state_budget'),
      Type.Literal('additional_state_budget'),
      Type.Literal('eu_funds'),
      Type.Literal('other'),
    ]),
    institution: Type.Optional(Nullable(CodeSchema)),
    programme: optionalText(300),
    year: Type.Optional(Nullable(Type.Integer({ minimum: 1990, maximum: 2100 }))),
    granted: Type.Optional(Nullable(Type.Boolean())),
  },
  { additionalProperties: false },
)

/** A measure's budget as the plan words it and the lines read from it; null: the plan states none. */
export const BudgetInputSchema = Nullable(
  Type.Object(
    { text: optionalText(20000), lines: Type.Optional(Type.Array(BudgetLineInputSchema, { maxItems: 100 })) },
    { additionalProperties: false },
  ),
)

/** Every field of a measure in the format except its status, assessment and progress (those come from reporting). */
export const CreateMeasureSchema = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 20 }),
    sourceRef: optionalText(20),
    title: Type.String({ minLength: 1, maxLength: 10000 }),
    responsible: Type.Array(CodeSchema, { minItems: 1, maxItems: 50, uniqueItems: true }),
    involved: Type.Optional(Type.Array(CodeSchema, { maxItems: 50, uniqueItems: true })),
    deadline: Type.Optional(
      Nullable(
        Type.Object({ text: Type.String({ maxLength: 500 }), due: Type.Optional(Nullable(DateSchema)) }, { additionalProperties: false }),
      ),
    ),
    budget: Type.Optional(BudgetInputSchema),
    expectedResult: optionalText(20000),
    indicator: optionalText(20000),
    /** 0-based place among the action line's measures; absent: at the end. */
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
    planVersion: VersionSchema,
    reason: ReasonField,
  },
  { additionalProperties: false },
)
export type CreateMeasure = Static<typeof CreateMeasureSchema>

/** Moves a measure: to another action line and/or another 0-based place in it. */
export const MoveMeasureSchema = Type.Object(
  {
    version: VersionSchema,
    actionLineId: IdSchema,
    position: Type.Integer({ minimum: 0, maximum: 100000 }),
    reason: ReasonField,
  },
  { additionalProperties: false },
)
export type MoveMeasure = Static<typeof MoveMeasureSchema>

/** Marks a measure excluded by an amendment (or, with null, takes the exclusion back). */
export const ExcludeMeasureSchema = Type.Object(
  { version: VersionSchema, excluded: Nullable(DocExclusionSchema), reason: ReasonField },
  { additionalProperties: false },
)
export type ExcludeMeasure = Static<typeof ExcludeMeasureSchema>
