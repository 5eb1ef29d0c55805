// Finding the right plan and opening rounds safely (issue 15, items 1, 4 and 7): after an admin
// imports an older plan a fresh browser still opens the current one, the header's switcher moves
// between plans and the next visit returns to the plan last used; the round form starts on the
// current plan, warns of a due date already past and of measures another open round asks about
// (saying what each would cause) and opens only when confirmed; the dashboard shows every open
// round, and progress is red only once the due date has passed.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Completeness, ImportResult, PlanDocument, Preferences, RoundListItem } from '@apt/shared'
import { checkScreen, checkScreenNarrow, launchBrowser, loginAs, watchErrors } from './support/browser'
import { expectPath, expectText, expectVisible } from './support/assert'
import { apiAs, dayFromToday, retirePlans, type ApiClient } from './support/api'
import type { Account } from './support/accounts'

const SUFFIX = Date.now().toString(36)
const DEMO_CODE = 'BNN-2023-2024'
/** Sorts after the demo plan, so fixtures that take the first plan by code still take the demo plan. */
const OLD_CODE = `ZNN-2013-2019-${SUFFIX}`
const OLD_TITLE = `Bērnu noziedzības novēršanas plāns 2013.–2019. gadam (${SUFFIX})`
const ROUND_ONE = `Pusgada ziņojums ${SUFFIX}`
const ROUND_TWO = `Nokavētā kārta ${SUFFIX}`
const USERS: Account[] = ['admin', 'planCoordinator', 'viewer']

/** Latvian agreement with a number: 1, 21, 31 (not 11) take the singular. */
const singular = (n: number) => n % 10 === 1 && n % 100 !== 11

async function lastPlanOf(api: ApiClient) {
  return (await api.request<Preferences>('GET', '/api/my/preferences')).body.lastPlanId
}

/** Opens the switcher and follows the link to the plan with this code. */
async function switchTo(page: Page, code: string) {
  const toggle = page.getByTestId('plan-switcher-toggle')
  await toggle.click()
  await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true')
  await page
    .locator('#plan-switch-panel')
    .getByRole('link', { name: new RegExp(`^${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `) })
    .click()
}

