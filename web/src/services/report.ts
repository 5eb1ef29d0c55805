// The informative report: narrative sections (versioned), the generated preview, and downloads.
import type { ReportNarrative, ReportPreview, ReportSections } from '@apt/shared'
import { download, http } from './api'

export type ReportFormat = 'docx' | 'xlsx' | 'csv' | 'json'

export const reportService = {
  get: (planId: number) => http.get<ReportNarrative>(`/api/plans/${planId}/report`),
  save: (planId: number, version: number, sections: ReportSections) =>
    http.put<ReportNarrative>(`/api/plans/${planId}/report`, { version, sections }),
  preview: (planId: number) => http.get<ReportPreview>(`/api/plans/${planId}/report/preview`),
  download: (planId: number, code: string, format: ReportFormat) => {
    const paths: Record<ReportFormat, [string, string]> = {
      docx: [`/api/plans/${planId}/report.docx`, `${code}-zinojums.docx`],
      xlsx: [`/api/plans/${planId}/measures.xlsx`, `${code}-pasakumi.xlsx`],
      csv: [`/api/plans/${planId}/measures.csv`, `${code}-pasakumi.csv`],
      json: [`/api/plans/${planId}/export`, `${code}.json`],
    }
    const [path, name] = paths[format]
    return download(path, name)
  },
}
