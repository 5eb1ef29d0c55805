// The public interchange format `action-plan/1` as TypeBox, so the API validates imports and
// describes exports with it and both packages share its types. docs/formats/plan.schema.json is
// the published JSON Schema; a test proves the two accept and reject the same documents.
import { Type, type Static } from '@sinclair/typebox'
import { BudgetSourceSchema, InstitutionKindSchema, MeasureStatusSchema } from './enums.js'

export const PLAN_FORMAT = 'action-plan/1'

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])

export const CodeSchema = Type.String({ minLength: 1, maxLength: 40 })
/** An official abbreviation: no space at either end (AbbreviationSchema of institutions.ts is built on it). */
export const ABBREVIATION_PATTERN = '^\\S(.*\\S)?$'
// Year 0000 is a valid ISO date but not a PostgreSQL one.
export const DateSchema = Type.String({ format: 'date', pattern: '^(?!0000)' })
const NullableText = (maxLength: number) => Nullable(Type.String({ maxLength }))

export const DocInstitutionSchema = Type.Object(
  {
    code: CodeSchema,
    name: Type.String({ minLength: 1, maxLength: 300 }),
    /** The official abbreviation documents use; absent: the code is it (a municipality: none); null: it has none (documents print the name). */
    abbreviation: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 30, pattern: ABBREVIATION_PATTERN }), Type.Null()])),
    kind: InstitutionKindSchema,
    parent: Type.Optional(Type.Union([CodeSchema, Type.Null()])),
  },
  { additionalProperties: false },
)

export const DocBudgetLineSchema = Type.Object(
  {
    amountEur: Type.Number({ minimum: 0, maximum: 99_999_999_999_999 }),
    source: BudgetSourceSchema,
    institution: Type.Optional(Type.Union([CodeSchema, Type.Null()])),
    programme: Type.Optional(NullableText(300)),
    year: Type.Optional(Type.Union([Type.Integer({ minimum: 1990, maximum: 2100 }), Type.Null()])),
    granted: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  },
  { additionalProperties: false },
)

export const DocProgressSchema = Type.Object(
  {
    institution: CodeSchema,
    period: Type.Optional(NullableText(100)),
    text: Type.String({ maxLength: 200000 }),
  },
  { additionalProperties: false },
)
export type DocProgress = Static<typeof DocProgressSchema>

/** A measure an amendment of the approving act took out of the plan: kept, but left out of counts. */
export const DocExclusionSchema = Type.Object(
  {
    act: Type.String({
      minLength: 1,
      maxLength: 1000,
      description: 'The amending act, e.g. "Ministru kabineta 2024. gada 5. marta rīkojums Nr. 170"',
    }),
    date: DateSchema,
  },
  { additionalProperties: false },
)
export type DocExclusion = Static<typeof DocExclusionSchema>

export const DocMeasureSchema = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 20 }),
    sourceRef: Type.Optional(NullableText(20)),
    title: Type.String({ minLength: 1, maxLength: 10000 }),
    responsible: Type.Array(CodeSchema, { minItems: 1 }),
    involved: Type.Optional(Type.Array(CodeSchema)),
    deadline: Type.Optional(
      Type.Union([
        Type.Object(
          { text: Type.String({ maxLength: 500 }), due: Type.Optional(Type.Union([DateSchema, Type.Null()])) },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    budget: Type.Optional(
      Type.Union([
        Type.Object(
          { text: Type.Optional(NullableText(20000)), lines: Type.Optional(Type.Array(DocBudgetLineSchema)) },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    expectedResult: Type.Optional(NullableText(20000)),
    indicator: Type.Optional(NullableText(20000)),
    status: MeasureStatusSchema,
    assessment: Type.Optional(NullableText(20000)),
    progress: Type.Optional(Type.Array(DocProgressSchema)),
    excluded: Type.Optional(Type.Union([DocExclusionSchema, Type.Null()])),
  },
  { additionalProperties: false },
)

export const DocActionLineSchema = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 10 }),
    title: Type.String({ minLength: 1, maxLength: 2000 }),
    goal: Type.Optional(NullableText(20000)),
    measures: Type.Array(DocMeasureSchema),
  },
  { additionalProperties: false },
)

export const DocPlanSchema = Type.Object(
  {
    code: CodeSchema,
    title: Type.String({ minLength: 1, maxLength: 1000 }),
    period: Type.Object({ start: DateSchema, end: DateSchema }, { additionalProperties: false }),
    approvedBy: Type.Optional(NullableText(1000)),
    coordinator: CodeSchema,
    reportDue: Type.Optional(Type.Union([DateSchema, Type.Null()])),
    policyFramework: Type.Optional(NullableText(1000)),
    goal: Type.Optional(NullableText(20000)),
    actionLines: Type.Array(DocActionLineSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
)
export type DocPlan = Static<typeof DocPlanSchema>

export const PlanDocumentSchema = Type.Object(
  {
    format: Type.Literal(PLAN_FORMAT),
    institutions: Type.Array(DocInstitutionSchema),
    plan: DocPlanSchema,
  },
  { additionalProperties: false, $id: 'PlanDocument', title: 'action-plan/1 document' },
)

export type PlanDocument = Static<typeof PlanDocumentSchema>
export type DocMeasure = Static<typeof DocMeasureSchema>
export type DocActionLine = Static<typeof DocActionLineSchema>
export type DocInstitution = Static<typeof DocInstitutionSchema>
export type DocBudgetLine = Static<typeof DocBudgetLineSchema>
