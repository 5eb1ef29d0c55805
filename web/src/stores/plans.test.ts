// The current plan lives in the plans store: the plan opened in this tab, else the one the server
// remembers for the user (unless it has been closed), else the active plan with the latest period —
// never simply the plan imported last. Opening a plan has the server remember it, once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { PlanAbilities, PlanListItem, Preferences } from '@apt/shared'
import { defaultPlanOf, usePlansStore } from './plans'

const ABILITIES: PlanAbilities = {
  edit: false,
  activate: false,
  close: false,
  reopen: false,
  openRound: false,
  editReport: false,
  readReport: true,
  readAudit: false,
}
const plan = (id: number, code: string, state: PlanListItem['state'], start: string, end: string): PlanListItem => ({
  id,
  code,
  title: code,
  period: { start, end },
  coordinator: 'IeM',
  reportDue: null,
  state,
  measureCount: 1,
  version: 1,
  abilities: ABILITIES,
})

/** The demo plan, then an older one imported after it (a higher id), a closed predecessor and a draft successor. */
const CURRENT = plan(1, 'BNN-2023-2024', 'active', '2023-01-01', '2024-12-31')
const OLDER = plan(2, 'BNN-2013-2019', 'active', '2013-01-01', '2019-12-31')
const CLOSED = plan(3, 'BNN-2020-2022', 'closed', '2020-01-01', '2022-12-31')
const DRAFT = plan(4, 'BNN-2025-2027', 'draft', '2025-01-01', '2027-12-31')

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** A server with these plans and this remembered plan; PUT /api/my/preferences bodies are collected. */
function serve(list: PlanListItem[], lastPlanId: number | null) {
  const puts: unknown[] = []
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    if (url === '/api/plans') return json(200, list)
    if (url === '/api/my/preferences' && init?.method === 'PUT') {
      const body = JSON.parse(String(init.body)) as Partial<Preferences>
      puts.push(body)
      lastPlanId = body.lastPlanId ?? null
      return json(200, { language: 'lv', emailOff: [], lastPlanId })
    }
    if (url === '/api/my/preferences') return json(200, { language: 'lv', emailOff: [], lastPlanId })
    return json(404, { statusCode: 404, error: 'Not Found', message: url })
  })
  vi.stubGlobal('fetch', fetch)
  return puts
}

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => vi.unstubAllGlobals())

describe('the default plan', () => {
  it('is the active plan with the latest period, not the one imported last', () => {
    expect(defaultPlanOf([CURRENT, OLDER, CLOSED, DRAFT])).toBe(CURRENT.id)
    expect(defaultPlanOf([OLDER, CURRENT])).toBe(CURRENT.id)
  })

  it('without an active plan: the newest draft, else the newest plan; none without plans', () => {
    expect(defaultPlanOf([CLOSED, DRAFT])).toBe(DRAFT.id)
    expect(defaultPlanOf([CLOSED])).toBe(CLOSED.id)
    expect(defaultPlanOf([])).toBeNull()
  })
})

describe('the current plan', () => {
  it('is the plan the server remembers; a fresh start without one lands on the default', async () => {
    serve([CURRENT, OLDER], OLDER.id)
    const plans = usePlansStore()
    await plans.loadPlans()
    expect(plans.currentPlanId).toBe(OLDER.id)

    setActivePinia(createPinia())
    serve([CURRENT, OLDER], null)
    const fresh = usePlansStore()
    await fresh.loadPlans()
    expect(fresh.currentPlanId).toBe(CURRENT.id)
    expect(fresh.currentPlan?.code).toBe('BNN-2023-2024')
  })

  it('starts on the current plan when the remembered one has since been closed', async () => {
    serve([CURRENT, CLOSED], CLOSED.id)
    const plans = usePlansStore()
    await plans.loadPlans()
    expect(plans.currentPlanId).toBe(CURRENT.id)
  })

  it('becomes the plan opened, which the server is asked to remember once', async () => {
    const puts = serve([CURRENT, OLDER, CLOSED], null)
    const plans = usePlansStore()
    await Promise.all([plans.use(OLDER.id), plans.use(OLDER.id)])
    expect(plans.currentPlanId).toBe(OLDER.id)
    expect(puts).toEqual([{ lastPlanId: OLDER.id }])
    await plans.use(OLDER.id)
    expect(puts).toHaveLength(1)
    // A closed plan opened in this tab is current here, and remembered.
    await plans.use(CLOSED.id)
    expect(plans.currentPlanId).toBe(CLOSED.id)
    expect(puts).toEqual([{ lastPlanId: OLDER.id }, { lastPlanId: CLOSED.id }])
  })

  it('is not remembered when it is no plan the user may see', async () => {
    const puts = serve([CURRENT], null)
    const plans = usePlansStore()
    await plans.use(999)
    expect(puts).toEqual([])
    expect(plans.currentPlanId).toBe(CURRENT.id)
  })

  it('lists plans newest period first', async () => {
    serve([OLDER, CLOSED, CURRENT, DRAFT], null)
    const plans = usePlansStore()
    await plans.loadPlans()
    expect(plans.sorted.map((p) => p.id)).toEqual([DRAFT.id, CURRENT.id, CLOSED.id, OLDER.id])
  })
})

describe('a plan that finishes loading late', () => {
  it('does not take over from the plan chosen meanwhile', async () => {
    const puts = serve([CURRENT, OLDER], null)
    const base = globalThis.fetch as (url: string, init?: RequestInit) => Promise<Response>
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (url === `/api/plans/${CURRENT.id}`) {
          await held
          return json(200, { ...CURRENT, approvedBy: null, policyFramework: null, goal: null, predecessorId: null, actionLines: [] })
        }
        return base(url, init)
      }),
    )
    const plans = usePlansStore()
    // The current plan's page starts loading; the user switches to the older plan before it answers.
    const slow = plans.loadPlan(CURRENT.id)
    await plans.use(OLDER.id)
    release()
    await slow
    await plans.loadPlans()
    expect(plans.currentPlanId).toBe(OLDER.id)
    expect(puts).toEqual([{ lastPlanId: OLDER.id }])
  })
})
