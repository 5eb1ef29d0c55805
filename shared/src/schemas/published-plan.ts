// The public read model: what anyone may read of a published plan (its /p/{code} pages and open
// data) and of a survey's published results. Only what the coordinator made public is in here —
// never drafts, submissions in review, returned comments, users, e-mail addresses or the audit.
import { type Static, Type } from '@sinclair/typebox'
import { Nullable, TimestampSchema } from './common.js'
import { BudgetSourceSchema, MeasureStatusSchema, PlanStateSchema } from './enums.js'
import { DateSchema } from './plan-document.js'
import { PlanSummarySchema } from './plans.js'
import { SurveySectionSchema } from './survey-document.js'

// ——— the open-data licence (the admin's setting) ———

export const OpenDataLicenceSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. "CC BY 4.0"' }),
    url: Type.String({ minLength: 1, maxLength: 2000, format: 'uri', pattern: '^https?://' }),
  },
  { additionalProperties: false },
)
export type OpenDataLicence = Static<typeof OpenDataLicenceSchema>

/** Until an admin sets another, the open data is under Creative Commons Attribution 4.0. */
export const DEFAULT_OPEN_DATA_LICENCE: OpenDataLicence = {
  name: 'CC BY 4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/',
}

export const OpenDataSettingsSchema = Type.Object({
  licence: OpenDataLicenceSchema,
  /** False while the default applies (no admin has set one). */
  isSet: Type.Boolean(),
  version: Type.Integer({ description: 'Send it back when changing the licence; 0 while none is set' }),
})
export type OpenDataSettings = Static<typeof OpenDataSettingsSchema>

export const UpdateOpenDataSettingsSchema = Type.Object(
  { licence: OpenDataLicenceSchema, version: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
)
export type UpdateOpenDataSettings = Static<typeof UpdateOpenDataSettingsSchema>

// ——— a published plan ———

/** An institution as the public pages name it: its code, name and official abbreviation (null: it has none). */
export const PublicInstitutionSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  abbreviation: Nullable(Type.String()),
})
export type PublicInstitution = Static<typeof PublicInstitutionSchema>

export const PublicBudgetLineSchema = Type.Object({
  amountEur: Type.Number(),
  source: BudgetSourceSchema,
  institution: Nullable(PublicInstitutionSchema),
  programme: Nullable(Type.String()),
  year: Nullable(Type.Integer()),
  /** Null: the plan does not say whether it was granted. */
  granted: Nullable(Type.Boolean()),
})

export const PublicStatusChangeSchema = Type.Object({
  status: MeasureStatusSchema,
  /** The official status before (null for the first rating on record). */
  from: Nullable(MeasureStatusSchema),
  at: TimestampSchema,
  reason: Nullable(Type.String()),
})
export type PublicStatusChange = Static<typeof PublicStatusChangeSchema>

/** An accepted progress text (izpildes gaita) — imported history or an accepted submission. */
export const PublicProgressSchema = Type.Object({
  institution: PublicInstitutionSchema,
  period: Nullable(Type.String()),
  /** The reporting round it was accepted in (null for history imported with the plan). */
  round: Nullable(Type.Object({ title: Type.String(), period: Type.String() })),
  acceptedAt: Nullable(TimestampSchema),
  text: Type.String(),
})
export type PublicProgress = Static<typeof PublicProgressSchema>

/** An evidence file of an accepted submission marked public. */
export const PublicEvidenceSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  mediaType: Nullable(Type.String()),
  size: Nullable(Type.Integer()),
  /** Root-relative: `/p/{planCode}/evidence/{id}`. */
  downloadPath: Type.String(),
})
export type PublicEvidence = Static<typeof PublicEvidenceSchema>

export const PublicMeasureSchema = Type.Object({
  number: Type.String(),
  sourceRef: Nullable(Type.String()),
  title: Type.String(),
  responsible: Type.Array(PublicInstitutionSchema),
  involved: Type.Array(PublicInstitutionSchema),
  /** The sector (top-level institution code of its responsible institutions, or "several"), as the dashboard counts it. */
  sector: Type.String(),
  deadline: Nullable(Type.Object({ text: Type.String(), due: Nullable(DateSchema) })),
  budget: Nullable(Type.Object({ text: Nullable(Type.String()), lines: Type.Array(PublicBudgetLineSchema) })),
  expectedResult: Nullable(Type.String()),
  indicator: Nullable(Type.String()),
  status: MeasureStatusSchema,
  assessment: Nullable(Type.String()),
  /** Taken out of the plan by an amendment: listed, never counted. */
  excluded: Nullable(Type.Object({ act: Type.String(), date: DateSchema })),
  /** Official status changes, oldest first. */
  statusHistory: Type.Array(PublicStatusChangeSchema),
  /** In the plan's order: imported history first, then each accepted text. */
  progress: Type.Array(PublicProgressSchema),
  evidence: Type.Array(PublicEvidenceSchema),
})
export type PublicMeasure = Static<typeof PublicMeasureSchema>

export const PublicActionLineSchema = Type.Object({
  number: Type.String(),
  title: Type.String(),
  goal: Nullable(Type.String()),
  measures: Type.Array(PublicMeasureSchema),
})
export type PublicActionLine = Static<typeof PublicActionLineSchema>

