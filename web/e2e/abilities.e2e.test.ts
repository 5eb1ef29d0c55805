// The screens show controls from the abilities the server sends (issue #9): the coordinator of
// another plan meets no edit buttons on this plan's measures while this plan's coordinator does;
// the review list is one request to the review queue and the menu shows its count; a plan's
// dashboard lists that plan's changes only, naming people by name.
import type { Browser, Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  Role,
  type CreatedUser,
  type ImportResult,
  type Measure,
  type MeasureListItem,
  type PlanDocument,
  type PlanListItem,
  type ReviewQueue,
  type Submission,
} from '@apt/shared'
import { anonymous, checkScreen, launchBrowser, loginAs, loginThroughForm, watchErrors, type Session } from './support/browser'
import { expectPath, expectText, expectVisible } from './support/assert'
import { apiAs, apiLogin, ensureOpenRound, type ApiClient } from './support/api'

const SUFFIX = Date.now().toString(36)
const TM_PLAN_CODE = `TM-E2E-${SUFFIX}`
const TM_COORDINATOR = {
  email: `plana.koordinatore.${SUFFIX}@tm.demo.lv`,
  name: 'Tamāra Tiesu-Koordinatore',
  password: 'Tiesiskuma-plāns-e2e-2025',
}

/** A small plan of the Ministry of Justice, so TM has a plan of its own to coordinate. */
const TM_PLAN: PlanDocument = {
  format: 'action-plan/1',
  institutions: [],
  plan: {
    code: TM_PLAN_CODE,
    title: 'Tieslietu ministrijas e2e plāns',
    period: { start: '2025-01-01', end: '2026-12-31' },
    coordinator: 'TM',
    actionLines: [
      {
        number: '1',
        title: 'Tiesu pieejamība',
        measures: [{ number: '1.1', title: 'Izstrādāt tiesu pieejamības vadlīnijas', responsible: ['TM'], status: 'pending' }],
      },
    ],
  },
}

const statusButton = (page: Page) => page.getByRole('button', { name: 'Mainīt statusu' })
const editButton = (page: Page) => page.getByRole('button', { name: 'Labot laukus' })

async function openMeasure(page: Page, id: number) {
  await page.goto(`/measures/${id}`)
  await expectVisible(page.getByTestId('measure'))
  await expect.poll(() => page.locator('.loading').count()).toBe(0)
}

async function firstMeasure(api: ApiClient, planId: number): Promise<MeasureListItem> {
  const { status, body } = await api.request<MeasureListItem[]>('GET', `/api/plans/${planId}/measures`)
  expect(status).toBe(200)
  return body[0]!
}

/** Changes a measure's assessment: one audited change by the caller. */
async function touchMeasure(api: ApiClient, id: number, assessment: string) {
  const { body: measure } = await api.request<Measure>('GET', `/api/measures/${id}`)
  const { status, body } = await api.request('PATCH', `/api/measures/${id}`, { version: measure.version, assessment })
  expect(status, JSON.stringify(body)).toBe(200)
}