describe('plan navigation and round safeguards', () => {
  let browser: Browser
  let admin: ApiClient
  let coordinator: ApiClient
  const apis = {} as Record<Account, ApiClient>
  let demoId = 0
  let olderId = 0

  beforeAll(async () => {
    browser = await launchBrowser()
    admin = await apiAs('admin')
    coordinator = await apiAs('planCoordinator')
    for (const account of USERS) apis[account] = await apiAs(account)
    const { body: plans } = await admin.request<{ id: number; code: string }[]>('GET', '/api/plans')
    demoId = plans.find((p) => p.code === DEMO_CODE)!.id
    // No plan remembered from another test file, and no open round on the demo plan but this file's.
    for (const account of USERS) expect((await apis[account].request('PUT', '/api/my/preferences', { lastPlanId: null })).status).toBe(200)
    const { body: rounds } = await admin.request<RoundListItem[]>('GET', `/api/plans/${demoId}/rounds`)
    for (const r of rounds.filter((x) => x.state === 'open'))
      expect((await admin.request('POST', `/api/rounds/${r.id}/close`)).status).toBe(200)
  })

  afterAll(async () => {
    if (admin) {
      const { body: rounds } = await admin.request<RoundListItem[]>('GET', `/api/plans/${demoId}/rounds`)
      for (const r of rounds.filter((x) => x.state === 'open' && x.title.endsWith(SUFFIX)))
        await admin.request('POST', `/api/rounds/${r.id}/close`)
      if (olderId) await retirePlans([olderId])
      for (const account of USERS) await apis[account]?.request('PUT', '/api/my/preferences', { lastPlanId: null })
    }
    await browser?.close()
  })

  it('after an admin imports an older plan a fresh browser still opens the current one; the switcher changes plan and the next visit returns to it', async () => {
    // The admin imports the plan of 2013–2019 (active, as a JSON import makes it).
    const { body: older } = await admin.request<PlanDocument>('GET', `/api/plans/${demoId}/export`)
    older.plan.code = OLD_CODE
    older.plan.title = OLD_TITLE
    older.plan.period = { start: '2013-01-01', end: '2019-12-31' }
    const imported = await admin.request<ImportResult>('POST', '/api/plans/import', older)
    expect(imported.status, JSON.stringify(imported.body)).toBe(201)
    olderId = imported.body.id

    const { context, page } = await loginAs(browser, 'admin')
    const errors = watchErrors(page)
    await page.goto('/')
    await expectPath(page, new RegExp(`^/plans/${demoId}$`))
    const toggle = page.getByTestId('plan-switcher-toggle')
    await expectText(toggle, `Plāns: ${DEMO_CODE}`)

    // The switcher lists both plans, the current one marked; checked open, as a person sees it.
    await toggle.click()
    const panel = page.locator('#plan-switch-panel')
    await expectVisible(panel)
    const current = panel.locator('a[aria-current="true"]')
    await expectText(current, `${DEMO_CODE} (2023–2024) — pašreizējais`)
    await expectText(panel.getByRole('link', { name: new RegExp(`^${OLD_CODE} `) }), `${OLD_CODE} (2013–2019)`)
    await checkScreen(page, 'plan-switcher-open')
    // Escape closes it and gives focus back to the button.
    await page.keyboard.press('Escape')
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false')
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('plan-switcher-toggle')

    // Switching from the measures keeps the user on the measures, of the plan chosen.
    await page.goto(`/plans/${demoId}/measures`)
    await switchTo(page, OLD_CODE)
    await expectPath(page, new RegExp(`^/plans/${olderId}/measures$`))
    await expectText(toggle, `Plāns: ${OLD_CODE}`)
    await expect.poll(() => lastPlanOf(apis.admin)).toBe(olderId)

    // A fresh browser returns to the plan last used…
    const second = await loginAs(browser, 'admin')
    await second.page.goto('/')
    await expectPath(second.page, new RegExp(`^/plans/${olderId}$`))
    await expectText(second.page.getByRole('heading', { level: 1 }), OLD_TITLE)
    // …and switching back is remembered in turn.
    await switchTo(second.page, DEMO_CODE)
    await expectPath(second.page, new RegExp(`^/plans/${demoId}$`))
    await expect.poll(() => lastPlanOf(apis.admin)).toBe(demoId)
    await second.context.close()
    const third = await loginAs(browser, 'admin')
    await third.page.goto('/')
    await expectPath(third.page, new RegExp(`^/plans/${demoId}$`))
    await third.context.close()

    // Every plan is also one menu item away, the current one marked.
    await page.goto(`/plans/${demoId}`)
    await page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Plāni' }).click()
    await expectPath(page, /^\/plans$/)
    const list = page.getByTestId('plan-list')
    await expectText(list.locator('li.plan-current'), 'pašreizējais')
    await expectText(list, OLD_TITLE)
    await checkScreen(page, 'plans-list')
    await page.goto(`/plans/${demoId}`)
    await expectText(toggle, DEMO_CODE)
    await checkScreenNarrow(page, 'plan-switcher')
    expect(errors).toEqual([])
    await context.close()

    // Someone who never chose a plan starts on the current one, not on the plan imported last.
    const viewer = await loginAs(browser, 'viewer')
    await viewer.page.goto('/')
    await expectPath(viewer.page, new RegExp(`^/plans/${demoId}$`))
    await expectText(viewer.page.getByTestId('plan-switcher-toggle'), DEMO_CODE)
    await viewer.context.close()
  })

  it('the round form starts on the current plan, warns of a due date past and of an overlapping round with what they cause, and opens only when confirmed', async () => {
    const measures = new Map(
      (await coordinator.request<{ id: number; number: string }[]>('GET', `/api/plans/${demoId}/measures`)).body.map((m) => [
        m.number,
        m.id,
      ]),
    )
    // The first round, due in three weeks: 1.1, 2.1 and 2.3.
    const first = await coordinator.request<RoundListItem>('POST', `/api/plans/${demoId}/rounds`, {
      title: ROUND_ONE,
      period: '2025',
      dueDate: dayFromToday(21),
      measures: ['1.1', '2.1', '2.3'].map((n) => measures.get(n)),
    })
    expect(first.status, JSON.stringify(first.body)).toBe(201)

    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    // The form starts on the plan the coordinator is in: the older one after opening it…
    await page.goto(`/plans/${olderId}`)
    await expectText(page.getByTestId('plan-switcher-toggle'), OLD_CODE)
    await page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Administrēšana' }).click()
    await expectPath(page, /^\/admin\/rounds$/)
    await expect.poll(() => page.locator('#round-plan').inputValue()).toBe(String(olderId))
    // …the demo plan after switching to it.
    await switchTo(page, DEMO_CODE)
    await expectPath(page, new RegExp(`^/plans/${demoId}$`))
    await page.goto('/admin/rounds')
    await expect.poll(() => page.locator('#round-plan').inputValue()).toBe(String(demoId))

    // A round due two days ago on 2.1, 2.3 and 3.4: two warnings, nothing saved yet.
    await page.getByLabel('Nosaukums').fill(ROUND_TWO)
    await page.getByLabel('Periods').fill('2025')
    await page.getByLabel('Iesniegšanas termiņš').fill(dayFromToday(-2))
    await page.getByRole('radio', { name: 'Par izvēlētajiem pasākumiem' }).check()
    for (const number of ['2.1', '2.3', '3.4'])
      await page.getByRole('checkbox', { name: new RegExp(`^${number.replace('.', '\\.')} `) }).check()
    await page.getByRole('button', { name: 'Atvērt kārtu' }).click()
    const warnings = page.getByTestId('round-warnings')
    await expectText(warnings, 'jau ir pagājis: visas iestādes uzreiz kavēs.')
    await expectText(warnings, `Atvērtā kārta “${ROUND_ONE}”`)
    await expectText(warnings, 'jau prasa ziņot par 2 no šiem pasākumiem: 2.1, 2.3.')
    await expectText(warnings, 'Iestādēm par šiem pasākumiem būs jāiesniedz divi ziņojumi.')
    await expectText(warnings, 'Vai tomēr atvērt kārtu?')
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('round-warnings')
    const open = async () =>
      (await coordinator.request<RoundListItem[]>('GET', `/api/plans/${demoId}/rounds`)).body.filter((r) => r.state === 'open')
    expect((await open()).map((r) => r.title)).toEqual([ROUND_ONE])
    await checkScreen(page, 'round-warnings')

    // Back to the form, at the due date; without the overlapping measures only the past due date is left.
    await page.getByRole('button', { name: 'Nē, labot kārtas datus' }).click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('r-due')
    for (const number of ['2.1', '2.3']) await page.getByRole('checkbox', { name: new RegExp(`^${number.replace('.', '\\.')} `) }).uncheck()
    await page.getByRole('button', { name: 'Atvērt kārtu' }).click()
    await expectText(warnings, 'jau ir pagājis')
    expect(await warnings.locator('li').count()).toBe(1)
    await page.getByRole('button', { name: 'Jā, atvērt kārtu' }).click()
    await expectText(page.getByText(`Atskaites kārta “${ROUND_TWO}” atvērta`), ROUND_TWO)
    await expectText(page.getByTestId('rounds-table'), ROUND_TWO)
    expect((await open()).map((r) => [r.title, r.measureCount, r.overdue])).toEqual([
      [ROUND_TWO, 1, true],
      [ROUND_ONE, 3, false],
    ])
    expect(errors).toEqual([])
    await context.close()
  })

  it('the dashboard shows both open rounds: red only for the late one, and the reports owed explained', async () => {
    const rounds = (await coordinator.request<RoundListItem[]>('GET', `/api/plans/${demoId}/rounds`)).body
    const one = rounds.find((r) => r.title === ROUND_ONE)!
    const { body: owed } = await coordinator.request<Completeness>('GET', `/api/rounds/${one.id}/completeness`)
    const total = owed.totals.total

    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    await page.goto(`/plans/${demoId}`)
    const section = page.getByTestId('open-rounds')
    await expectText(section.getByRole('heading', { level: 2 }), 'Atvērtās atskaites kārtas (2)')
    // Earliest due first.
    await expect.poll(() => section.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual([ROUND_TWO, ROUND_ONE])

    // Three weeks before its due date: nothing red, not started reads as such, and the days left.
    const notDue = section.locator('.completeness', { has: page.getByRole('heading', { name: ROUND_ONE }) })
    await expectText(notDue.getByTestId('round-due-state'), /termiņš pēc \d+ dien/)
    expect(await notDue.getByTestId('round-due-state').getAttribute('class')).not.toContain('badge-overdue')
    expect(await notDue.locator('.badge-overdue, [data-segment=late]').count()).toBe(0)
    const missing = notDue.locator('[data-segment=missing]')
    expect(await missing.evaluate((el) => getComputedStyle(el).backgroundImage)).not.toContain('rgb(198, 40, 40)')
    await expectText(notDue.locator('.legend'), `Vēl nav sākts: ${total}`)
    await expectText(notDue.getByTestId('completeness-table'), 'Vēl nav sākts')
    await expectText(
      notDue.getByTestId('owed-explained'),
      `Kārtā jāiesniedz ${total} ${singular(total) ? 'ziņojums' : 'ziņojumi'} par 3 pasākumiem: par katru pasākumu savu ziņojumu iesniedz katra tā atbildīgā un iesaistītā iestāde.`,
    )

    // Past its due date: late, in red, with who is late.
    const late = section.locator('.completeness', { has: page.getByRole('heading', { name: ROUND_TWO }) })
    await expectText(late.getByTestId('round-due-state'), 'Termiņš pagājis')
    expect(await late.locator('[data-segment=late]').count()).toBe(1)
    await expectText(late.locator('.legend'), 'Nav sākts, kavēts')
    await expectText(late, 'Kavē iesniegšanu')
    await expectText(late.getByTestId('owed-explained'), 'par 1 pasākumu:')
    await checkScreen(page, 'dashboard-two-rounds')
    await checkScreenNarrow(page, 'dashboard-two-rounds')
    expect(errors).toEqual([])
    await context.close()

    // The VP reporter's work: the same "not started" is grey before the due date and "Kavēts" after it.
    const reporter = await loginAs(browser, 'vpReporter')
    await reporter.page.goto('/my-work')
    const table = reporter.page.getByTestId('my-work-table')
    const early = table.locator('tr[data-measure="1.1"]', { hasText: ROUND_ONE }).getByTestId('state-badge')
    await expectText(early, 'Vēl nav sākts')
    expect(await early.getAttribute('class')).toContain('badge-pending')
    const overdue = table.locator('tr[data-measure="3.4"]', { hasText: ROUND_TWO }).getByTestId('state-badge')
    await expectText(overdue, 'Kavēts')
    expect(await overdue.getAttribute('class')).toContain('badge-overdue')
    await checkScreen(reporter.page, 'my-work-late-and-not-due')
    await reporter.context.close()
  })
})