/** A report export the coordinator published. */
export const PublicReportSchema = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  size: Type.Integer(),
  createdAt: TimestampSchema,
  publishedAt: TimestampSchema,
  /** Root-relative: `/p/{planCode}/reports/{id}`. */
  downloadPath: Type.String(),
})
export type PublicReport = Static<typeof PublicReportSchema>

export const PublishedPlanSchema = Type.Object({
  code: Type.String(),
  title: Type.String(),
  period: Type.Object({ start: DateSchema, end: DateSchema }),
  approvedBy: Nullable(Type.String()),
  coordinator: PublicInstitutionSchema,
  state: PlanStateSchema,
  reportDue: Nullable(DateSchema),
  policyFramework: Nullable(Type.String()),
  goal: Nullable(Type.String()),
  actionLines: Type.Array(PublicActionLineSchema),
  /** The dashboard's figures (excluded measures left out): by status, action line and sector. */
  summary: PlanSummarySchema,
  reports: Type.Array(PublicReportSchema),
  /** The survey results published under this plan. */
  surveys: Type.Array(
    Type.Object({ code: Type.String(), title: Type.String(), period: Nullable(Type.String()), publishedAt: TimestampSchema }),
  ),
  publishedAt: TimestampSchema,
  /** The latest change of anything public here (for ETag and Last-Modified). */
  updatedAt: TimestampSchema,
  licence: OpenDataLicenceSchema,
})
export type PublishedPlan = Static<typeof PublishedPlanSchema>

// ——— a survey's published results ———

const PublicCountSchema = Type.Object({
  id: Type.String(),
  count: Type.Integer(),
  share: Type.Number({ description: 'Of those who answered, 0–1' }),
})

/** A question's aggregate figures; free texts only when the coordinator marked the question's texts publishable. */
export const PublicQuestionResultSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  answered: Type.Integer(),
  options: Type.Optional(Type.Array(PublicCountSchema)),
  categories: Type.Optional(Type.Array(PublicCountSchema)),
  sum: Type.Optional(Nullable(Type.Number())),
  mean: Type.Optional(Nullable(Type.Number())),
  median: Type.Optional(Nullable(Type.Number())),
  cells: Type.Optional(Type.Record(Type.String(), Type.Record(Type.String(), Type.Object({ sum: Type.Number(), count: Type.Integer() })))),
  /** The free-text answers (and "other" texts), without who wrote them; present only when publishable. */
  texts: Type.Optional(Type.Array(Type.String())),
  other: Type.Optional(Type.Array(Type.String())),
})
export type PublicQuestionResult = Static<typeof PublicQuestionResultSchema>

export const PublishedSurveyResultsSchema = Type.Object({
  plan: Type.Object({ code: Type.String(), title: Type.String() }),
  code: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  period: Nullable(Type.String()),
  coordinator: PublicInstitutionSchema,
  /** The questionnaire, so the figures can be read with their questions and options. */
  sections: Type.Array(SurveySectionSchema),
  audience: Type.Integer(),
  responded: Type.Integer(),
  questions: Type.Array(PublicQuestionResultSchema),
  publishedAt: TimestampSchema,
  updatedAt: TimestampSchema,
  licence: OpenDataLicenceSchema,
})
export type PublishedSurveyResults = Static<typeof PublishedSurveyResultsSchema>

// ——— publishing (the coordinator's controls) ———

export const PlanPublicationSchema = Type.Object({
  publishedAt: Nullable(TimestampSchema),
  /** Who published it, by name. */
  publishedBy: Nullable(Type.String()),
  /** Root-relative: the public pages (`/p/{code}`), its data.json and measures.csv — answering once published. */
  paths: Type.Object({ page: Type.String(), data: Type.String(), csv: Type.String() }),
  /** The report exports published with the plan, by id. */
  publishedReports: Type.Array(Type.Integer()),
  abilities: Type.Object({ publish: Type.Boolean(), unpublish: Type.Boolean() }),
})
export type PlanPublication = Static<typeof PlanPublicationSchema>

export const SurveyPublicationSchema = Type.Object({
  resultsPublishedAt: Nullable(TimestampSchema),
  /** The questions whose free texts are published, by id. */
  publicTextQuestions: Type.Array(Type.String()),
  /** Root-relative path of the published results (JSON); null when the survey serves no plan. */
  path: Nullable(Type.String()),
  abilities: Type.Object({ publish: Type.Boolean(), unpublish: Type.Boolean() }),
})
export type SurveyPublication = Static<typeof SurveyPublicationSchema>

export const PublishSurveyResultsSchema = Type.Object(
  {
    publicTextQuestions: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), {
      maxItems: 500,
      uniqueItems: true,
      description: 'Questions (text, or with an "other" text) whose free texts may be published, without who wrote them',
    }),
  },
  { additionalProperties: false },
)
export type PublishSurveyResults = Static<typeof PublishSurveyResultsSchema>

export const MarkPublicSchema = Type.Object({ public: Type.Boolean() }, { additionalProperties: false })
export type MarkPublic = Static<typeof MarkPublicSchema>

export const EvidencePublicitySchema = Type.Object({
  id: Type.Integer(),
  public: Type.Boolean(),
  publicChangedAt: Nullable(TimestampSchema),
})
export type EvidencePublicity = Static<typeof EvidencePublicitySchema>

export const ReportPublicationSchema = Type.Object({ id: Type.Integer(), publishedAt: Nullable(TimestampSchema) })
export type ReportPublication = Static<typeof ReportPublicationSchema>
