// What is wrong with an imported document (action-plan/1, survey/1, a plan's DOCX or XLSX), said so
// a person can act on it: a stable `code` with its `params` (the web app words it in the UI's
// language, ../import-problem-wording.ts), the place as a person reads the document ("II rīcības
// virziens → 2.5. pasākums → Izpildes termiņš") and, for machines, the JSON path. Every problem of
// a document is found in one pass and answered together.
import { Type, type Static } from '@sinclair/typebox'
import type { FieldError } from '../errors.js'
import { Nullable } from './common.js'
import { StringEnum } from './enums.js'

export const IMPORT_PROBLEM_CODES = [
  // The document's shape (its JSON Schema).
  'required',
  'too_long',
  'too_short',
  'too_many',
  'too_few',
  'too_small',
  'too_large',
  'format_date',
  'format_datetime',
  'format',
  'expect_text',
  'expect_number',
  'expect_integer',
  'expect_boolean',
  'expect_list',
  'expect_object',
  'one_of',
  'not_allowed',
  'repeated_value',
  'nul_character',
  'invalid',
  // What a schema cannot say: numbers, codes and ids once each, dates in order.
  'duplicate_number',
  'duplicate_code',
  'duplicate_id',
  'duplicate_institution',
  'end_before_start',
  'due_before_opens',
  // References to institutions, plans and measures.
  'unknown_institution',
  'cycle',
  'unknown_plan',
  'unknown_measure',
  'code_taken',
  // What the importing user may not bring in.
  'institution_not_allowed',
  'coordinator_not_allowed',
  'plan_not_managed',
  // A survey's questionnaire and answers.
  'part_required',
  'part_not_allowed',
  'unknown_question',
  'unknown_option',
  'unknown_row',
  'unknown_column',
  'unknown_category',
  'expect_option',
  'expect_options',
  'expect_table',
  'other_not_allowed',
  'no_other_choice',
  'duplicate_response',
  'not_in_audience',
  // A plan file reader's own finding, worded in Latvian by the reader (`params.text`).
  'file',
] as const
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number]

/** The parts of a document a problem's place is made of, outermost first. */
export const PROBLEM_STEP_KINDS = [
  'plan',
  'survey',
  'institution',
  'actionLine',
  'measure',
  'budgetLine',
  'progress',
  'section',
  'question',
  'choice',
  'response',
  'answer',
  'sheet',
  'row',
  'item',
  'field',
] as const
export type ProblemStepKind = (typeof PROBLEM_STEP_KINDS)[number]

export const ProblemStepSchema = Type.Object({
  kind: StringEnum(PROBLEM_STEP_KINDS),
  /**
   * As the document numbers or names it: an action line's "2" (shown as II), a measure's "2.5", a
   * question's "3.1." or id, an institution's code, a response's institution; else the 1-based position.
   */
  number: Type.Optional(Type.String()),
  /** A title to recognise it by (a section's title), shortened. */
  label: Type.Optional(Type.String()),
  /** `field`: the format's field, dotted ("deadline.due"); `choice`: which list ("options", "rows", "columns", "categories"). */
  key: Type.Optional(Type.String()),
})
export type ProblemStep = Static<typeof ProblemStepSchema>

export const ProblemParamsSchema = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))
export type ProblemParams = Static<typeof ProblemParamsSchema>

/**
 * One problem of an imported document. JSON imports fill `path`; plan files (DOCX, XLSX) fill
 * `row` and `column` as the file shows them. Every 4xx of an import carries the list as
 * `details.problems`, and a dry run of a plan file answers with it.
 */
export const ImportProblemSchema = Type.Object({
  /** An ImportProblemCode; a newer API may send one this build does not know (then `message` says it). */
  code: Type.String(),
  params: ProblemParamsSchema,
  /** Where, as a person reads the document: outermost part first, the field last. */
  location: Type.Array(ProblemStepSchema),
  /** The JSON pointer into the imported document ("/plan/actionLines/1/measures/4/deadline/due"), for machines. */
  path: Nullable(Type.String()),
  /** The row as the file shows it: the table's row (1-based, header rows counted) in DOCX, the sheet's row number in XLSX. */
  row: Nullable(Type.Integer()),
  /** The column's header as written in the file, e.g. "Atbildīgā institūcija". */
  column: Nullable(Type.String()),
  /** The format's field it concerns: "responsible", "deadline.due", "budget.lines", … */
  field: Nullable(Type.String()),
  /** In Latvian, place and all: "II rīcības virziens → 2.5. pasākums → Izpildes termiņš: datumam jābūt formā GGGG-MM-DD". */
  message: Type.String(),
  /** Errors stop the import; warnings (a deadline with no derivable date, an unreadable amount) do not. */
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
})
export type ImportProblem = Static<typeof ImportProblemSchema>

/** A field error that also says what is wrong as a stable code: what the document checks return. */
export interface DocumentError extends FieldError {
  code: ImportProblemCode
  params?: ProblemParams
}
