// The report's opening with the point of the approving act that sets the duty to report, as the
// real report (seed 001) cites it: "… saskaņā ar Ministru kabineta … rīkojuma Nr. 156 … 5. punktu,
// kurā noteikts, ka …". The API words the two halves (the act in the genitive, the duty); this one
// function joins them with the coordinator's point, for the DOCX and the editor's preview alike.
import type { OpeningAct, ReportPreview, ReportSettings } from './schemas/report.js'

/** "5. un 6." and "3., 5. un 7." are several points ("kuros noteikts"); "5." and "5.1." one ("kurā"). */
const severalPoints = (points: string) => /, | un /.test(points)

/** "<lead> 5. punktu, kurā noteikts, ka <duty>." */
export function openingWithPoint(act: OpeningAct, points: string): string {
  return `${act.lead} ${points.trim()} punktu, ${severalPoints(points) ? 'kuros' : 'kurā'} noteikts, ka ${act.duty}.`
}

/** The opening as the report prints it: with the settings' point where the plan has an approving act. */
export function reportOpening(
  preview: Pick<ReportPreview, 'opening' | 'openingAct'>,
  settings: Pick<ReportSettings, 'reportingPoint'>,
): string {
  const points = settings.reportingPoint?.trim()
  return points && preview.openingAct ? openingWithPoint(preview.openingAct, points) : preview.opening
}
