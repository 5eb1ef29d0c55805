// Publishing in the product (issue #17), in Chromium: the plan coordinator publishes the demo plan
// from its dashboard through the confirmation that says what becomes public (axe clean with the
// dialog open), the public page answers for anyone, the measure page links its public page, and
// unpublishing takes it down again (404). The plan is left unpublished, as it was.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanListItem } from '@apt/shared'
import { checkScreen, launchBrowser, loginAs, watchErrors } from './support/browser'
import { apiAs, type ApiClient } from './support/api'

let browser: Browser
let coordinatorApi: ApiClient
let plan: PlanListItem

beforeAll(async () => {
  browser = await launchBrowser()
  coordinatorApi = await apiAs('planCoordinator')
  const { body: plans } = await coordinatorApi.request<PlanListItem[]>('GET', '/api/plans')
  plan = plans.find((p) => p.code === 'BNN-2023-2024')!
  await coordinatorApi.request('POST', `/api/plans/${plan.id}/unpublish`)
})

afterAll(async () => {
  await coordinatorApi?.request('POST', `/api/plans/${plan.id}/unpublish`)
  await browser?.close()
})

describe('publishing a plan', () => {
  it('publishes from the dashboard after the confirmation, links the public pages, and unpublishes', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    await page.goto(`/plans/${plan.id}`)
    const panel = page.getByTestId('plan-publication')
    await panel.getByTestId('publish-plan').click()
    const dialog = page.getByTestId('publish-dialog')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    const text = await dialog.innerText()
    expect(text).toContain('pieņemtie izpildes gaitas teksti')
    expect(text).toContain('Nekad netiek publicēti')
    await checkScreen(page, 'publish-plan-dialog')
    await dialog.getByTestId('publish-confirm').click()
    await expect.poll(() => panel.getByTestId('plan-published').count()).toBe(1)
    const href = await panel.getByTestId('public-page-link').getAttribute('href')
    expect(href).toBe(`/p/${plan.code}`)
    await checkScreen(page, 'dashboard-published')

    const anonymousPage = await browser.newPage()
    const answer = await anonymousPage.goto(new URL(href!, page.url()).toString())
    expect(answer?.status()).toBe(200)

    const { body: measures } = await coordinatorApi.request<{ id: number; number: string }[]>('GET', `/api/plans/${plan.id}/measures`)
    await page.goto(`/measures/${measures[0]!.id}`)
    const link = page.getByTestId('measure-public-link')
    await expect.poll(() => link.count()).toBe(1)
    expect(await link.getAttribute('href')).toBe(`/p/${plan.code}/measures/${encodeURIComponent(measures[0]!.number)}`)

    await page.goto(`/plans/${plan.id}`)
    await panel.getByTestId('unpublish-plan').click()
    await dialog.getByTestId('publish-confirm').click()
    await expect.poll(() => panel.getByTestId('publish-plan').count()).toBe(1)
    // A request of its own: the browser may keep the page it was given for its max-age.
    expect((await anonymousPage.request.get(new URL(href!, page.url()).toString())).status()).toBe(404)
    await anonymousPage.close()
    expect(errors).toEqual([])
    await context.close()
  })
})
