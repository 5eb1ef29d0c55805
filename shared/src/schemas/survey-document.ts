// The public interchange format `survey/1` as TypeBox: the questionnaire, its audience, the
// responses and the coordinator's coding of free-text answers. docs/formats/survey.schema.json is
// the published JSON Schema; a test proves the two accept and reject the same documents.
import { Type, type Static } from '@sinclair/typebox'
import { StringEnum } from './enums.js'
import { CodeSchema, DateSchema, DocInstitutionSchema } from './plan-document.js'

export const SURVEY_FORMAT = 'survey/1'

export const QuestionType = {
  yesNo: 'yes_no',
  singleChoice: 'single_choice',
  multipleChoice: 'multiple_choice',
  scale: 'scale',
  number: 'number',
  numberTable: 'number_table',
  text: 'text',
} as const
export type QuestionType = (typeof QuestionType)[keyof typeof QuestionType]
export const QUESTION_TYPES = Object.values(QuestionType)

/** A stable key, unique within its list (question ids within the whole survey). */
export const KeySchema = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]{0,39}$', description: 'A stable key, unique within its list.' })
const Label = Type.String({ minLength: 1, maxLength: 2000 })
const NullableText = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()])

export const SurveyChoiceSchema = Type.Object({ id: KeySchema, label: Label }, { additionalProperties: false })
export type SurveyChoice = Static<typeof SurveyChoiceSchema>

export const SurveyQuestionSchema = Type.Object(
  {
    id: KeySchema,
    number: Type.Optional(NullableText(20)),
    type: StringEnum(QUESTION_TYPES),
    text: Type.String({ minLength: 1, maxLength: 5000 }),
    help: Type.Optional(NullableText(5000)),
    // Left out means false. The published schema says `default: false`; here it is only described,
    // because the API's validator and serializer would write the default into every question and
    // an export would no longer give back the document that was imported.
    required: Type.Optional(Type.Boolean({ description: 'Left out means false.' })),
    options: Type.Optional(Type.Array(SurveyChoiceSchema, { minItems: 2 })),
    other: Type.Optional(Type.Union([Type.Object({ label: Label }, { additionalProperties: false }), Type.Null()])),
    rows: Type.Optional(Type.Array(SurveyChoiceSchema, { minItems: 1 })),
    columns: Type.Optional(Type.Array(SurveyChoiceSchema, { minItems: 1 })),
    unit: Type.Optional(NullableText(100)),
    long: Type.Optional(Type.Boolean({ description: 'text: a multi-line answer. Left out means false.' })),
    categories: Type.Optional(Type.Array(SurveyChoiceSchema)),
  },
  { additionalProperties: false },
)
export type SurveyQuestion = Static<typeof SurveyQuestionSchema>

export const SurveySectionSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 2000 }),
    description: Type.Optional(NullableText(20000)),
    questions: Type.Array(SurveyQuestionSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
)
export type SurveySection = Static<typeof SurveySectionSchema>

export const SurveyPlanLinkSchema = Type.Object(
  { code: CodeSchema, measure: Type.Optional(NullableText(20)) },
  { additionalProperties: false },
)
export type SurveyPlanLink = Static<typeof SurveyPlanLinkSchema>

export const DocSurveySchema = Type.Object(
  {
    code: CodeSchema,
    title: Type.String({ minLength: 1, maxLength: 1000 }),
    description: Type.Optional(NullableText(20000)),
    period: Type.Optional(NullableText(50)),
    opens: Type.Optional(Type.Union([DateSchema, Type.Null()])),
    dueDate: Type.Optional(Type.Union([DateSchema, Type.Null()])),
    coordinator: CodeSchema,
    plan: Type.Optional(Type.Union([SurveyPlanLinkSchema, Type.Null()])),
    audience: Type.Array(CodeSchema, { minItems: 1, uniqueItems: true }),
    sections: Type.Array(SurveySectionSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
)
export type DocSurvey = Static<typeof DocSurveySchema>

/** A number table's answer: rowId → columnId → number (a missing cell was not answered). */
export const NumberTableValueSchema = Type.Record(KeySchema, Type.Record(KeySchema, Type.Number(), { additionalProperties: false }), {
  additionalProperties: false,
})

/**
 * value by question type: yes_no a boolean; single_choice and scale an option id, or null when only
 * "other" was given; multiple_choice an array of option ids; number a number; number_table
 * rowId → columnId → number; text a string.
 */
export const AnswerValueSchema = Type.Union([
  Type.Boolean(),
  Type.Number(),
  Type.String({ maxLength: 100000 }),
  Type.Null(),
  Type.Array(KeySchema, { uniqueItems: true }),
  NumberTableValueSchema,
])
export type AnswerValue = Static<typeof AnswerValueSchema>

export const SurveyAnswerSchema = Type.Object(
  {
    value: AnswerValueSchema,
    other: Type.Optional(NullableText(20000)),
    codes: Type.Optional(Type.Array(KeySchema, { uniqueItems: true })),
  },
  { additionalProperties: false },
)
export type SurveyAnswer = Static<typeof SurveyAnswerSchema>

/** Answers by question id; a question without a key was not answered. */
export const SurveyAnswersSchema = Type.Record(KeySchema, SurveyAnswerSchema, { additionalProperties: false })
export type SurveyAnswers = Static<typeof SurveyAnswersSchema>

export const ResponseState = { draft: 'draft', submitted: 'submitted' } as const
export type ResponseState = (typeof ResponseState)[keyof typeof ResponseState]

export const DocResponseSchema = Type.Object(
  {
    institution: CodeSchema,
    state: StringEnum(Object.values(ResponseState)),
    submittedAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
    answers: SurveyAnswersSchema,
  },
  { additionalProperties: false },
)
export type DocResponse = Static<typeof DocResponseSchema>

export const SurveyDocumentSchema = Type.Object(
  {
    format: Type.Literal(SURVEY_FORMAT),
    institutions: Type.Array(DocInstitutionSchema),
    survey: DocSurveySchema,
    responses: Type.Optional(Type.Array(DocResponseSchema)),
  },
  { additionalProperties: false, $id: 'SurveyDocument', title: 'survey/1 document' },
)
export type SurveyDocument = Static<typeof SurveyDocumentSchema>
