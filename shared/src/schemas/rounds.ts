// Reporting rounds, progress submissions and their evidence: request and response shapes.
import { Type, type Static } from '@sinclair/typebox'
import { CompletenessState } from '../enums.js'
import { MeasureStatusSchema, RoundStateSchema, SubmissionStateSchema } from './enums.js'
import { CodeSchema, DateSchema } from './plan-document.js'
import { IdSchema, Nullable, TimestampSchema, VersionSchema } from './common.js'
import { RoundAbilitiesSchema, SubmissionAbilitiesSchema } from './abilities.js'

/** A submission's text may be long (several pages of the annex), but not unbounded. */
export const SUBMISSION_TEXT_MAX = 100_000

/** Some visible character, not only spaces. */
const NOT_BLANK = '\\S'

export const CompletenessStateSchema = Type.Union(Object.values(CompletenessState).map((s) => Type.Literal(s)))

export const InstitutionRoleSchema = Type.Union([Type.Literal('responsible'), Type.Literal('involved')])

const UserRefSchema = Type.Object({ id: IdSchema, name: Type.String() })
const MeasureRefSchema = Type.Object({ id: IdSchema, number: Type.String(), title: Type.String() })

/** How many owed (measure × institution) items are in each state; `late` counts the overdue ones not yet handed in. */
export const CompletenessCountsSchema = Type.Object({
  total: Type.Integer(),
  missing: Type.Integer(),
  draft: Type.Integer(),
  submitted: Type.Integer(),
  endorsed: Type.Integer(),
  returned: Type.Integer(),
  accepted: Type.Integer(),
  late: Type.Integer(),
})
export type CompletenessCounts = Static<typeof CompletenessCountsSchema>

// ---- rounds ----

/** Days before the due date on which those still owing are reminded; default 7 and 1. */
export const ReminderDaysSchema = Type.Array(Type.Integer({ minimum: 1, maximum: 365 }), {
  maxItems: 10,
  uniqueItems: true,
  description: 'Days before the due date on which those still owing are reminded (default [7, 1])',
})

export const CreateRoundSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300, pattern: NOT_BLANK }),
    period: Type.String({
      minLength: 1,
      maxLength: 50,
      pattern: NOT_BLANK,
      description: 'The period the progress entries will show, e.g. "2023-2024"',
    }),
    dueDate: DateSchema,
    reminderDays: Type.Optional(ReminderDaysSchema),
    measures: Type.Optional(
      Type.Array(IdSchema, {
        minItems: 1,
        maxItems: 2000,
        uniqueItems: true,
        description: 'Measure ids of this plan; default: every measure not yet rated done',
      }),
    ),
  },
  { additionalProperties: false },
)
export type CreateRound = Static<typeof CreateRoundSchema>

export const RoundListItemSchema = Type.Object({
  id: IdSchema,
  planId: IdSchema,
  title: Type.String(),
  period: Type.String(),
  dueDate: Type.String({ format: 'date' }),
  reminderDays: Type.Array(Type.Integer()),
  state: RoundStateSchema,
  /** The due date has passed (Latvian calendar day). */
  overdue: Type.Boolean(),
  measureCount: Type.Integer(),
  counts: CompletenessCountsSchema,
  createdAt: TimestampSchema,
  closedAt: Nullable(TimestampSchema),
  version: Type.Integer(),
  abilities: RoundAbilitiesSchema,
})
export type RoundListItem = Static<typeof RoundListItemSchema>

export const RoundSchema = Type.Composite([RoundListItemSchema, Type.Object({ measures: Type.Array(MeasureRefSchema) })])
export type Round = Static<typeof RoundSchema>

export const CompletenessItemSchema = Type.Object({
  measure: MeasureRefSchema,
  institution: Type.String({ description: 'Institution code' }),
  role: InstitutionRoleSchema,
  state: CompletenessStateSchema,
  submissionId: Nullable(IdSchema),
  late: Type.Boolean(),
})
export type CompletenessItem = Static<typeof CompletenessItemSchema>

export const CompletenessSchema = Type.Object({
  roundId: IdSchema,
  state: RoundStateSchema,
  dueDate: Type.String({ format: 'date' }),
  overdue: Type.Boolean(),
  totals: CompletenessCountsSchema,
  byInstitution: Type.Array(
    Type.Composite([Type.Object({ institution: Type.String(), ministry: Type.String() }), CompletenessCountsSchema]),
  ),
  /** Per top-level institution: a ministry with its agencies, or an independent institution on its own. */
  byMinistry: Type.Array(Type.Composite([Type.Object({ ministry: Type.String() }), CompletenessCountsSchema])),
  /** Institutions with overdue items not yet handed in (missing, draft or returned), most outstanding first. */
  late: Type.Array(Type.Object({ institution: Type.String(), ministry: Type.String(), outstanding: Type.Integer() })),
  /** Every owed item; left out with `view=summary` (the dashboard shows the counts only). */
  items: Type.Optional(Type.Array(CompletenessItemSchema)),
})
export type Completeness = Static<typeof CompletenessSchema>

