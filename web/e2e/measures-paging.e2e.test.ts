// The measures table of a large plan (issue 16): a page of 100 rows at a time, asked of the API a
// page at a time, every match counted above it, page links under it that work from the keyboard and
// move focus to the table; a new filter starts again from page 1, a page past the end shows the
// last; axe clean at 1280 and 390 px.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportResult, PlanDocument } from '@apt/shared'
import { checkScreen, checkScreenNarrow, launchBrowser, loginAs, watchErrors } from './support/browser'
import { expectText } from './support/assert'
import { apiAs, retirePlans } from './support/api'

const SUFFIX = Date.now().toString(36)
const MEASURES = 230

describe('measures table of a large plan', () => {
  let browser: Browser
  let planId = 0

  beforeAll(async () => {
    browser = await launchBrowser()
    const coordinator = await apiAs('planCoordinator')
    const { body: plans } = await coordinator.request<{ id: number; code: string }[]>('GET', '/api/plans')
    const demo = plans.find((p) => p.code === 'BNN-2023-2024')!
    const { body: document } = await coordinator.request<PlanDocument>('GET', `/api/plans/${demo.id}/export`)
    // The demo's measures repeated under new numbers until the plan has MEASURES of them.
    const template = document.plan.actionLines.flatMap((line) => line.measures)
    const lines = document.plan.actionLines.map((line, index) => ({
      ...line,
      measures: Array.from({ length: Math.ceil(MEASURES / document.plan.actionLines.length) }, (_, i) => ({
        ...template[(index + i) % template.length]!,
        number: `${line.number}.${i + 1}`,
        sourceRef: null,
        carriedFrom: undefined,
      })),
    }))
    let left = MEASURES
    for (const line of lines) {
      line.measures = line.measures.slice(0, Math.max(0, Math.min(line.measures.length, left)))
      left -= line.measures.length
    }
    const big: PlanDocument = {
      ...document,
      plan: { ...document.plan, code: `LIELS-${SUFFIX}`, title: `Liels plāns ${SUFFIX}`, actionLines: lines },
    }
    const imported = await coordinator.request<ImportResult>('POST', '/api/plans/import', big)
    expect(imported.status, JSON.stringify(imported.body)).toBe(201)
    planId = imported.body.id
  })

  afterAll(async () => {
    if (planId) await retirePlans([planId])
    await browser?.close()
  })

  it('shows a page at a time, counts every match and pages from the keyboard', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    // The screen asks the API for one page at a time, never for the whole list.
    const listRequests: URL[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.pathname === `/api/plans/${planId}/measures`) listRequests.push(url)
    })
    await page.goto(`/plans/${planId}/measures`)
    const table = page.getByTestId('measures-table')
    const count = page.locator('.result-count')
    await expectText(count, `Atrasti ${MEASURES} pasākumi, rāda 1.–100.`)
    expect(await table.locator('tbody tr').count()).toBe(100)
    const pages = page.getByRole('navigation', { name: 'Pasākumu saraksta lapas' })
    expect(await pages.getByRole('link', { name: '1. lapa, pašreizējā' }).getAttribute('aria-current')).toBe('page')
    const firstOnPageOne = await table.locator('tbody tr td').first().innerText()

    await pages.getByRole('link', { name: /Nākamā/ }).click()
    await page.waitForURL((url) => url.searchParams.get('page') === '2')
    await expectText(count, `Atrasti ${MEASURES} pasākumi, rāda 101.–200.`)
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('measures-table')
    expect(await table.locator('tbody tr td').first().innerText()).not.toBe(firstOnPageOne)

    // The last page from the keyboard: focus its link, press Enter.
    await pages.getByRole('link', { name: '3. lapa' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.searchParams.get('page') === '3')
    await expectText(count, `rāda 201.–${MEASURES}.`)
    expect(await table.locator('tbody tr').count()).toBe(MEASURES - 200)
    await checkScreen(page, 'measures-paged')
    await checkScreenNarrow(page, 'measures-paged')

    // A filter applies to every match and starts again from page 1.
    await page.getByLabel('Meklēt tekstā').fill('a')
    await page.waitForURL((url) => url.searchParams.get('q') === 'a' && !url.searchParams.has('page'))
    await expectText(count, /rāda 1\.–/)

    // A page past the end (an old link) shows the last one.
    await page.goto(`/plans/${planId}/measures?page=9`)
    await page.waitForURL((url) => url.searchParams.get('page') === '3')
    await expectText(count, `Atrasti ${MEASURES} pasākumi, rāda 201.–${MEASURES}.`)

    expect(listRequests.length).toBeGreaterThan(0)
    for (const url of listRequests) {
      expect(url.searchParams.get('limit'), url.search).toBe('100')
      expect(url.searchParams.get('view'), url.search).toBe('table')
    }
    expect(errors).toEqual([])
    await context.close()
  })
})
