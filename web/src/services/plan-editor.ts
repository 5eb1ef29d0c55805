// The plan editor's calls: a plan's life (create, change, activate, close, reopen), its structure
// (action lines with their measures) and every structural change. Each change sends the version
// last read; a stale one comes back as 409 VERSION_CONFLICT and the editor reloads, never overwrites.
import type {
  CreateActionLine,
  CreateMeasure,
  CreatePlan,
  DeleteRecord,
  EditorActionLine,
  ExcludeMeasure,
  Measure,
  MoveMeasure,
  Plan,
  PlanStructure,
  PlanTransition,
  RenumberPlan,
  UpdateActionLine,
  UpdateMeasure,
  UpdateMeasureResult,
  UpdatePlan,
} from '@apt/shared'
import { http, request } from './api'

export type PlanTransitionName = 'activate' | 'close' | 'reopen'

export const planEditorService = {
  create: (body: CreatePlan) => http.post<Plan>('/api/plans', body),
  update: (id: number, body: UpdatePlan) => http.patch<Plan>(`/api/plans/${id}`, body),
  transition: (id: number, name: PlanTransitionName, body: PlanTransition) => http.post<Plan>(`/api/plans/${id}/${name}`, body),
  structure: (id: number) => http.get<PlanStructure>(`/api/plans/${id}/structure`),
  renumber: (id: number, body: RenumberPlan) => http.post<PlanStructure>(`/api/plans/${id}/renumber`, body),

  createActionLine: (planId: number, body: CreateActionLine) => http.post<EditorActionLine>(`/api/plans/${planId}/action-lines`, body),
  updateActionLine: (id: number, body: UpdateActionLine) => http.patch<EditorActionLine>(`/api/action-lines/${id}`, body),
  deleteActionLine: (id: number, body: DeleteRecord) => request<void>('DELETE', `/api/action-lines/${id}`, { body }),

  measure: (id: number) => http.get<Measure>(`/api/measures/${id}`),
  createMeasure: (actionLineId: number, body: CreateMeasure) => http.post<Measure>(`/api/action-lines/${actionLineId}/measures`, body),
  updateMeasure: (id: number, body: UpdateMeasure) => http.patch<UpdateMeasureResult>(`/api/measures/${id}`, body),
  moveMeasure: (id: number, body: MoveMeasure) => http.post<unknown>(`/api/measures/${id}/move`, body),
  excludeMeasure: (id: number, body: ExcludeMeasure) => http.post<unknown>(`/api/measures/${id}/exclude`, body),
  deleteMeasure: (id: number, body: DeleteRecord) => request<void>('DELETE', `/api/measures/${id}`, { body }),
}