export const CompletenessQuerySchema = Type.Object(
  {
    view: Type.Optional(
      Type.Union([Type.Literal('full'), Type.Literal('summary')], {
        default: 'full',
        description: '`summary`: the counts and who is late, without `items` (their size grows with the round)',
      }),
    ),
  },
  { additionalProperties: false },
)
export type CompletenessQuery = Static<typeof CompletenessQuerySchema>

/** A measure an institution owes a submission for in an open round. */
export const MyWorkItemSchema = Type.Object({
  kind: Type.Literal('round'),
  round: Type.Object({
    id: IdSchema,
    planId: IdSchema,
    title: Type.String(),
    period: Type.String(),
    dueDate: Type.String({ format: 'date' }),
  }),
  measure: MeasureRefSchema,
  institution: Type.String({ description: 'Institution code' }),
  role: InstitutionRoleSchema,
  state: CompletenessStateSchema,
  submissionId: Nullable(IdSchema),
  /** The submission's version, to send with the next edit or transition. */
  version: Nullable(Type.Integer()),
  overdue: Type.Boolean(),
})
export type MyWorkItem = Static<typeof MyWorkItemSchema>

/** A survey the caller's institution is asked to answer and has not submitted (open, or reopened for it after closing). */
export const SurveyWorkItemSchema = Type.Object({
  kind: Type.Literal('survey'),
  survey: Type.Object({
    id: IdSchema,
    code: Type.String(),
    title: Type.String(),
    period: Nullable(Type.String()),
    dueDate: Nullable(Type.String({ format: 'date' })),
  }),
  institution: Type.String({ description: 'Institution code' }),
  state: Type.Union([Type.Literal('missing'), Type.Literal('draft')]),
  /** The coordinator reopened the submitted response for correction. */
  reopened: Type.Boolean(),
  /** The response's version (0 until its first save). */
  version: Type.Integer(),
  /** Past the due date (Europe/Riga): answers are still taken, and marked late. */
  overdue: Type.Boolean(),
})
export type SurveyWorkItem = Static<typeof SurveyWorkItemSchema>

/** One line of "my work": a round's measure or a survey. */
export const MyWorkEntrySchema = Type.Union([MyWorkItemSchema, SurveyWorkItemSchema])
export type MyWorkEntry = Static<typeof MyWorkEntrySchema>

// ---- evidence ----

export const EvidenceSchema = Type.Object({
  id: IdSchema,
  submissionId: IdSchema,
  kind: Type.Union([Type.Literal('file'), Type.Literal('link')]),
  fileName: Nullable(Type.String()),
  mediaType: Nullable(Type.String({ description: 'Detected from the bytes' })),
  size: Nullable(Type.Integer({ description: 'Bytes' })),
  sha256: Nullable(Type.String()),
  url: Nullable(Type.String()),
  title: Nullable(Type.String()),
  createdBy: Nullable(UserRefSchema),
  createdAt: TimestampSchema,
  /** Marked public by the plan's coordinator (a file of an accepted submission): downloadable from the published plan. */
  public: Type.Boolean(),
})
export type Evidence = Static<typeof EvidenceSchema>

export const CreateLinkEvidenceSchema = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 2000, pattern: '^[Hh][Tt][Tt][Pp][Ss]?://', description: 'http or https only' }),
    title: Type.String({ minLength: 1, maxLength: 300, pattern: NOT_BLANK }),
  },
  { additionalProperties: false },
)
export type CreateLinkEvidence = Static<typeof CreateLinkEvidenceSchema>

/** The multipart form of an upload, for the OpenAPI document (the route reads the stream itself). */
export const UploadEvidenceSchema = Type.Object({
  file: Type.String({ format: 'binary', description: 'PDF, DOCX, XLSX, ODT, ODS, PNG or JPEG; type detected from the bytes' }),
})

// ---- submissions ----

const SubmissionTextSchema = Type.String({ maxLength: SUBMISSION_TEXT_MAX, description: 'Plain text; paragraphs and lists as lines' })
const ReasonSchema = Type.String({ maxLength: 5000 })