describe('controls from abilities', () => {
  let browser: Browser
  let demoPlanId = 0
  let tmPlanId = 0
  let demoMeasureId = 0
  let tmMeasureId = 0
  let tm: ApiClient

  beforeAll(async () => {
    browser = await launchBrowser()
    const admin = await apiAs('admin')
    const imported = await admin.request<ImportResult>('POST', '/api/plans/import', TM_PLAN)
    expect(imported.status, JSON.stringify(imported.body)).toBe(201)
    tmPlanId = imported.body.id

    const created = await admin.request<CreatedUser>('POST', '/api/users', {
      email: TM_COORDINATOR.email,
      name: TM_COORDINATOR.name,
      institution: 'TM',
      role: Role.planCoordinator,
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const first = await apiLogin({ email: TM_COORDINATOR.email, password: created.body.oneTimePassword })
    const changed = await first.request('POST', '/api/auth/password', {
      currentPassword: created.body.oneTimePassword,
      newPassword: TM_COORDINATOR.password,
    })
    expect(changed.status, JSON.stringify(changed.body)).toBe(200)
    tm = await apiLogin(TM_COORDINATOR)

    const coordinator = await apiAs('planCoordinator')
    const { body: plans } = await coordinator.request<PlanListItem[]>('GET', '/api/plans')
    demoPlanId = plans.find((p) => p.code !== TM_PLAN_CODE && p.abilities.edit)!.id
    demoMeasureId = (await firstMeasure(coordinator, demoPlanId)).id
    tmMeasureId = (await firstMeasure(tm, tmPlanId)).id
  })
  afterAll(async () => {
    await browser?.close()
  })

  async function loginTmCoordinator(): Promise<Session> {
    const session = await anonymous(browser)
    await loginThroughForm(session.page, TM_COORDINATOR.email, TM_COORDINATOR.password)
    return session
  }

  it('the API refuses the other plan’s coordinator and says so in the abilities', async () => {
    const { body: other } = await tm.request<Measure>('GET', `/api/measures/${demoMeasureId}`)
    expect(other.abilities).toEqual({ edit: false, rate: false })
    const refused = await tm.request('PATCH', `/api/measures/${demoMeasureId}`, { version: other.version, assessment: 'Nav mans plāns.' })
    expect(refused.status).toBe(403)
    const { body: own } = await tm.request<Measure>('GET', `/api/measures/${tmMeasureId}`)
    expect(own.abilities).toEqual({ edit: true, rate: true })
  })

  it('shows no edit buttons to a plan coordinator of another plan, and shows them to this plan’s coordinator', async () => {
    const other = await loginTmCoordinator()
    const errors = watchErrors(other.page)
    // A coordinator starts on the plan it runs.
    await expectPath(other.page, new RegExp(`^/plans/${tmPlanId}$`))
    await openMeasure(other.page, demoMeasureId)
    expect(await statusButton(other.page).count()).toBe(0)
    expect(await editButton(other.page).count()).toBe(0)
    await checkScreen(other.page, 'measure-other-coordinator')
    await openMeasure(other.page, tmMeasureId)
    await expectVisible(statusButton(other.page))
    await expectVisible(editButton(other.page))
    expect(errors).toEqual([])
    await other.context.close()

    const own = await loginAs(browser, 'planCoordinator')
    await openMeasure(own.page, demoMeasureId)
    await expectVisible(statusButton(own.page))
    await expectVisible(editButton(own.page))
    await openMeasure(own.page, tmMeasureId)
    expect(await statusButton(own.page).count()).toBe(0)
    expect(await editButton(own.page).count()).toBe(0)
    await own.context.close()
  })

  it('counts the review queue in the menu without reading it, and loads the review list with one request to the queue', async () => {
    // Something waits for the TM ministry coordinator: an IeVP (prison administration, under TM)
    // submission on 2.9, filed by the admin (the tour files VPD's 2.3; other tests file for VP).
    const round = await ensureOpenRound()
    const admin = await apiAs('admin')
    const measure = (await admin.request<MeasureListItem[]>('GET', `/api/plans/${demoPlanId}/measures`)).body.find(
      (m) => m.number === '2.9',
    )!
    const draft = await admin.request<Submission>('POST', `/api/rounds/${round.id}/submissions`, {
      measureId: measure.id,
      institution: 'IeVP',
      text: 'IeVP e2e ziņojums izskatīšanas rindai.',
      proposedStatus: 'partial',
      reason: 'Darbs turpinās.',
    })
    expect(draft.status, JSON.stringify(draft.body)).toBe(201)
    const submitted = await admin.request('POST', `/api/submissions/${draft.body.id}/submit`, { version: draft.body.version })
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)

    const ministry = await apiAs('ministryCoordinator')
    const { body: queue } = await ministry.request<ReviewQueue>('GET', '/api/my/review')
    expect(queue.items.some((i) => i.submission.id === draft.body.id)).toBe(true)

    const { context, page } = await loginAs(browser, 'ministryCoordinator')
    const errors = watchErrors(page)
    const requests: string[] = []
    page.on('request', (request: Request) => {
      const path = new URL(request.url()).pathname
      if (path.startsWith('/api/')) requests.push(path)
    })
    const nav = page.getByRole('navigation', { name: 'Galvenā navigācija' })
    // Elsewhere the menu asks for the count alone (GET /api/my/review/count), never for the queue.
    await page.goto('/plans')
    await expectText(nav.getByTestId('review-count'), String(queue.total))
    await page.waitForLoadState('networkidle')
    expect(requests.filter((p) => p.startsWith('/api/my/review'))).toEqual(['/api/my/review/count'])

    // The review list reads the queue once, and the menu takes its count from it.
    requests.length = 0
    await page.goto('/review')
    await expectVisible(page.getByTestId('review-table').locator('tr[data-measure="2.9"]', { hasText: 'IeVP' }))
    await page.waitForLoadState('networkidle')
    expect(requests.filter((p) => p.startsWith('/api/my/review'))).toEqual(['/api/my/review'])
    expect(requests.filter((p) => /^\/api\/(plans\/\d+\/rounds|rounds\/\d+\/submissions)$/.test(p))).toEqual([])

    await expectText(nav.getByTestId('review-count'), String(queue.total))
    await expectText(nav.getByRole('link', { name: /Izskatīšana/ }), `jāizskata ${queue.total}`)
    // The count's words do not make the review link look like the report link to a screen reader.
    expect(await nav.getByRole('link', { name: 'Ziņojums' }).count()).toBe(1)
    await expectText(page.getByTestId('review-total'), `${queue.total} ziņojum`)
    await checkScreen(page, 'review-list-count')
    expect(errors).toEqual([])
    await context.close()
  })

  it('lists on a plan’s dashboard only that plan’s changes, by the person’s name', async () => {
    await touchMeasure(await apiAs('planCoordinator'), demoMeasureId, `Ilzes e2e novērtējums ${SUFFIX}.`)
    await touchMeasure(tm, tmMeasureId, `Tamāras e2e novērtējums ${SUFFIX}.`)

    const own = await loginAs(browser, 'planCoordinator')
    await own.page.goto(`/plans/${demoPlanId}`)
    const changes = own.page.getByRole('region', { name: 'Pēdējās izmaiņas' })
    await expectText(changes.getByTestId('audit-list'), 'Ilze Koordinatore')
    await expectText(changes, 'laboja pasākuma datus')
    await expectText(changes, 'pasākums')
    const text = await changes.innerText()
    expect(text).not.toContain('@')
    expect(text).not.toContain(TM_COORDINATOR.name)
    expect(text).not.toMatch(/#\d/)
    await own.context.close()

    const admin = await loginAs(browser, 'admin')
    await admin.page.goto(`/plans/${tmPlanId}`)
    const tmChanges = admin.page.getByRole('region', { name: 'Pēdējās izmaiņas' })
    await expectText(tmChanges.getByTestId('audit-list'), TM_COORDINATOR.name)
    const tmText = await tmChanges.innerText()
    expect(tmText).not.toContain('Ilze Koordinatore')
    expect(tmText).not.toContain('@')
    await admin.context.close()
  })
})
