// The one table of who may call what. `allowed` lists who gets through the permission rules; the
// matrix test expects everyone else to get 401 (anonymous) or 403. Mutating routes are called with
// bodies that fail validation or target a harmless fixture, so the matrix leaves the data usable.
import type { Client, TestApp } from './app.js'
import { ROUND_ROUTES } from '../round-permission-rows.js'
import { PLAN_EDITOR_ROUTES } from '../plan-editor-permission-rows.js'
import { PLAN_FILE_ROUTES } from '../plan-file-permission-rows.js'
import { PLAN_WORKBOOK_ROUTES } from '../plan-workbook-permission-rows.js'
import { SURVEY_ROUTES } from '../survey-permission-rows.js'
import { RESPONSE_ROUTES } from '../response-permission-rows.js'
import { NOTIFICATION_ROUTES } from '../notification-permission-rows.js'
import { NOTIFICATION_EVENT_ROUTES } from '../notification-events-permission-rows.js'
import { REVIEW_ROUTES } from '../review-permission-rows.js'
import { ROUND_SAFEGUARD_ROUTES } from '../round-safeguard-permission-rows.js'
import { SESSION_ROUTES } from '../session-permission-rows.js'
import { PUBLISHING_ROUTES } from '../publishing-permission-rows.js'
import { SSO_ROUTES } from '../sso-permission-rows.js'

export const WHO = ['anonymous', 'admin', 'planCoordinator', 'ministryCoordinator', 'reporterVPD', 'reporterVP', 'viewer'] as const
export type Who = (typeof WHO)[number]

export interface Fixtures {
  planId: number
  measureId: number
  institutionId: number
  userId: number
  tokenId: number
  /** An open round, and in it a VPD draft with a link on measure 2.3 (VPD's): "own" for VPD and TM, "other" for VP. */
  roundId: number
  vpdMeasureId: number
  vpdDraftId: number
  vpdEvidenceId: number
}

export interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string
  path: (f: Fixtures) => string
  body?: (f: Fixtures) => object
  allowed: 'public' | 'authenticated' | readonly Who[]
  /** Names a second case of the same route, e.g. another institution's data. */
  variant?: string
}

const ADMIN: Who[] = ['admin']
const PLAN_MANAGERS: Who[] = ['admin', 'planCoordinator']
const REPORT_READERS: Who[] = ['admin', 'planCoordinator', 'ministryCoordinator', 'viewer']
/** Who may act for VPD: itself, its ministry's coordinator (TM), the plan coordinator and admins. */
const VPD_REACH: Who[] = ['admin', 'planCoordinator', 'ministryCoordinator', 'reporterVPD']

export async function loadFixtures(t: TestApp, clients: Record<Exclude<Who, 'anonymous'>, Client>): Promise<Fixtures> {
  const planId = await t.demoPlanId()
  const measures = (await clients.admin.get(`/api/plans/${planId}/measures`)).body
  const institutions = (await clients.admin.get('/api/institutions')).body
  const users = (await clients.admin.get('/api/users')).body
  const token = (await clients.viewer.post('/api/auth/tokens', { name: 'fixture' })).body
  const round = (
    await clients.planCoordinator.post(`/api/plans/${planId}/rounds`, { title: 'Matrica', period: '2023-2024', dueDate: '2030-03-01' })
  ).body
  const vpdMeasure = measures.find((m: { number: string }) => m.number === '2.3')
  const draft = (
    await clients.reporterVPD.post(`/api/rounds/${round.id}/submissions`, {
      measureId: vpdMeasure.id,
      institution: 'VPD',
      text: 'Melnraksts',
      proposedStatus: 'partial',
      reason: 'Turpinās',
    })
  ).body
  const link = (await clients.reporterVPD.post(`/api/submissions/${draft.id}/evidence`, { url: 'https://www.vpd.gov.lv/', title: 'VPD' }))
    .body
  return {
    planId,
    measureId: measures[0].id,
    institutionId: institutions.find((i: { code: string }) => i.code === 'VP').id,
    userId: users.find((u: { role: string }) => u.role === 'viewer').id,
    tokenId: token.id,
    roundId: round.id,
    vpdMeasureId: vpdMeasure.id,
    vpdDraftId: draft.id,
    vpdEvidenceId: link.id,
  }
}

