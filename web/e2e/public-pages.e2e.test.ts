// The public progress pages (/p/{planCode}, issue 17) in Chromium, without logging in: axe (WCAG 2.1
// A and AA, with the heading and landmark rules) finds no violation of any impact on the overview,
// a filtered overview, an action line, a measure, a survey's results, the English overview and the 404 page, at 1280
// and 390 px, and no page scrolls sideways; with JavaScript disabled a visitor reads the overview,
// filters with the form, opens a measure and switches language. The demo plan is published through
// the coordinator's API, with the demo survey's results, and unpublished again at the end.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanListItem } from '@apt/shared'
import { DESKTOP, MOBILE, axeFindings, baseURL, launchBrowser, screenshot } from './support/browser'
import { apiAs, type ApiClient } from './support/api'

let browser: Browser
let coordinator: ApiClient
let plan: PlanListItem
/** The demo survey, its results published under the plan for the test. */
let survey: { id: number; code: string }

beforeAll(async () => {
  browser = await launchBrowser()
  coordinator = await apiAs('planCoordinator')
  const { body: plans } = await coordinator.request<PlanListItem[]>('GET', '/api/plans')
  plan = plans.find((p) => p.code === 'BNN-2023-2024')!
  const published = await coordinator.request('POST', `/api/plans/${plan.id}/publish`)
  expect(published.status).toBe(200)
  // A closed survey that serves this plan (other browser tests add surveys of their own, not all of them a plan's).
  const { body: surveys } = await coordinator.request<{ id: number; code: string; state: string; plan: { id: number } | null }[]>(
    'GET',
    '/api/surveys',
  )
  survey = surveys.find((s) => s.state === 'closed' && s.plan?.id === plan.id)!
  const results = await coordinator.request('POST', `/api/surveys/${survey.id}/publish`, { publicTextQuestions: [] })
  expect(results.status).toBe(200)
})

afterAll(async () => {
  if (survey) await coordinator.request('POST', `/api/surveys/${survey.id}/unpublish`)
  if (plan) await coordinator.request('POST', `/api/plans/${plan.id}/unpublish`)
  await browser?.close()
})

describe('the public pages of a published plan', () => {
  for (const viewport of [DESKTOP, MOBILE])
    it(`pass axe at ${viewport.width} px and never scroll sideways`, { timeout: 180_000 }, async () => {
      const code = plan.code
      const pages = [
        { name: 'public-overview', path: `/p/${code}`, status: 200 },
        { name: 'public-overview-filtered', path: `/p/${code}?status=partial&line=2#measures`, status: 200 },
        { name: 'public-overview-en', path: `/p/${code}?lang=en`, status: 200 },
        { name: 'public-line', path: `/p/${code}/lines/2`, status: 200 },
        { name: 'public-measure', path: `/p/${code}/measures/1.2`, status: 200 },
        { name: 'public-survey', path: `/p/${code}/surveys/${encodeURIComponent(survey.code)}`, status: 200 },
        { name: 'public-not-found', path: '/p/NO-SUCH-PLAN', status: 404 },
      ]
      const found: string[] = []
      const context = await browser.newContext({ baseURL: baseURL(), viewport, locale: 'lv-LV' })
      for (const { name, path, status } of pages) {
        const page = await context.newPage()
        const response = await page.goto(path)
        expect(response?.status(), path).toBe(status)
        await screenshot(page, name)
        for (const violation of await axeFindings(page)) found.push(`${name}: ${violation}`)
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
        if (overflow > 0) found.push(`${name} scrolls sideways by ${overflow} px`)
        await page.close()
      }
      await context.close()
      expect(found).toEqual([])
    })

  it('work with JavaScript disabled: read, filter with the form, open a measure, switch language', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ baseURL: baseURL(), viewport: MOBILE, javaScriptEnabled: false, locale: 'lv-LV' })
    const page = await context.newPage()
    await page.goto(`/p/${plan.code}`)
    expect(await page.locator('html').getAttribute('lang')).toBe('lv')
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(plan.title)
    const rows = page.locator('table.measures tbody tr')
    const all = await rows.count()
    expect(all).toBeGreaterThan(10)

    // Filter: partly done measures of action line 2.
    await page.getByLabel('Statuss', { exact: true }).selectOption({ label: 'Daļēji izpildīts' })
    await page.getByLabel('Rīcības virziens', { exact: true }).selectOption('2')
    await page.getByRole('button', { name: 'Atlasīt' }).click()
    await page.waitForURL((url) => url.searchParams.get('status') === 'partial' && url.searchParams.get('line') === '2')
    const filtered = await rows.count()
    expect(filtered).toBeGreaterThan(0)
    expect(filtered).toBeLessThan(all)
    for (const status of await page.locator('table.measures tbody .status').allInnerTexts()) expect(status).toBe('Daļēji izpildīts')
    for (const number of await page.locator('table.measures tbody tr td:first-child').allInnerTexts()) expect(number).toMatch(/^2\./)
    expect(await page.getByLabel('Statuss', { exact: true }).inputValue()).toBe('partial')

    // Clear the selection, search by a word, then open the first measure found.
    await page.getByRole('link', { name: 'Notīrīt atlasi' }).click()
    await page.waitForURL((url) => url.search === '')
    expect(await rows.count()).toBe(all)
    await page.getByLabel('Meklēt pasākuma numurā, nosaukumā vai institūcijā').fill('programmu')
    await page.getByRole('button', { name: 'Atlasīt' }).click()
    await page.waitForURL((url) => url.searchParams.get('q') === 'programmu')
    const first = page.locator('table.measures tbody tr').first()
    const number = await first.locator('td').first().innerText()
    await first.getByRole('link').click()
    await page.waitForURL((url) => url.pathname === `/p/${plan.code}/measures/${number}`)
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(`${number}. pasākums`)
    expect(await page.getByRole('heading', { name: 'Izpildes gaita' }).count()).toBe(1)

    // The same measure in English, by the explicit link.
    await page.getByRole('link', { name: 'English' }).click()
    await page.waitForURL((url) => url.searchParams.get('lang') === 'en')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(`Measure ${number}`)
    await screenshot(page, 'public-measure-no-js')
    await context.close()
  })
})
