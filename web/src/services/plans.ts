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
  /** A page of the measures (`limit`, `offset`; `view=table`: only the table's fields) and the count of every match. */
  measuresPage: (id: number, query: MeasureQuery & { view: 'table' }, signal?: AbortSignal) =>
    http.getPage<MeasureTableItem>(`/api/plans/${id}/measures`, { ...query }, signal),
  dryRun: (document: unknown) => http.post<DryRunResult>('/api/plans/import', document as PlanDocument, { dryRun: true }),
  import: (document: unknown) => http.post<ImportResult>('/api/plans/import', document as PlanDocument),
  downloadExport: (id: number, code: string) => download(`/api/plans/${id}/export`, `${code}.json`),
}
