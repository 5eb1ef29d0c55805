// Notifications in the browser (#13): the plan coordinator opens a round on the demo plan and the
// VP reporter's bell counts it (VP still owes measures whatever the other test files rated); the reporter opens the panel, follows the link and marks all read;
// the reporter turns one kind of e-mail off in /settings and the choice survives a reload (and the
// language switch is stored for e-mails); the coordinator may remind the late ones only once a round's
// due date has passed, and sees how many institutions and people were reminded. axe on
// /notifications and /settings.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkScreen, launchBrowser, loginAs } from './support/browser'
import { expectPath, expectText, expectVisible } from './support/assert'
import { apiAs, dayFromToday, type ApiClient } from './support/api'
import { ACCOUNTS } from './support/accounts'

interface Notification {
  id: number
  kind: string
  title: string
  link: string
  readAt: string | null
}
interface MyNotifications {
  items: Notification[]
  unread: number
}
interface Preferences {
  language: 'lv' | 'en'
  emailOff: string[]
}

const ROUND_TITLE = 'E2E paziņojumu kārta'
const LATE_TITLE = 'E2E nokavētā paziņojumu kārta'

/** The unread count the bell's accessible name says (0 when it names none). */
async function bellCount(page: Page): Promise<number> {
  const label = (await page.getByTestId('notification-bell').getAttribute('aria-label')) ?? ''
  const match = /^Paziņojumi, (\d+) nelasīt[si]$/.exec(label)
  if (match) return Number(match[1])
  expect(label).toBe('Paziņojumi')
  return 0
}

