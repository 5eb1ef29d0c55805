// The generated parts of the report as data, for the report editor's live preview: the very
// sentences and tables the DOCX will contain, from the same figures.
import type { PlanDocument, ReportPreview } from '@apt/shared'
import { computeFigures, institutionIndex } from './figures.js'
import {
  actionLineCountSentence,
  actionLineHeading,
  financingLead,
  informantsSentence,
  openingSentence,
  reportTitle,
  sectorSentence,
  summaryWithExclusions,
} from './sentences.js'
import { surveyChapter, type SurveyChapterInput } from './survey-chapter.js'

export function buildReportPreview(doc: PlanDocument, surveys: readonly SurveyChapterInput[] = []): ReportPreview {
  const figures = computeFigures(doc)
  const institutions = institutionIndex(doc)
  let tableNumber = 0
  return {
    title: reportTitle(doc),
    opening: openingSentence(doc, institutions),
    informants: informantsSentence(figures.informants, institutions),
    summary: summaryWithExclusions(figures.byStatus, figures.total, figures.excluded),
    sectors: sectorSentence(figures.bySector, figures.total, institutions),
    actionLines: doc.plan.actionLines.map((line, index) => {
      if (line.measures.length > 0) tableNumber += 1
      return {
        number: line.number,
        heading: actionLineHeading(line),
        goal: line.goal ?? null,
        countSentence: actionLineCountSentence(figures.byActionLine[index]!, line.measures.length > 0 ? tableNumber : null),
        measures: line.measures.map((m) => ({ number: m.number, title: m.title, status: m.status, excluded: m.excluded ?? null })),
      }
    }),
    financing: { ...financingLead(figures.financing, institutions), groups: figures.financing.groups },
    // Chapter 1 is the plan's implementation; the surveys follow it, financing comes after them.
    surveys: surveys.map((survey, index) => surveyChapter(survey, 2 + index)),
  }
}
