// The informative report: the coordinator's content (outline, narratives, settings; versioned as
// one document), the generated preview, the check before export, the export history and downloads.
import type { ReportCheck, ReportContent, ReportExportList, ReportNarrative, ReportPreview } from '@apt/shared'
import { download, http } from './api'

export type ReportFormat = 'docx' | 'xlsx' | 'csv' | 'json'

export const reportService = {
  get: (planId: number) => http.get<ReportNarrative>(`/api/plans/${planId}/report`),
  save: (planId: number, version: number, content: ReportContent) =>
    http.put<ReportNarrative>(`/api/plans/${planId}/report`, { version, content }),
  preview: (planId: number) => http.get<ReportPreview>(`/api/plans/${planId}/report/preview`),
  check: (planId: number) => http.get<ReportCheck>(`/api/plans/${planId}/report/check`),
  exports: (planId: number) => http.get<ReportExportList>(`/api/plans/${planId}/report/exports`),
  /** An earlier export, byte for byte. */
  downloadExport: (planId: number, exportId: number, fileName: string) =>
    download(`/api/plans/${planId}/report/exports/${exportId}`, fileName),
  /** Downloads a file; the DOCX is recorded in the export history on the way. */
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
