// The coordinator's views of a survey's responses: who stands where (the response rate live), and
// one question's coded-answer candidates for the coding screen. The respondent's own view and the
// requests are in ./surveys.ts.
import { Type, type Static } from '@sinclair/typebox'
import { IdSchema, Nullable, TimestampSchema } from './common.js'
import { KeySchema, SurveyQuestionSchema } from './survey-document.js'

export const SurveyQuestionParamsSchema = Type.Object({ id: IdSchema, question: KeySchema })
export type SurveyQuestionParams = Static<typeof SurveyQuestionParamsSchema>

const ResponseStateSchema = Type.Union([Type.Literal('missing'), Type.Literal('draft'), Type.Literal('submitted')])

/** One institution of the audience and where its response stands. */
export const ResponseListItemSchema = Type.Object({
  institution: Type.Object({ code: Type.String(), name: Type.String() }),
  state: ResponseStateSchema,
  submittedAt: Nullable(TimestampSchema),
  /** Submitted after the due date (Europe/Riga), or still unsubmitted past it. */
  late: Type.Boolean(),
  reopenedAt: Nullable(TimestampSchema),
  updatedAt: Nullable(TimestampSchema),
  /** 0 while missing. */
  version: Type.Integer(),
})
export type ResponseListItem = Static<typeof ResponseListItemSchema>

/** One answer's text to code: a text question's answer, or a choice question's "other" text. */
export const CodingAnswerSchema = Type.Object({
  institution: Type.String({ description: 'Institution code' }),
  name: Type.String({ description: 'Institution name' }),
  state: Type.Union([Type.Literal('draft'), Type.Literal('submitted')]),
  text: Type.String(),
  codes: Type.Array(Type.String()),
  /** The response's version, to send with `PUT …/responses/{institution}/codes`. */
  version: Type.Integer(),
})
export type CodingAnswer = Static<typeof CodingAnswerSchema>

/** A question's coding: its categories and every answer text to code, in audience order. */
export const QuestionCodingSchema = Type.Object({
  surveyId: IdSchema,
  /** The survey's version, to send with `PUT …/questions/{question}/categories`. */
  surveyVersion: Type.Integer(),
  question: Type.Unsafe<Static<typeof SurveyQuestionSchema>>(SurveyQuestionSchema),
  answers: Type.Array(CodingAnswerSchema),
})
export type QuestionCoding = Static<typeof QuestionCodingSchema>
