import { Type, type Static } from '@sinclair/typebox'
import { MeasureStatusSchema } from './enums.js'
import { Nullable, TimestampSchema } from './common.js'
import { DocExclusionSchema } from './plan-document.js'
import { RichDocSchema } from './rich-text.js'

// ——— the coordinator's report: its outline, narratives and settings ———

/**
 * The generated parts of the body, each placed once in the outline: the front matter (title,
 * opening, informants, purpose), the summary (status counts, sectors), the overview (framework,
 * goal, action lines and the chart), the plan's implementation by action line (a numbered
 * chapter), the survey chapters (one numbered chapter per linked survey) and financing (a numbered
 * chapter). The annex always closes the document.
 */
export const REPORT_PARTS = ['front', 'summary', 'overview', 'implementation', 'surveys', 'financing'] as const
export const ReportPartSchema = Type.Union(REPORT_PARTS.map((part) => Type.Literal(part)))
export type ReportPart = (typeof REPORT_PARTS)[number]

/** A section's heading: "2. Title" numbered with the chapters, "Title" alone (as "Secinājumi"), or none (paragraphs that continue the text before). */
export const REPORT_HEADING_STYLES = ['numbered', 'unnumbered', 'none'] as const
export const ReportHeadingStyleSchema = Type.Union(REPORT_HEADING_STYLES.map((style) => Type.Literal(style)))
export type ReportHeadingStyle = (typeof REPORT_HEADING_STYLES)[number]

export const ReportPartEntrySchema = Type.Object({ kind: Type.Literal('part'), part: ReportPartSchema }, { additionalProperties: false })
export const ReportTextEntrySchema = Type.Object(
  {
    kind: Type.Literal('text'),
    /** Stable id the editor keys the section by. */
    id: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }),
    /** The heading (or, with heading "none", the section's name in the editor only). */
    title: Type.String({ maxLength: 300 }),
    heading: ReportHeadingStyleSchema,
    body: RichDocSchema,
  },
  { additionalProperties: false },
)
export type ReportTextEntry = Static<typeof ReportTextEntrySchema>
export const ReportOutlineEntrySchema = Type.Union([ReportPartEntrySchema, ReportTextEntrySchema])
export type ReportOutlineEntry = Static<typeof ReportPartEntrySchema> | ReportTextEntry

export const ReportSignatorySchema = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 200 }), name: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)
export type ReportSignatory = Static<typeof ReportSignatorySchema>

export const ANNEX_LAYOUTS = ['table', 'flowing'] as const

/**
 * A point or points of an act as Latvian texts cite them: "5.", "5.1.", "5. un 6.", "3., 5. un 7."
 * (each number closed by its full stop, joined by ", " and a last " un ").
 */
export const ACT_POINTS_PATTERN = '^\\d{1,3}\\.(\\d{1,3}\\.)*(, \\d{1,3}\\.(\\d{1,3}\\.)*)*( un \\d{1,3}\\.(\\d{1,3}\\.)*)?$'
export const ReportSettingsSchema = Type.Object(
  {
    /** "table": the ministry's landscape three-column table per action line; "flowing": each measure as labelled paragraphs. */
    annexLayout: Type.Union(ANNEX_LAYOUTS.map((layout) => Type.Literal(layout))),
    /** The closing block: the minister who submits the report (e.g. "Iekšlietu ministrs", "R. Kozlovskis"). */
    minister: Nullable(ReportSignatorySchema),
    /** The vīza (e.g. "Valsts sekretārs", "D. Trofimovs"). */
    visa: Nullable(ReportSignatorySchema),
    /**
     * The point(s) of the plan's approving act that set the duty to report ("5."): the opening then
     * cites "… rīkojuma Nr. 156 5. punktu, kurā noteikts, ka …". Absent: the opening cites the act alone.
     */
    reportingPoint: Type.Optional(
      Type.String({
        minLength: 2,
        maxLength: 40,
        pattern: ACT_POINTS_PATTERN,
        description: 'The approving act\'s point(s) as cited: "5.", "5.1.", "5. un 6."',
      }),
    ),
  },
  { additionalProperties: false },
)
export type ReportSettings = Static<typeof ReportSettingsSchema>

