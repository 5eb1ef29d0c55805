// Direct API access for fixtures that set the stage (open a round, create a draft) without the UI.
import { inject } from 'vitest'
import { ACCOUNTS, type Account } from './accounts'

export interface ApiClient {
  request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>
}

export const apiAs = (account: Account): Promise<ApiClient> => apiLogin(ACCOUNTS[account])

/** Logs in through the API with any e-mail and password (users a test created itself). */
export async function apiLogin(credentials: { email: string; password: string }): Promise<ApiClient> {
  const base = inject('baseURL')
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: credentials.email, password: credentials.password }),
  })
  if (!login.ok) throw new Error(`login as ${credentials.email} failed: ${login.status} ${await login.text()}`)
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
  const { csrfToken } = (await login.json()) as { csrfToken: string }
  return {
    async request<T>(method: string, path: string, body?: unknown) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await response.text()
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T }
    },
  }
}

/** A date `days` from today as YYYY-MM-DD. */
export function dayFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000)
  return d.toISOString().slice(0, 10)
}

/** The open round of the demo plan, opening one through the API when there is none. */
export async function ensureOpenRound(title = 'E2E fixture round'): Promise<{ id: number; title: string }> {
  const coordinator = await apiAs('planCoordinator')
  const { body: plans } = await coordinator.request<{ id: number }[]>('GET', '/api/plans')
  const planId = plans[0]!.id
  const { body: rounds } = await coordinator.request<{ id: number; title: string; state: string }[]>('GET', `/api/plans/${planId}/rounds`)
  const open = rounds.find((r) => r.state === 'open')
  if (open) return open
  const { status, body } = await coordinator.request<{ id: number; title: string }>('POST', `/api/plans/${planId}/rounds`, {
    title,
    period: '2025',
    dueDate: dayFromToday(30),
  })
  if (status !== 201) throw new Error(`opening a round failed: ${status} ${JSON.stringify(body)}`)
  return body
}

/**
 * Takes plans a test made out of everyone's way: closes their open rounds, activates a draft and
 * closes the plan, so the demo plan stays the coordinator's start page for the tests that follow.
 */
export async function retirePlans(planIds: readonly number[]): Promise<void> {
  const admin = await apiAs('admin')
  const ok = (result: { status: number; body: unknown }) => {
    if (result.status !== 200) throw new Error(`retiring a test plan failed: ${result.status} ${JSON.stringify(result.body)}`)
  }
  for (const id of planIds) {
    const { body: rounds } = await admin.request<{ id: number; state: string }[]>('GET', `/api/plans/${id}/rounds`)
    for (const round of rounds.filter((r) => r.state === 'open')) ok(await admin.request('POST', `/api/rounds/${round.id}/close`))
    for (const step of ['activate', 'close'] as const) {
      const { body: plan } = await admin.request<{ version: number; state: string }>('GET', `/api/plans/${id}`)
      if (step === 'activate' && plan.state !== 'draft') continue
      ok(await admin.request('POST', `/api/plans/${id}/${step}`, { version: plan.version, reason: 'e2e: the test plan is done with' }))
    }
  }
}
