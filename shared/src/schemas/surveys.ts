// The survey routes' requests and responses. The questionnaire itself is the format's
// (./survey-document.ts): sections of questions, edited and saved as a whole.
import { Type, type Static } from '@sinclair/typebox'
import { IdSchema, Nullable, TimestampSchema, VersionSchema } from './common.js'
import { SurveyStateSchema } from './enums.js'
import { CodeSchema, DateSchema } from './plan-document.js'
import { ReminderDaysSchema } from './rounds.js'
import { KeySchema, SurveyAnswersSchema, SurveyChoiceSchema, SurveyPlanLinkSchema, SurveySectionSchema } from './survey-document.js'

const flag = (description: string) => Type.Boolean({ description })

export const SurveyAbilitiesSchema = Type.Object({
  edit: flag('Change the header and the questionnaire (wording only once answered)'),
  open: flag('Open it to the audience'),
  close: flag('Close it'),
  copy: flag('Copy it as the next period’s survey'),
  readResults: flag('Read its results and download its report and responses'),
  code: flag('Code free-text answers'),
})
export type SurveyAbilities = Static<typeof SurveyAbilitiesSchema>

export const SurveyListItemSchema = Type.Object({
  id: IdSchema,
  code: Type.String(),
  title: Type.String(),
  period: Nullable(Type.String()),
  state: SurveyStateSchema,
  opens: Nullable(Type.String()),
  dueDate: Nullable(Type.String()),
  /** Days before the due date on which those still owing are reminded. */
  reminderDays: Type.Array(Type.Integer()),
  coordinator: Type.String({ description: 'Institution code' }),
  plan: Nullable(Type.Object({ id: IdSchema, code: Type.String(), measure: Nullable(Type.String()) })),
  audienceCount: Type.Integer(),
  /** Submitted responses. */
  respondedCount: Type.Integer(),
  copiedFromId: Nullable(IdSchema),
  version: Type.Integer(),
  abilities: SurveyAbilitiesSchema,
})
export type SurveyListItem = Static<typeof SurveyListItemSchema>

export const SurveySchema = Type.Composite([
  SurveyListItemSchema,
  Type.Object({
    description: Nullable(Type.String()),
    audience: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
    sections: Type.Array(Type.Unsafe<Static<typeof SurveySectionSchema>>(SurveySectionSchema)),
    narratives: Type.Record(Type.String(), Type.String()),
    /** Some response has answers: questions may then change their wording only. */
    answered: Type.Boolean(),
  }),
])
export type Survey = Static<typeof SurveySchema>

const headerFields = {
  title: Type.String({ minLength: 1, maxLength: 1000 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
  period: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  opens: Type.Optional(Nullable(DateSchema)),
  dueDate: Type.Optional(Nullable(DateSchema)),
  reminderDays: Type.Optional(ReminderDaysSchema),
  plan: Type.Optional(Nullable(SurveyPlanLinkSchema)),
  /** Institution codes; `"municipalities"` alone means all municipalities of the registry. */
  audience: Type.Array(CodeSchema, { minItems: 1, maxItems: 1000, uniqueItems: true }),
}

export const CreateSurveySchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40 }),
    coordinator: CodeSchema,
    ...headerFields,
    sections: Type.Optional(Type.Array(SurveySectionSchema, { maxItems: 100 })),
  },
  { additionalProperties: false },
)
export type CreateSurvey = Static<typeof CreateSurveySchema>

export const UpdateSurveySchema = Type.Composite(
  [
    Type.Object({ version: VersionSchema }),
    Type.Partial(
      Type.Object({
        ...headerFields,
        /** The coordinator's text per question for the reports; a key with null removes it. */
        narratives: Type.Record(KeySchema, Nullable(Type.String({ maxLength: 50000 })), { additionalProperties: false }),
      }),
    ),
  ],
  { additionalProperties: false, minProperties: 2 },
)
export type UpdateSurvey = Static<typeof UpdateSurveySchema>

/** The whole questionnaire, saved at once. Once answered, a save may change wording, help, required and categories only. */
export const SaveQuestionnaireSchema = Type.Object(
  { version: VersionSchema, sections: Type.Array(SurveySectionSchema, { maxItems: 100 }) },
  { additionalProperties: false },
)
export type SaveQuestionnaire = Static<typeof SaveQuestionnaireSchema>

export const SurveyTransitionSchema = Type.Object({ version: VersionSchema }, { additionalProperties: false })
export type SurveyTransition = Static<typeof SurveyTransitionSchema>

/** Copies the questionnaire and audience as the next period's draft, linked for comparison. */
export const CopySurveySchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40 }),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    period: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    dueDate: Type.Optional(Nullable(DateSchema)),
  },
  { additionalProperties: false },
)
export type CopySurvey = Static<typeof CopySurveySchema>

export const SurveyResponseParamsSchema = Type.Object({ id: IdSchema, institution: CodeSchema })
export type SurveyResponseParams = Static<typeof SurveyResponseParamsSchema>