export const CreateSubmissionSchema = Type.Object(
  {
    measureId: IdSchema,
    institution: CodeSchema,
    text: Type.Optional(SubmissionTextSchema),
    proposedStatus: Type.Optional(MeasureStatusSchema),
    reason: Type.Optional(Nullable(ReasonSchema)),
  },
  { additionalProperties: false },
)
export type CreateSubmission = Static<typeof CreateSubmissionSchema>

export const UpdateSubmissionSchema = Type.Object(
  {
    version: VersionSchema,
    text: Type.Optional(SubmissionTextSchema),
    proposedStatus: Type.Optional(MeasureStatusSchema),
    reason: Type.Optional(Nullable(ReasonSchema)),
  },
  { additionalProperties: false, minProperties: 2 },
)
export type UpdateSubmission = Static<typeof UpdateSubmissionSchema>

export const SubmissionTransitionSchema = Type.Object(
  {
    version: VersionSchema,
    /** An optional note with the step (endorse, accept), kept in the submission's timeline. */
    comment: Type.Optional(Type.String({ minLength: 1, maxLength: 5000, pattern: NOT_BLANK })),
  },
  { additionalProperties: false },
)
export type SubmissionTransition = Static<typeof SubmissionTransitionSchema>

export const ReturnSubmissionSchema = Type.Object(
  {
    version: VersionSchema,
    comment: Type.String({ minLength: 1, maxLength: 5000, pattern: NOT_BLANK, description: 'What the institution should change' }),
  },
  { additionalProperties: false },
)
export type ReturnSubmission = Static<typeof ReturnSubmissionSchema>

export const SubmissionQuerySchema = Type.Object({
  measure: Type.Optional(IdSchema),
  institution: Type.Optional(Type.String({ maxLength: 40, description: 'Institution code' })),
  state: Type.Optional(SubmissionStateSchema),
})
export type SubmissionQuery = Static<typeof SubmissionQuerySchema>

export const SubmissionListItemSchema = Type.Object({
  id: IdSchema,
  roundId: IdSchema,
  measure: MeasureRefSchema,
  institution: Type.String({ description: 'Institution code' }),
  institutionName: Type.String(),
  role: Nullable(InstitutionRoleSchema),
  text: Type.String(),
  proposedStatus: MeasureStatusSchema,
  reason: Nullable(Type.String()),
  state: SubmissionStateSchema,
  /** The reviewer's comment of the last return; kept after resubmitting. */
  returnComment: Nullable(Type.String()),
  evidenceCount: Type.Integer(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  updatedBy: Nullable(UserRefSchema),
  submittedAt: Nullable(TimestampSchema),
  endorsedAt: Nullable(TimestampSchema),
  endorsedBy: Nullable(UserRefSchema),
  acceptedAt: Nullable(TimestampSchema),
  acceptedBy: Nullable(UserRefSchema),
  version: Type.Integer(),
  abilities: SubmissionAbilitiesSchema,
})
export type SubmissionListItem = Static<typeof SubmissionListItemSchema>

// ---- the timeline, comments and review in bulk ----

export const SUBMISSION_EVENT_KINDS = ['submitted', 'endorsed', 'returned', 'accepted', 'unaccepted', 'comment'] as const
export const SubmissionEventSchema = Type.Object({
  id: IdSchema,
  kind: Type.Union(SUBMISSION_EVENT_KINDS.map((kind) => Type.Literal(kind))),
  at: TimestampSchema,
  by: Nullable(Type.Object({ id: IdSchema, name: Type.String(), institution: Nullable(Type.String({ description: 'Institution code' })) })),
  /** The step's note (a return's request, an undo's reason) or the comment. */
  comment: Nullable(Type.String()),
})
export type SubmissionEvent = Static<typeof SubmissionEventSchema>

/** The submission as it was returned: what the reviewer compares the resubmitted text with. */
export const ReturnedVersionSchema = Type.Object({
  at: TimestampSchema,
  by: Nullable(UserRefSchema),
  comment: Type.String(),
  text: Type.String(),
  proposedStatus: MeasureStatusSchema,
  reason: Nullable(Type.String()),
})
export type ReturnedVersion = Static<typeof ReturnedVersionSchema>

export const SubmissionCommentSchema = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 5000, pattern: NOT_BLANK }) },
  { additionalProperties: false },
)
export type SubmissionComment = Static<typeof SubmissionCommentSchema>

/**
 * Undo an acceptance (the plan coordinator): the submission goes back to the state it was accepted from
 * (endorsed, or submitted when accepted without the ministry's endorsement), the measure's progress text from it removed.
 */
