// The generated parts of the report as data, for the report editor's live preview: the very
// sentences and tables the DOCX will contain, from the same figures, the plan's texts quoted „…”
// as the DOCX prints them. The editor numbers the
// chapters itself from the outline it is editing (numberOutline), as the DOCX does.
import { titleGenitive } from './latvian.js'
import { latvianQuotes, type PlanDocument, type ReportPreview } from '@apt/shared'
import { computeFigures, institutionIndex } from './figures.js'
import { financingPreview } from './financing-chapter.js'
import {
  actionLineCountSentence,
  actionLineHeading,
  frameworkSentence,
  informantsSentence,
  measureTableCaption,
  openingAct,
  openingSentence,
  planOverviewSentence,
  planTitle,
  purposeSentence,
  reportTitle,
  sectorSentence,
  summaryWithExclusions,
} from './sentences.js'
import { surveyChapter, type SurveyChapterInput } from './survey-chapter.js'

export function buildReportPreview(doc: PlanDocument, surveys: readonly SurveyChapterInput[] = []): ReportPreview {
  const figures = computeFigures(doc)
  const institutions = institutionIndex(doc)
  return {
    title: reportTitle(doc),
    opening: openingSentence(doc, institutions),
    openingAct: openingAct(doc, institutions),
    informants: informantsSentence(figures.informants, institutions),
    purpose: purposeSentence(doc),
    summary: summaryWithExclusions(figures.byStatus, figures.total, figures.excluded),
    sectors: sectorSentence(figures.bySector, figures.total, institutions),
    framework: frameworkSentence(doc),
    goal: doc.plan.goal?.trim() ? latvianQuotes(doc.plan.goal) : null,
    overview: planOverviewSentence(figures.total, doc.plan.actionLines.length),
    implementationHeading: `${titleGenitive(planTitle(doc))} izpilde`,
    actionLines: doc.plan.actionLines.map((line, index) => {
      const { table } = figures.byActionLine[index]!
      return {
        number: line.number,
        heading: actionLineHeading(line),
        goal: line.goal ? latvianQuotes(line.goal) : null,
        countSentence: actionLineCountSentence(figures.byActionLine[index]!, table),
        tableCaption: table === null ? null : measureTableCaption(table, line.number),
        measures: line.measures.map((m) => ({
          number: m.number,
          title: latvianQuotes(m.title),
          sourceRef: m.sourceRef?.trim() || null,
          status: m.status,
          excluded: m.excluded ?? null,
        })),
      }
    }),
    financing: financingPreview(figures, institutions),
    surveys: surveys.map((survey) => surveyChapter(survey)),
  }
}