/** Everything the coordinator writes for a plan's report, saved and versioned as one document. */
export const ReportContentSchema = Type.Object(
  {
    /** The body in order: generated parts and the coordinator's sections (every part exactly once). */
    outline: Type.Array(ReportOutlineEntrySchema, { maxItems: 60 }),
    /** The coordinator's text after each action line's table, keyed by the action line's number. */
    actionLines: Type.Record(Type.String({ maxLength: 10 }), RichDocSchema),
    /** The coordinator's text after the financing figures. */
    financing: Nullable(RichDocSchema),
    settings: ReportSettingsSchema,
  },
  { additionalProperties: false },
)
export type ReportContent = Static<typeof ReportContentSchema>

export const ReportNarrativeSchema = Type.Object({
  content: ReportContentSchema,
  /** 0 until the first save. */
  version: Type.Integer({ minimum: 0 }),
  updatedAt: Nullable(TimestampSchema),
  updatedBy: Nullable(Type.String({ description: 'Name of who saved last' })),
})
export type ReportNarrative = Static<typeof ReportNarrativeSchema>

export const UpdateReportNarrativeSchema = Type.Object(
  { version: Type.Integer({ minimum: 0, description: 'The version last read (0 before the first save)' }), content: ReportContentSchema },
  { additionalProperties: false },
)
export type UpdateReportNarrative = Static<typeof UpdateReportNarrativeSchema>

// ——— the preview: the generated parts as the DOCX words them ———

/**
 * The opening's two halves around the point: "<lead> 5. punktu, kurā noteikts, ka <duty>.", the lead
 * ending in the act in the genitive ("… saskaņā ar Ministru kabineta … rīkojuma Nr. 156").
 */
export const OpeningActSchema = Type.Object({ lead: Type.String(), duty: Type.String() })
export type OpeningAct = Static<typeof OpeningActSchema>

export const FinancingRowSchema = Type.Object({
  /** The institution as printed: "Valsts policija (VP)"; null when the plan names none. */
  institution: Nullable(Type.String()),
  programme: Nullable(Type.String()),
  /** The measures this money serves: the report's number and the plan's own (source) number. */
  measures: Type.Array(Type.Object({ number: Type.String(), sourceRef: Nullable(Type.String()) })),
  requestedEur: Type.Number(),
  /** The part known to be granted. */
  grantedEur: Type.Number(),
  /** The part whose grant is not known ("nav zināms", never 0 euro). */
  unknownEur: Type.Number(),
})
export type FinancingRow = Static<typeof FinancingRowSchema>

/** The money of a ministry and its agencies (an agency's money under its ministry, the agency named in its rows). */
export const FinancingMinistrySchema = Type.Object({
  /** The ministry as printed, or "Citas institūcijas" for money outside any ministry. */
  label: Type.String(),
  requestedEur: Type.Number(),
  grantedEur: Type.Number(),
  unknownEur: Type.Number(),
  rows: Type.Array(FinancingRowSchema),
})
export type FinancingMinistry = Static<typeof FinancingMinistrySchema>

