// Plans: list, detail with action lines, summary counts, measures of a plan, import and export.
import type {
  DryRunResult,
  ImportResult,
  MeasureListItem,
  MeasureQuery,
  MeasureTableItem,
  Plan,
  PlanDocument,
  PlanListItem,
  PlanSummary,
} from '@apt/shared'
import { download, http } from './api'

export const plansService = {
  list: () => http.get<PlanListItem[]>('/api/plans'),
  get: (id: number) => http.get<Plan>(`/api/plans/${id}`),
  summary: (id: number) => http.get<PlanSummary>(`/api/plans/${id}/summary`),
  measures: (id: number, query: MeasureQuery = {}, signal?: AbortSignal) =>
    http.get<MeasureListItem[]>(`/api/plans/${id}/measures`, { ...query }, signal),
  /** The measures table's rows: only the fields it shows (`view=table`). */
  measuresTable: (id: number, query: Omit<MeasureQuery, 'view'> = {}, signal?: AbortSignal) =>
    http.get<MeasureTableItem[]>(`/api/plans/${id}/measures`, { ...query, view: 'table' }, signal),
  dryRun: (document: unknown) => http.post<DryRunResult>('/api/plans/import', document as PlanDocument, { dryRun: true }),
  import: (document: unknown) => http.post<ImportResult>('/api/plans/import', document as PlanDocument),
  downloadExport: (id: number, code: string) => download(`/api/plans/${id}/export`, `${code}.json`),
}
