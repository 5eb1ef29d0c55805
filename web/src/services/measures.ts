// A measure: detail with progress, edits and official status (with reason), status history.
import type { Measure, StatusHistoryEntry, UpdateMeasure, UpdateMeasureResult } from '@apt/shared'
import { http } from './api'

export const measuresService = {
  get: (id: number) => http.get<Measure>(`/api/measures/${id}`),
  update: (id: number, patch: UpdateMeasure) => http.patch<UpdateMeasureResult>(`/api/measures/${id}`, patch),
  history: (id: number) => http.get<StatusHistoryEntry[]>(`/api/measures/${id}/history`),
}