export const ReportPreviewSchema = Type.Object({
  title: Type.String(),
  /** The opening as it reads without a point of the approving act (see reportOpening). */
  opening: Type.String(),
  /**
   * The opening around a point of the approving act, for reportOpening; null without an approving
   * act (the opening then names no act, so no point either).
   */
  openingAct: Nullable(OpeningActSchema),
  informants: Type.String(),
  purpose: Type.String(),
  summary: Type.String(),
  sectors: Type.String(),
  framework: Nullable(Type.String()),
  goal: Nullable(Type.String()),
  /** "Plānā kopā tika noteikti 30 pasākumi, kas tika iedalīti četros rīcības virzienos:" */
  overview: Type.String(),
  /** The implementation chapter's heading text without its number: "… plāna 2023.-2024. gadam izpilde". */
  implementationHeading: Type.String(),
  actionLines: Type.Array(
    Type.Object({
      number: Type.String(),
      heading: Type.String(),
      goal: Nullable(Type.String()),
      countSentence: Type.String(),
      /** "2. tabula. II rīcības virzienā …"; null when the line has no measures (no table). */
      tableCaption: Nullable(Type.String()),
      measures: Type.Array(
        Type.Object({
          number: Type.String(),
          title: Type.String(),
          /** The plan's own number of the measure, cited after its title: "(2.1.1)". */
          sourceRef: Nullable(Type.String()),
          status: MeasureStatusSchema,
          /** Set when an amendment excluded the measure: the report shows "Izslēgts (act, date)" instead of its status. */
          excluded: Nullable(DocExclusionSchema),
        }),
      ),
    }),
  ),
  financing: Type.Object({
    lead: Type.String(),
    items: Type.Array(Type.String()),
    granted: Nullable(Type.String()),
    ministries: Type.Array(FinancingMinistrySchema),
    /** "5. tabula. Institūciju norādītais finansējums …", numbered after the measure tables; null without money. */
    tableCaption: Nullable(Type.String()),
    requestedEur: Type.Number(),
    grantedEur: Type.Number(),
    unknownEur: Type.Number(),
  }),
  /** One chapter per survey linked to the plan (opened ones), in code order; numbered where the outline puts them. */
  surveys: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      heading: Type.String(),
      responseRate: Type.String(),
      sections: Type.Array(
        Type.Object({
          title: Type.String(),
          questions: Type.Array(
            Type.Object({
              id: Type.String(),
              title: Type.String(),
              /** The generated sentences; a bullet is an item of a list (coded categories). */
              blocks: Type.Array(Type.Object({ text: Type.String(), bullet: Type.Boolean() })),
              /** The coordinator's text for the question. */
              narrative: Nullable(Type.String()),
            }),
          ),
        }),
      ),
    }),
  ),
})
export type ReportPreview = Static<typeof ReportPreviewSchema>

// ——— the check before export ———

export const REPORT_FINDING_KINDS = [
  /** A measure without any progress text. */
  'no_progress',
  /** Rated done without accepted evidence. */
  'done_without_evidence',
  /** The assessment's wording names another status than the one set (e.g. "daļēji" on a done measure). */
  'assessment_contradicts_status',
  /** The same progress text on two or more measures. */
  'duplicate_progress',
  /** A budget line whose grant is not known. */
  'unknown_grant',
  /** A responsible institution without progress text on its measure. */
  'institution_without_text',
] as const
export type ReportFindingKind = (typeof REPORT_FINDING_KINDS)[number]

export const ReportFindingSchema = Type.Object({
  kind: Type.Union(REPORT_FINDING_KINDS.map((kind) => Type.Literal(kind))),
  measureId: Type.Integer(),
  measureNumber: Type.String(),
  measureTitle: Type.String(),
  /** The institution concerned (code), where the finding is about one. */
  institution: Nullable(Type.String()),
  /** The other measures with the same text (duplicate_progress). */
  otherMeasures: Type.Array(Type.Object({ id: Type.Integer(), number: Type.String() })),
  /** A short quotation: the contradicting word, the repeated text's start, the budget line's amount. */
  detail: Nullable(Type.String()),
})
export type ReportFinding = Static<typeof ReportFindingSchema>

export const ReportCheckSchema = Type.Object({
  findings: Type.Array(ReportFindingSchema),
  /** Measures checked (excluded ones are not). */
  measuresChecked: Type.Integer(),
})
export type ReportCheck = Static<typeof ReportCheckSchema>

// ——— export history ———

export const ReportExportSchema = Type.Object({
  id: Type.Integer(),
  createdAt: TimestampSchema,
  createdBy: Nullable(Type.String({ description: 'Name of who exported' })),
  fileName: Type.String(),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  sizeBytes: Type.Integer(),
  /** The figures at that moment. */
  figures: Type.Object({
    total: Type.Integer(),
    excluded: Type.Integer(),
    done: Type.Integer(),
    partial: Type.Integer(),
    notDone: Type.Integer(),
    pending: Type.Integer(),
  }),
})
export type ReportExport = Static<typeof ReportExportSchema>

export const ReportExportListSchema = Type.Object({ items: Type.Array(ReportExportSchema) })
export type ReportExportList = Static<typeof ReportExportListSchema>