describe('notifications', () => {
  let browser: Browser
  let admin: ApiClient
  let reporterApi: ApiClient
  let planId: number
  let roundId: number | null = null
  let lateRoundId: number | null = null

  beforeAll(async () => {
    browser = await launchBrowser()
    admin = await apiAs('admin')
    reporterApi = await apiAs('vpReporter')
    const coordinator = await apiAs('planCoordinator')
    // The demo plan by its code: other test files leave plans of their own (closed) beside it.
    const { body: plans } = await coordinator.request<{ id: number; code: string }[]>('GET', '/api/plans')
    planId = plans.find((p) => p.code === 'BNN-2023-2024')!.id
    // The dashboard shows the plan's open round: this test's round must be the only one.
    const { body: rounds } = await admin.request<{ id: number; state: string }[]>('GET', `/api/plans/${planId}/rounds`)
    for (const r of rounds.filter((x) => x.state === 'open'))
      expect((await admin.request('POST', `/api/rounds/${r.id}/close`)).status).toBe(200)
  })

  afterAll(async () => {
    if (roundId !== null) await admin.request('POST', `/api/rounds/${roundId}/close`)
    if (lateRoundId !== null) await admin.request('POST', `/api/rounds/${lateRoundId}/close`)
    await reporterApi?.request('PUT', '/api/my/preferences', { language: 'lv', emailOff: [] })
    await browser?.close()
  })

  it('a round opened by the coordinator reaches the reporter’s bell; the panel links to it and marks all read', async () => {
    const { context: reporterContext, page: reporter } = await loginAs(browser, 'vpReporter')
    await reporter.goto('/my-work')
    await expectVisible(reporter.getByTestId('notification-bell'))
    const before = (await reporterApi.request<MyNotifications>('GET', '/api/my/notifications?limit=1')).body.unread
    await expect.poll(() => bellCount(reporter)).toBe(before)

    // The plan coordinator opens a round on the demo plan.
    const { context: coordinatorContext, page: coordinator } = await loginAs(browser, 'planCoordinator')
    await coordinator.goto('/admin/rounds')
    // The form opens a round once the plan's measures are loaded: wait for them (and the plan list).
    await expectText(coordinator.getByRole('group', { name: 'Par kuriem pasākumiem jāziņo' }), 'pasākum')
    const planSelect = coordinator.locator('#round-plan')
    if (await planSelect.count()) await planSelect.selectOption(String(planId))
    await expectText(coordinator.getByRole('group', { name: 'Par kuriem pasākumiem jāziņo' }), 'pasākum')
    await coordinator.getByLabel('Nosaukums').fill(ROUND_TITLE)
    await coordinator.getByLabel('Periods').fill('2025')
    await coordinator.getByLabel('Iesniegšanas termiņš').fill(dayFromToday(14))
    await coordinator.getByRole('button', { name: 'Atvērt kārtu' }).click()
    await expectText(coordinator.getByText(`Atskaites kārta “${ROUND_TITLE}” atvērta`), ROUND_TITLE, 30_000)
    await expectText(coordinator.getByTestId('rounds-table'), ROUND_TITLE)
    const { body: rounds } = await admin.request<{ id: number; title: string; state: string }[]>('GET', `/api/plans/${planId}/rounds`)
    roundId = rounds.find((r) => r.title === ROUND_TITLE && r.state === 'open')!.id

    // The reporter's bell counts the opening on the next navigation.
    const { body: mine } = await reporterApi.request<MyNotifications>('GET', '/api/my/notifications?unread=true&limit=50')
    const opened = mine.items.find((n) => n.kind === 'work_opened' && !n.readAt && n.title.includes(ROUND_TITLE))
    expect(opened, 'the reporter is told the round opened').toBeDefined()
    expect(mine.unread).toBeGreaterThan(before)
    await reporter.goto('/plans')
    await expect.poll(() => bellCount(reporter)).toBe(mine.unread)
    await expectText(reporter.getByTestId('notification-count'), String(mine.unread))

    // The panel: the latest, each a link to the thing.
    await reporter.getByTestId('notification-bell').click()
    const panel = reporter.getByTestId('notification-panel')
    await expectVisible(panel)
    expect(await reporter.getByTestId('notification-bell').getAttribute('aria-expanded')).toBe('true')
    await expectText(panel, opened!.title)
    await checkScreen(reporter, 'notification-panel')
    await panel.getByRole('link', { name: opened!.title }).first().click()
    await expectPath(reporter, new RegExp(`^${opened!.link.split(/[?#]/)[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
    expect(await reporter.getByRole('heading', { name: 'Lapa nav atrasta' }).count()).toBe(0)
    await expect
      .poll(
        async () =>
          (await reporterApi.request<MyNotifications>('GET', '/api/my/notifications?limit=50')).body.items.find((n) => n.id === opened!.id)
            ?.readAt,
      )
      .toBeTruthy()

    // A reminder arrives (the coordinator's, through the API): mark all read from the panel;
    // Escape closes it and the bell keeps the focus.
    const coordinatorApi = await apiAs('planCoordinator')
    expect((await coordinatorApi.request('POST', `/api/rounds/${roundId}/remind`, {})).status).toBe(202)
    await reporter.goto('/my-work')
    await expect.poll(() => bellCount(reporter)).toBeGreaterThan(0)
    await reporter.getByTestId('notification-bell').click()
    await reporter.getByTestId('mark-all-read').click()
    await expect.poll(() => bellCount(reporter)).toBe(0)
    expect((await reporterApi.request<MyNotifications>('GET', '/api/my/notifications?limit=1')).body.unread).toBe(0)
    await reporter.keyboard.press('Escape')
    expect(await panel.isVisible()).toBe(false)
    expect(await reporter.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('notification-bell')

    // The whole list.
    await reporter.goto('/notifications')
    await expectText(reporter.getByTestId('unread-total'), 'nav nelasītu paziņojumu')
    await expectText(reporter.getByTestId('notifications-table'), opened!.title)
    await checkScreen(reporter, 'notifications')
    await coordinatorContext.close()
    await reporterContext.close()
  })

  it('the reporter turns off one kind of e-mail, and the choice survives a reload; the language switch is stored', async () => {
    const { context, page } = await loginAs(browser, 'vpReporter')
    await page.goto('/settings')
    const accepted = page.getByRole('checkbox', { name: 'Ziņojums pieņemts' })
    await expectVisible(accepted)
    expect(await accepted.isChecked()).toBe(true)
    await checkScreen(page, 'settings')
    await accepted.uncheck()
    await page.getByRole('button', { name: 'Saglabāt iestatījumus' }).click()
    await expectVisible(page.getByText('Iestatījumi saglabāti.'))
    await page.reload()
    await expectVisible(page.getByRole('checkbox', { name: 'Ziņojums pieņemts' }))
    expect(await page.getByRole('checkbox', { name: 'Ziņojums pieņemts' }).isChecked()).toBe(false)
    expect(await page.getByRole('checkbox', { name: 'Ziņojums atgriezts labošanai' }).isChecked()).toBe(true)
    const { body: stored } = await reporterApi.request<Preferences>('GET', '/api/my/preferences')
    expect(stored.emailOff).toEqual(['accepted'])

    // Switching the interface to English stores the language for e-mails; back to Latvian.
    await page.getByRole('button', { name: 'EN — English' }).click()
    await expect.poll(async () => (await reporterApi.request<Preferences>('GET', '/api/my/preferences')).body.language).toBe('en')
    await page.getByRole('button', { name: 'LV — latviešu valoda' }).click()
    await expect.poll(async () => (await reporterApi.request<Preferences>('GET', '/api/my/preferences')).body.language).toBe('lv')
    await context.close()
  })

  it('the coordinator reminds the late ones, once the due date has passed, and sees how many institutions and people were reminded', async () => {
    expect(roundId, 'the first test opened the round').not.toBeNull()
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const round = (title: string) => page.locator('.completeness', { has: page.getByRole('heading', { name: title, exact: true }) })
    await page.goto(`/plans/${planId}`)
    // Two weeks before its due date nobody is late: no reminder to send.
    await expectText(round(ROUND_TITLE).getByTestId('round-due-state'), /termiņš pēc \d+ dien/)
    expect(await round(ROUND_TITLE).getByRole('button', { name: 'Atgādināt kavētājiem' }).count()).toBe(0)

    // A round due two days ago on VP's measure 3.5: VP is late, and may be reminded.
    const coordinatorApi = await apiAs('planCoordinator')
    const { body: measures } = await coordinatorApi.request<{ id: number; number: string }[]>('GET', `/api/plans/${planId}/measures`)
    const late = await coordinatorApi.request<{ id: number }>('POST', `/api/plans/${planId}/rounds`, {
      title: LATE_TITLE,
      period: '2025',
      dueDate: dayFromToday(-2),
      measures: [measures.find((m) => m.number === '3.5')!.id],
    })
    expect(late.status, JSON.stringify(late.body)).toBe(201)
    lateRoundId = late.body.id
    await page.reload()
    await expectText(round(LATE_TITLE).getByTestId('round-due-state'), 'Termiņš pagājis')
    expect(await round(ROUND_TITLE).getByRole('button', { name: 'Atgādināt kavētājiem' }).count()).toBe(0)
    await round(LATE_TITLE).getByRole('button', { name: 'Atgādināt kavētājiem' }).click()
    const dialog = page.getByTestId('remind-dialog')
    await expectVisible(dialog)
    await dialog.getByLabel('Ziņa (nav obligāta)').fill('Lūdzu, iesniedziet līdz piektdienai.')
    await dialog.getByRole('button', { name: 'Sūtīt atgādinājumu' }).click()
    await expectText(page.getByTestId('remind-result'), /Atgādinājums nosūtīts: iestādes — [1-9]\d*, cilvēki — [1-9]\d*\./)
    expect(await dialog.isVisible()).toBe(false)
    const { body: mine } = await reporterApi.request<MyNotifications>('GET', '/api/my/notifications?unread=true&limit=50')
    expect(mine.items.some((n) => n.kind === 'reminder')).toBe(true)
    await context.close()
  })

  it('an administrator reads the e-mail outbox: without an SMTP server the e-mails are kept, written to the log', async () => {
    const { context, page } = await loginAs(browser, 'admin')
    await page.goto('/admin/outbox')
    const table = page.getByTestId('outbox-table')
    // The worker writes a pending e-mail to the log on its next pass (every NOTIFY_INTERVAL_SECONDS).
    await expectText(table, /Ierakstīta žurnālā|Gaida sūtīšanu/)
    await expectText(table, ACCOUNTS.vpReporter.email)
    await checkScreen(page, 'outbox')
    await context.close()
  })
})