export const ROUTES: RouteCase[] = [
  { method: 'GET', url: '/api/health', path: () => '/api/health', allowed: 'public' },
  // Wrong credentials: a 401 for everyone, which is not a refusal of the route.
  { method: 'POST', url: '/api/auth/login', path: () => '/api/auth/login', body: () => ({}), allowed: 'public' },
  { method: 'POST', url: '/api/auth/logout', path: () => '/api/auth/logout', body: () => ({ unexpected: true }), allowed: 'authenticated' },
  { method: 'GET', url: '/api/auth/me', path: () => '/api/auth/me', allowed: 'authenticated' },
  { method: 'POST', url: '/api/auth/password', path: () => '/api/auth/password', body: () => ({}), allowed: 'authenticated' },
  { method: 'GET', url: '/api/auth/tokens', path: () => '/api/auth/tokens', allowed: 'authenticated' },
  { method: 'POST', url: '/api/auth/tokens', path: () => '/api/auth/tokens', body: () => ({}), allowed: 'authenticated' },
  // Each user may revoke only its own token: for the others the token "does not exist" (404).
  { method: 'DELETE', url: '/api/auth/tokens/:id', path: () => '/api/auth/tokens/999999', allowed: 'authenticated' },
  { method: 'GET', url: '/api/users', path: () => '/api/users', allowed: ADMIN },
  { method: 'POST', url: '/api/users', path: () => '/api/users', body: () => ({}), allowed: ADMIN },
  { method: 'PATCH', url: '/api/users/:id', path: (f) => `/api/users/${f.userId}`, body: () => ({}), allowed: ADMIN },
  { method: 'POST', url: '/api/users/:id/reset-password', path: () => '/api/users/999999/reset-password', allowed: ADMIN },
  { method: 'GET', url: '/api/audit', path: () => '/api/audit', allowed: PLAN_MANAGERS },
  { method: 'GET', url: '/api/audit/verify', path: () => '/api/audit/verify', allowed: ADMIN },
  { method: 'GET', url: '/api/institutions', path: () => '/api/institutions', allowed: 'authenticated' },
  { method: 'POST', url: '/api/institutions', path: () => '/api/institutions', body: () => ({}), allowed: ADMIN },
  { method: 'PATCH', url: '/api/institutions/:id', path: (f) => `/api/institutions/${f.institutionId}`, body: () => ({}), allowed: ADMIN },
  { method: 'GET', url: '/api/plans', path: () => '/api/plans', allowed: 'authenticated' },
  { method: 'POST', url: '/api/plans/import', path: () => '/api/plans/import', body: () => ({}), allowed: PLAN_MANAGERS },
  { method: 'GET', url: '/api/plans/:id', path: (f) => `/api/plans/${f.planId}`, allowed: 'authenticated' },
  { method: 'GET', url: '/api/plans/:id/export', path: (f) => `/api/plans/${f.planId}/export`, allowed: 'authenticated' },
  {
    method: 'POST',
    url: '/api/plans/:id/successor',
    path: (f) => `/api/plans/${f.planId}/successor`,
    body: () => ({}),
    allowed: PLAN_MANAGERS,
  },
  { method: 'GET', url: '/api/plans/:id/summary', path: (f) => `/api/plans/${f.planId}/summary`, allowed: 'authenticated' },
  { method: 'GET', url: '/api/plans/:id/measures', path: (f) => `/api/plans/${f.planId}/measures`, allowed: 'authenticated' },
  { method: 'GET', url: '/api/measures/:id', path: (f) => `/api/measures/${f.measureId}`, allowed: 'authenticated' },
  // Institution-level: only the plan's coordinating institution (IeM) edits; a valid no-op-ish body.
  {
    method: 'PATCH',
    url: '/api/measures/:id',
    path: (f) => `/api/measures/${f.measureId}`,
    body: () => ({ version: 999999, assessment: 'matrix' }),
    allowed: PLAN_MANAGERS,
  },
  { method: 'GET', url: '/api/measures/:id/history', path: (f) => `/api/measures/${f.measureId}/history`, allowed: 'authenticated' },
  { method: 'GET', url: '/api/plans/:id/report', path: (f) => `/api/plans/${f.planId}/report`, allowed: REPORT_READERS },
  { method: 'PUT', url: '/api/plans/:id/report', path: (f) => `/api/plans/${f.planId}/report`, body: () => ({}), allowed: PLAN_MANAGERS },
  { method: 'GET', url: '/api/plans/:id/report/preview', path: (f) => `/api/plans/${f.planId}/report/preview`, allowed: REPORT_READERS },
  { method: 'GET', url: '/api/plans/:id/report.docx', path: (f) => `/api/plans/${f.planId}/report.docx`, allowed: REPORT_READERS },
  { method: 'GET', url: '/api/plans/:id/report/check', path: (f) => `/api/plans/${f.planId}/report/check`, allowed: REPORT_READERS },
  { method: 'GET', url: '/api/plans/:id/report/exports', path: (f) => `/api/plans/${f.planId}/report/exports`, allowed: REPORT_READERS },
  {
    method: 'GET',
    url: '/api/plans/:id/report/exports/:exportId',
    path: (f) => `/api/plans/${f.planId}/report/exports/999999`,
    allowed: REPORT_READERS,
  },
  { method: 'GET', url: '/api/plans/:id/measures.xlsx', path: (f) => `/api/plans/${f.planId}/measures.xlsx`, allowed: 'authenticated' },
  { method: 'GET', url: '/api/plans/:id/measures.csv', path: (f) => `/api/plans/${f.planId}/measures.csv`, allowed: 'authenticated' },
  ...ROUND_ROUTES,
  ...PLAN_EDITOR_ROUTES,
  ...PLAN_FILE_ROUTES,
  ...PLAN_WORKBOOK_ROUTES,
  ...SURVEY_ROUTES,
  ...RESPONSE_ROUTES,
  ...NOTIFICATION_ROUTES,
  ...REVIEW_ROUTES,
  ...ROUND_SAFEGUARD_ROUTES,
  ...SESSION_ROUTES,
  ...SSO_ROUTES,
  ...NOTIFICATION_EVENT_ROUTES,
  ...PUBLISHING_ROUTES,
  // Own vs. other institution: VPD's draft is VPD's and its ministry TM's; not VP's, and viewers never see drafts.
  ...(['GET /api/submissions/:id', 'GET /api/evidence/:id'] as const).map((route): RouteCase => ({
    method: 'GET',
    url: route.split(' ')[1]!,
    variant: 'another institution’s draft',
    path: (f) => (route.includes('evidence') ? `/api/evidence/${f.vpdEvidenceId}` : `/api/submissions/${f.vpdDraftId}`),
    allowed: VPD_REACH,
  })),
  {
    method: 'PATCH',
    url: '/api/submissions/:id',
    variant: 'another institution’s draft',
    path: (f) => `/api/submissions/${f.vpdDraftId}`,
    body: () => ({ version: 999999, text: 'matrica' }),
    allowed: VPD_REACH,
  },
  {
    method: 'POST',
    url: '/api/rounds/:id/submissions',
    variant: 'for another institution',
    path: (f) => `/api/rounds/${f.roundId}/submissions`,
    body: (f) => ({ measureId: f.vpdMeasureId, institution: 'VPD', text: 'x', proposedStatus: 'partial', reason: 'x' }),
    allowed: VPD_REACH,
  },
]
