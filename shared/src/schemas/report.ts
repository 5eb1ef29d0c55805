import { Type, type Static } from '@sinclair/typebox'
import { MeasureStatusSchema } from './enums.js'
import { Nullable, TimestampSchema } from './common.js'
import { DocExclusionSchema } from './plan-document.js'

const NarrativeText = Type.String({ maxLength: 200000 })

/** The coordinator's own text around the generated figures; empty sections are left out of the DOCX. */
export const ReportSectionsSchema = Type.Object(
  {
    actionLines: Type.Record(Type.String({ maxLength: 10 }), NarrativeText, { description: 'Narrative per action line number' }),
    financing: Nullable(NarrativeText),
    conclusions: Nullable(NarrativeText),
  },
  { additionalProperties: false },
)
export type ReportSections = Static<typeof ReportSectionsSchema>

export const ReportNarrativeSchema = Type.Object({
  sections: ReportSectionsSchema,
  /** 0 until the first save. */
  version: Type.Integer({ minimum: 0 }),
  updatedAt: Nullable(TimestampSchema),
  updatedBy: Nullable(Type.String({ description: 'Name of who saved last' })),
})
export type ReportNarrative = Static<typeof ReportNarrativeSchema>

export const UpdateReportNarrativeSchema = Type.Object(
  { version: Type.Integer({ minimum: 0, description: 'The version last read (0 before the first save)' }), sections: ReportSectionsSchema },
  { additionalProperties: false },
)
export type UpdateReportNarrative = Static<typeof UpdateReportNarrativeSchema>

/** The generated parts of the report, as the DOCX will word them: for the editor's live preview. */
export const ReportPreviewSchema = Type.Object({
  title: Type.String(),
  opening: Type.String(),
  informants: Type.String(),
  summary: Type.String(),
  sectors: Type.String(),
  actionLines: Type.Array(
    Type.Object({
      number: Type.String(),
      heading: Type.String(),
      goal: Nullable(Type.String()),
      countSentence: Type.String(),
      measures: Type.Array(
        Type.Object({
          number: Type.String(),
          title: Type.String(),
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
    groups: Type.Array(
      Type.Object({
        institution: Nullable(Type.String()),
        programme: Nullable(Type.String()),
        requestedEur: Type.Number(),
        grantedEur: Type.Number(),
        measures: Type.Array(Type.String()),
      }),
    ),
  }),
  /** One chapter per survey linked to the plan (opened ones), numbered after the plan's implementation (2, 3, …). */
  surveys: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      chapter: Type.Integer(),
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