export const UnacceptSubmissionSchema = Type.Object(
  { version: VersionSchema, reason: Type.String({ minLength: 1, maxLength: 5000, pattern: NOT_BLANK }) },
  { additionalProperties: false },
)
export type UnacceptSubmission = Static<typeof UnacceptSubmissionSchema>

export const BulkReviewSchema = Type.Object(
  {
    action: Type.Union([Type.Literal('endorse'), Type.Literal('accept')]),
    items: Type.Array(Type.Object({ id: IdSchema, version: VersionSchema }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 100,
    }),
    comment: Type.Optional(Type.String({ minLength: 1, maxLength: 5000, pattern: NOT_BLANK })),
  },
  { additionalProperties: false },
)
export type BulkReview = Static<typeof BulkReviewSchema>

/** Each item on its own: one stale or not allowed does not stop the others. */
export const BulkReviewResultSchema = Type.Object({
  results: Type.Array(
    Type.Object({
      id: IdSchema,
      ok: Type.Boolean(),
      /** The error code and message when not done (VERSION_CONFLICT, INVALID_TRANSITION, FORBIDDEN, NOT_FOUND). */
      error: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
    }),
  ),
})
export type BulkReviewResult = Static<typeof BulkReviewResultSchema>

export const SubmissionSchema = Type.Composite([
  SubmissionListItemSchema,
  Type.Object({
    round: Type.Object({
      id: IdSchema,
      planId: IdSchema,
      title: Type.String(),
      period: Type.String(),
      dueDate: Type.String({ format: 'date' }),
      state: RoundStateSchema,
    }),
    createdBy: Nullable(UserRefSchema),
    evidence: Type.Array(EvidenceSchema),
    /** Every step and comment, oldest first. */
    timeline: Type.Array(SubmissionEventSchema),
    /** The version last returned, when the submission has been returned (for the diff). */
    returnedVersion: Nullable(ReturnedVersionSchema),
  }),
])
export type Submission = Static<typeof SubmissionSchema>

// ---- round safeguards ----

/** What a new round would cause, said before it is saved (POST /api/plans/{id}/rounds/check). */
export const RoundWarningSchema = Type.Union([
  /** Everyone is late at once. */
  Type.Object({ kind: Type.Literal('due_in_past'), dueDate: Type.String({ format: 'date' }) }),
  /** Institutions would owe two reports on these measures. */
  Type.Object({
    kind: Type.Literal('overlap'),
    round: Type.Object({ id: IdSchema, title: Type.String(), dueDate: Type.String({ format: 'date' }) }),
    measures: Type.Array(Type.Object({ id: IdSchema, number: Type.String() })),
  }),
])
export type RoundWarning = Static<typeof RoundWarningSchema>
export const RoundWarningsSchema = Type.Object({ warnings: Type.Array(RoundWarningSchema) })
export type RoundWarnings = Static<typeof RoundWarningsSchema>

// ---- the review queue ----

export const ReviewQueueItemSchema = Type.Object({
  submission: SubmissionListItemSchema,
  round: Type.Object({
    id: IdSchema,
    planId: IdSchema,
    planCode: Type.String(),
    title: Type.String(),
    dueDate: Type.String({ format: 'date' }),
  }),
})
export type ReviewQueueItem = Static<typeof ReviewQueueItemSchema>

export const REVIEW_SORTS = ['oldest', 'newest', 'measure', 'institution'] as const
export const ReviewQueueQuerySchema = Type.Object(
  {
    plan: Type.Optional(IdSchema),
    round: Type.Optional(IdSchema),
    institution: Type.Optional(Type.String({ maxLength: 40, description: 'Institution code' })),
    state: Type.Optional(Type.Union([Type.Literal('submitted'), Type.Literal('endorsed')])),
    sort: Type.Optional(Type.Union(REVIEW_SORTS.map((sort) => Type.Literal(sort)))),
  },
  { additionalProperties: false },
)
export type ReviewQueueQuery = Static<typeof ReviewQueueQuerySchema>

/** What waits for the caller's endorsement or acceptance across open rounds, endorsed first, then oldest first. */
export const ReviewQueueSchema = Type.Object({
  total: Type.Integer(),
  rounds: Type.Array(Type.Object({ id: IdSchema, planId: IdSchema, planCode: Type.String(), title: Type.String(), count: Type.Integer() })),
  items: Type.Array(ReviewQueueItemSchema),
})
export type ReviewQueue = Static<typeof ReviewQueueSchema>

/** How many submissions wait for the caller's endorsement or acceptance: the review queue's `total` alone (the header's badge). */
export const ReviewCountSchema = Type.Object({ count: Type.Integer({ minimum: 0 }) })
export type ReviewCount = Static<typeof ReviewCountSchema>