export const ResponseAbilitiesSchema = Type.Object({
  edit: flag('Change the answers now (the institution itself)'),
  submit: flag('Submit now'),
  reopen: flag('Reopen for correction (the coordinator)'),
  code: flag('Code its free-text answers (the coordinator)'),
})
export type ResponseAbilities = Static<typeof ResponseAbilitiesSchema>

/** One institution's response; `state: "missing"` (version 0) until it first saves. */
export const SurveyResponseSchema = Type.Object({
  surveyId: IdSchema,
  institution: Type.Object({ code: Type.String(), name: Type.String() }),
  state: Type.Union([Type.Literal('missing'), Type.Literal('draft'), Type.Literal('submitted')]),
  submittedAt: Nullable(TimestampSchema),
  /** Submitted after the due date (Europe/Riga), or still unsubmitted past it. */
  late: Type.Boolean(),
  reopenedAt: Nullable(TimestampSchema),
  answers: SurveyAnswersSchema,
  /** Required questions still unanswered, by id: what must be done before submitting. */
  missingRequired: Type.Array(Type.String()),
  version: Type.Integer({ description: '0 until the first save' }),
  updatedAt: Nullable(TimestampSchema),
  abilities: ResponseAbilitiesSchema,
})
export type SurveyResponseView = Static<typeof SurveyResponseSchema>

export const SaveResponseSchema = Type.Object(
  { version: Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: '0 for the first save' }), answers: SurveyAnswersSchema },
  { additionalProperties: false },
)
export type SaveResponse = Static<typeof SaveResponseSchema>

export const ResponseTransitionSchema = Type.Object({ version: VersionSchema }, { additionalProperties: false })
export type ResponseTransition = Static<typeof ResponseTransitionSchema>

/** The coordinator's coding of one answer's free text (a text answer, or a choice's "other"). */
export const SetAnswerCodesSchema = Type.Object(
  { version: VersionSchema, question: KeySchema, codes: Type.Array(KeySchema, { uniqueItems: true, maxItems: 100 }) },
  { additionalProperties: false },
)
export type SetAnswerCodes = Static<typeof SetAnswerCodesSchema>

/** The coding categories of one question, changeable while coding. */
export const SaveCategoriesSchema = Type.Object(
  { version: VersionSchema, categories: Type.Array(SurveyChoiceSchema, { maxItems: 200 }) },
  { additionalProperties: false },
)
export type SaveCategories = Static<typeof SaveCategoriesSchema>

const Count = Type.Object({
  id: Type.String(),
  count: Type.Integer(),
  share: Type.Number({ description: 'Of those who answered, 0–1' }),
  institutions: Type.Array(Type.String()),
})
const CodedText = Type.Object({ institution: Type.String(), text: Type.String(), codes: Type.Array(Type.String()) })

export const QuestionResultSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  /** Submitted responses that answered it. */
  answered: Type.Integer(),
  options: Type.Optional(Type.Array(Count)),
  categories: Type.Optional(Type.Array(Count)),
  other: Type.Optional(Type.Array(CodedText)),
  sum: Type.Optional(Nullable(Type.Number())),
  mean: Type.Optional(Nullable(Type.Number())),
  median: Type.Optional(Nullable(Type.Number())),
  cells: Type.Optional(Type.Record(Type.String(), Type.Record(Type.String(), Type.Object({ sum: Type.Number(), count: Type.Integer() })))),
  texts: Type.Optional(Type.Array(CodedText)),
})
export type QuestionResult = Static<typeof QuestionResultSchema>

export const SurveyResultsSchema = Type.Object({
  audience: Type.Integer(),
  responded: Type.Integer(),
  notResponded: Type.Array(Type.String()),
  /** Submitted after the due date. */
  late: Type.Array(Type.String()),
  questions: Type.Array(QuestionResultSchema),
  /** The same figures of the survey this one was copied from, when there is one. */
  previous: Type.Optional(
    Nullable(
      Type.Object({
        id: IdSchema,
        code: Type.String(),
        period: Nullable(Type.String()),
        audience: Type.Integer(),
        responded: Type.Integer(),
        questions: Type.Array(QuestionResultSchema),
      }),
    ),
  ),
})
export type SurveyResults = Static<typeof SurveyResultsSchema>

/** What `POST /api/surveys/import?dryRun=true` answers when the document would import. */
export const SurveyDryRunSchema = Type.Object({
  valid: Type.Literal(true),
  code: Type.String(),
  questions: Type.Integer(),
  audience: Type.Integer(),
  responses: Type.Integer(),
  /** The state the import gives the survey: closed with responses, draft without. */
  state: SurveyStateSchema,
  /** Institutions the document adds to the registry (administrators only). */
  newInstitutions: Type.Array(Type.String()),
})
export type SurveyDryRun = Static<typeof SurveyDryRunSchema>
