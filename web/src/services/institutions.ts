// Institutions (the tree of ministries, agencies, municipalities and NGOs).
import type { CreateInstitution, Institution, UpdateInstitution } from '@apt/shared'
import { http } from './api'

export const institutionsService = {
  list: () => http.get<Institution[]>('/api/institutions'),
  create: (body: CreateInstitution) => http.post<Institution>('/api/institutions', body),
  update: (id: number, body: UpdateInstitution) => http.patch<Institution>(`/api/institutions/${id}`, body),
}
