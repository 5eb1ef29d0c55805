// Who may see what: a reporter opening another institution's draft by URL is refused with a
// clear message; roles meet a "no access" page instead of screens they may not use; unknown
// addresses get the not-found page; an anonymous visitor is sent to log in and then back.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anonymous, checkScreen, checkScreenNarrow, launchBrowser, loginAs, loginThroughForm, watchErrors } from './support/browser'
import { expectPath, expectText, expectVisible } from './support/assert'
import { apiAs, ensureOpenRound } from './support/api'
import { ACCOUNTS } from './support/accounts'

interface WorkItem {
  round: { id: number }
  measure: { id: number; number: string }
  institution: string
  state: string
  submissionId: number | null
}

/** A draft of the VP (police) on some measure of the open round, created through the API. */
async function vpDraftId(): Promise<number> {
  const round = await ensureOpenRound()
  const vp = await apiAs('vpReporter')
  const { body: work } = await vp.request<WorkItem[]>('GET', '/api/my/work')
  const item = work.find((w) => w.round.id === round.id && w.institution === 'VP')
  if (!item) throw new Error('VP owes nothing in the open round')
  if (item.submissionId) return item.submissionId
  const { status, body } = await vp.request<{ id: number }>('POST', `/api/rounds/${round.id}/submissions`, {
    measureId: item.measure.id,
    institution: 'VP',
    text: 'VP melnraksts, ko VPD nedrīkst redzēt.',
  })
  expect(status).toBe(201)
  return body.id
}

describe('access', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('refuses a reporter another institution’s draft opened by URL, with a clear message', async () => {
    const id = await vpDraftId()
    const { context, page } = await loginAs(browser, 'vpdReporter')
    await page.goto(`/submissions/${id}`)
    const refusal = page.getByTestId('submission-forbidden')
    await expectText(refusal, 'Šis ziņojums jums nav pieejams')
    await expectText(refusal, 'pieder citai iestādei')
    expect(await page.getByText('VP melnraksts').count()).toBe(0)
    await checkScreen(page, 'submission-forbidden')
    await context.close()
  })

  it('shows the owner its draft', async () => {
    const id = await vpDraftId()
    const { context, page } = await loginAs(browser, 'vpReporter')
    await page.goto(`/submissions/${id}`)
    await expectVisible(page.getByLabel('Izpildes gaitas apraksts'))
    await context.close()
  })

  it('gives roles a "no access" page for screens they may not use', async () => {
    const reporter = await loginAs(browser, 'vpdReporter')
    await reporter.page.goto('/admin/users')
    await expectPath(reporter.page, /^\/forbidden$/)
    await expectText(reporter.page.locator('h1'), 'Piekļuve liegta')
    await checkScreen(reporter.page, 'forbidden')
    // The report is for coordinators and readers, not for reporters: not even in the menu.
    expect(
      await reporter.page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Ziņojums' }).count(),
    ).toBe(0)
    await reporter.context.close()

    const viewer = await loginAs(browser, 'viewer')
    await viewer.page.goto('/my-work')
    await expectPath(viewer.page, /^\/forbidden$/)
    await viewer.page.goto('/')
    await expectPath(viewer.page, /^\/plans\/\d+$/)
    // A viewer reads measures but gets no edit buttons.
    await viewer.page.goto('/measures/1')
    await expectVisible(viewer.page.getByTestId('measure'))
    expect(await viewer.page.getByRole('button', { name: 'Mainīt statusu' }).count()).toBe(0)
    await viewer.context.close()
  })

  it('shows the not-found page for unknown addresses, logged in or not', async () => {
    const { context, page } = await loginAs(browser, 'viewer')
    const errors = watchErrors(page)
    await page.goto('/no-such-page')
    await expectText(page.locator('h1'), 'Lapa nav atrasta')
    await checkScreen(page, 'not-found')
    await checkScreenNarrow(page, 'not-found')
    await page.goto('/measures/99999')
    await expectText(page.getByRole('alert'), 'nav atrasts')
    expect(errors).toEqual([])
    await context.close()

    const anon = await anonymous(browser)
    await anon.page.goto('/no-such-page')
    await expectText(anon.page.locator('h1'), 'Lapa nav atrasta')
    await anon.context.close()
  })

  it('sends an anonymous visitor to log in and back to where they were going', async () => {
    const { context, page } = await anonymous(browser)
    await page.goto('/plans/1/measures?status=partial')
    await expectPath(page, /^\/login$/)
    await checkScreen(page, 'login')
    await checkScreenNarrow(page, 'login')
    await page.getByLabel('E-pasta adrese').fill(ACCOUNTS.viewer.email)
    await page.getByLabel('Parole', { exact: true }).fill(ACCOUNTS.viewer.password)
    await page.getByRole('button', { name: 'Pieslēgties' }).click()
    await expectPath(page, /^\/plans\/1\/measures$/)
    expect(new URL(page.url()).searchParams.get('status')).toBe('partial')
    await context.close()
  })

  it('tells a user who typed a wrong password, and lets them log out', async () => {
    const { context, page } = await anonymous(browser)
    await page.goto('/login')
    await page.getByLabel('E-pasta adrese').fill(ACCOUNTS.viewer.email)
    await page.getByLabel('Parole', { exact: true }).fill('not-the-password')
    await page.getByRole('button', { name: 'Pieslēgties' }).click()
    await expectText(page.getByRole('alert'), 'Nepareizs e-pasts vai parole.')
    await loginThroughForm(page, ACCOUNTS.viewer.email, ACCOUNTS.viewer.password)
    await page.getByRole('button', { name: 'Iziet' }).click()
    await expectPath(page, /^\/login$/)
    await expectText(page.getByRole('status').filter({ hasText: 'izgājāt' }), 'Jūs izgājāt no sistēmas.')
    // The session is gone on the server too.
    expect((await page.request.get('/api/auth/me')).status()).toBe(401)
    await context.close()
  })
})
