import { Type, type Static } from '@sinclair/typebox'
import { BudgetSourceSchema, MeasureStatusSchema } from './enums.js'
import { CodeSchema, DateSchema, DocExclusionSchema } from './plan-document.js'
import { BudgetInputSchema } from './plans.js'
import { IdSchema, Nullable, TimestampSchema, VersionSchema } from './common.js'
import { MeasureAbilitiesSchema } from './abilities.js'

export const BudgetLineSchema = Type.Object({
  amountEur: Type.Number(),
  source: BudgetSourceSchema,
  institution: Nullable(Type.String()),
  programme: Nullable(Type.String()),
  year: Nullable(Type.Integer()),
  granted: Nullable(Type.Boolean()),
})
export type BudgetLine = Static<typeof BudgetLineSchema>

export const ProgressEntrySchema = Type.Object({
  id: IdSchema,
  institution: Type.String(),
  period: Nullable(Type.String()),
  text: Type.String(),
  submissionId: Nullable(IdSchema),
})
export type ProgressEntry = Static<typeof ProgressEntrySchema>

const measureFields = {
  id: IdSchema,
  planId: IdSchema,
  actionLine: Type.Object({ id: IdSchema, number: Type.String(), title: Type.String() }),
  number: Type.String(),
  sourceRef: Nullable(Type.String()),
  title: Type.String(),
  responsible: Type.Array(Type.String()),
  involved: Type.Array(Type.String()),
  /** Code of the top-level institution of the responsible institutions, or "several". */
  sector: Type.String(),
  deadline: Nullable(Type.Object({ text: Type.String(), due: Nullable(Type.String()) })),
  budget: Nullable(Type.Object({ text: Nullable(Type.String()), lines: Type.Array(BudgetLineSchema) })),
  expectedResult: Nullable(Type.String()),
  indicator: Nullable(Type.String()),
  status: MeasureStatusSchema,
  assessment: Nullable(Type.String()),
  /** Set when an amendment took the measure out of the plan: it stays listed but is left out of counts. */
  excluded: Nullable(DocExclusionSchema),
  carriedFromId: Nullable(IdSchema),
  version: Type.Integer(),
  updatedAt: TimestampSchema,
  abilities: MeasureAbilitiesSchema,
}

export const MeasureListItemSchema = Type.Object(measureFields)
export type MeasureListItem = Static<typeof MeasureListItemSchema>

/** What the measures table shows (`?view=table`): no budget, texts, version or abilities. */
export const MeasureTableItemSchema = Type.Object({
  id: measureFields.id,
  planId: measureFields.planId,
  actionLine: measureFields.actionLine,
  number: measureFields.number,
  sourceRef: measureFields.sourceRef,
  title: measureFields.title,
  responsible: measureFields.responsible,
  involved: measureFields.involved,
  sector: measureFields.sector,
  deadline: measureFields.deadline,
  status: measureFields.status,
  excluded: measureFields.excluded,
})
export type MeasureTableItem = Static<typeof MeasureTableItemSchema>

/** The most rows one page of a plan's measures has. */
export const MEASURE_PAGE_MAX = 1000

export const MeasureSchema = Type.Object({
  ...measureFields,
  progress: Type.Array(ProgressEntrySchema),
  /** Files and links on accepted submissions: rating "done" without any warns the coordinator. */
  acceptedEvidenceCount: Type.Integer(),
})
export type Measure = Static<typeof MeasureSchema>

export const MeasureQuerySchema = Type.Object({
  status: Type.Optional(MeasureStatusSchema),
  institution: Type.Optional(Type.String({ maxLength: 40, description: 'Responsible or involved; a ministry includes its agencies' })),
  actionLine: Type.Optional(Type.String({ maxLength: 10, description: 'Action line number' })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Text search, case- and diacritic-insensitive' })),
  sort: Type.Optional(Type.Union([Type.Literal('number'), Type.Literal('deadline')], { default: 'number' })),
  view: Type.Optional(
    Type.Union([Type.Literal('full'), Type.Literal('table')], {
      default: 'full',
      description: '`table`: only the fields the measures table shows (MeasureTableItem)',
    }),
  ),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MEASURE_PAGE_MAX, description: 'A page of at most this many rows; without it, every match' }),
  ),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0, description: 'Rows skipped before the page' })),
})
export type MeasureQuery = Static<typeof MeasureQuerySchema>

export const UpdateMeasureSchema = Type.Object(
  {
    version: VersionSchema,
    /** Unique in the plan; on an active plan a new number is an amendment and needs a `reason`. */
    number: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 10000 })),
    sourceRef: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    responsible: Type.Optional(Type.Array(CodeSchema, { minItems: 1, maxItems: 50, uniqueItems: true })),
    involved: Type.Optional(Type.Array(CodeSchema, { maxItems: 50, uniqueItems: true })),
    deadline: Type.Optional(
      Nullable(
        Type.Object({ text: Type.String({ maxLength: 500 }), due: Type.Optional(Nullable(DateSchema)) }, { additionalProperties: false }),
      ),
    ),
    /** The budget's wording only (its lines stay). */
    budgetText: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    /** The whole budget: wording and lines (lines replaced when sent); null: the plan states none. */
    budget: Type.Optional(BudgetInputSchema),
    expectedResult: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    indicator: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    status: Type.Optional(MeasureStatusSchema),
    /** Required when `status` changes; kept in the measure's history. */
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
    assessment: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
    /**
     * A status change reviews the assessment: without a new `assessment`, the one written for the
     * old status stays only when this says so (else 409 ASSESSMENT_REVIEW_REQUIRED).
     */
    keepAssessment: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 2 },
)
export type UpdateMeasure = Static<typeof UpdateMeasureSchema>

export const UpdateMeasureResultSchema = Type.Object({
  measure: MeasureSchema,
  /** e.g. NO_ACCEPTED_EVIDENCE when rated done without any accepted evidence. */
  warnings: Type.Array(Type.String()),
})
export type UpdateMeasureResult = Static<typeof UpdateMeasureResultSchema>

export const StatusHistoryEntrySchema = Type.Object({
  at: TimestampSchema,
  /** Who changed it, by name only: every logged-in user reads the history, and e-mail addresses are not theirs to see. */
  actor: Nullable(Type.Object({ id: IdSchema, name: Type.String() })),
  from: Nullable(MeasureStatusSchema),
  to: MeasureStatusSchema,
  reason: Nullable(Type.String()),
})
export type StatusHistoryEntry = Static<typeof StatusHistoryEntrySchema>
