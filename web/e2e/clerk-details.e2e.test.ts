// What a careful clerk notices (issue 15, items 3, 6 and 9), in Chromium: a status change opens the
// assessment for review; messages name what exists and keep request ids out of sight; "līdz" takes
// the dative; the LV/EN buttons are named by what they show; the tab title follows the language;
// focus moves to the result of a form; error summaries stand above their forms; notices sit in the
// page's flow and the footer at the window's bottom; the same file is said to be attached already;
// and a first visit logs nothing in the console.
import type { Browser, Page } from 'playwright-core'
import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatLatvianDate, type Measure, type MeasureListItem, type Round, type Submission } from '@apt/shared'
import { anonymous, checkScreen, checkScreenNarrow, launchBrowser, loginAs, watchErrors } from './support/browser'
import { expectText, expectVisible } from './support/assert'
import { apiAs, ensureOpenRound, type ApiClient } from './support/api'
import { samplePdf } from './support/files'

let browser: Browser
let coordinator: ApiClient

beforeAll(async () => {
  browser = await launchBrowser()
  coordinator = await apiAs('planCoordinator')
})
afterAll(() => browser?.close())

const APP_LV = 'Rīcības plāna izpildes uzraudzība'
const APP_EN = 'Action plan implementation tracker'

/** axe with the WCAG 2.1 A and AA rules: no violation of any impact. */
async function expectNoAxeViolations(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(
    result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${screen}`,
  ).toEqual([])
}

/** What has the keyboard focus: its role or tag, and its text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    return { role: el?.getAttribute('role') ?? el?.tagName.toLowerCase() ?? '', text: el?.innerText ?? '' }
  })

/** Whether `above` ends before `below` starts on the page. */
async function isAbove(page: Page, above: string, below: string) {
  const [a, b] = [await page.locator(above).first().boundingBox(), await page.locator(below).first().boundingBox()]
  return a !== null && b !== null && a.y + a.height <= b.y
}

async function demoMeasure(number: string): Promise<Measure> {
  const { body: plans } = await coordinator.request<{ id: number; code: string }[]>('GET', '/api/plans')
  const demo = plans.find((p) => p.code === 'BNN-2023-2024') ?? plans[0]!
  const { body: measures } = await coordinator.request<MeasureListItem[]>('GET', `/api/plans/${demo.id}/measures`)
  const item = measures.find((m) => m.number === number)!
  return (await coordinator.request<Measure>('GET', `/api/measures/${item.id}`)).body
}

describe('a first visit', () => {
  it('logs nothing in the console: who is logged in is asked without a 401', async () => {
    const { context, page } = await anonymous(browser)
    const logged: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') logged.push(`${message.type()}: ${message.text()}`)
    })
    page.on('pageerror', (error) => logged.push(`pageerror: ${error.message}`))
    const statuses: number[] = []
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/')) statuses.push(response.status())
    })
    await page.goto('/')
    await expectText(page.locator('h1'), 'Pieslēgties')
    expect(logged).toEqual([])
    expect(statuses.filter((s) => s >= 400)).toEqual([])

    // The footer stands at the bottom of the window on this short page, not in the middle of it.
    const footer = await page.locator('footer.app-footer').boundingBox()
    const height = page.viewportSize()!.height
    expect(Math.round(footer!.y + footer!.height)).toBe(height)
    await context.close()
  })
})

describe('the language switch', () => {
  it('names each button by what it shows, and the tab title follows the language', async () => {
    const { context, page } = await anonymous(browser)
    await page.goto('/login')
    await expectText(page.locator('h1'), 'Pieslēgties')
    for (const [shown, name] of [
      ['LV', 'LV — latviešu valoda'],
      ['EN', 'EN — English'],
    ] as const) {
      const button = page.getByRole('button', { name, exact: true })
      expect(await button.count()).toBe(1)
      // WCAG 2.5.3: the visible label starts the accessible name; no aria-label replaces it.
      expect(await button.getAttribute('aria-label')).toBeNull()
      expect(await button.evaluate((el) => el.firstChild?.textContent?.trim())).toBe(shown)
    }
    expect(await page.title()).toBe(`Pieslēgties — ${APP_LV}`)

    await page.getByRole('button', { name: 'EN — English', exact: true }).click()
    await expectText(page.locator('h1'), 'Log in')
    await expect.poll(() => page.title()).toBe(`Log in — ${APP_EN}`)
    await page.getByRole('button', { name: 'LV — latviešu valoda', exact: true }).click()
    await expect.poll(() => page.title()).toBe(`Pieslēgties — ${APP_LV}`)
    await context.close()
  })
})

describe('messages name what exists, without request ids', () => {
  it('a wrong password: the message above the form, focused, no request id', async () => {
    const { context, page } = await anonymous(browser)
    const errors = watchErrors(page)
    await page.goto('/login')
    // Nothing filled in: the summary stands above the form and takes the focus.
    await page.getByRole('button', { name: 'Pieslēgties' }).click()
    await expectText(page.getByRole('alert'), 'Ievadiet e-pasta adresi un paroli.')
    expect(await isAbove(page, '[role=alert]', 'form')).toBe(true)
    expect((await focused(page)).text).toContain('Ievadiet e-pasta adresi un paroli.')

    await page.getByLabel('E-pasta adrese').fill('skatitajs@vk.demo.lv')
    await page.getByLabel('Parole', { exact: true }).fill('nepareiza-parole-123')
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'))
    await page.getByRole('button', { name: 'Pieslēgties' }).click()
    const { requestId } = (await (await answer).json()) as { requestId: string }
    const alert = page.getByRole('alert')
    await expectText(alert, 'Nepareizs e-pasts vai parole.')
    expect(await isAbove(page, '[role=alert]', 'form')).toBe(true)
    expect(await focused(page)).toMatchObject({ role: 'alert', text: expect.stringContaining('Nepareizs e-pasts vai parole.') })
    const body = await page.locator('body').innerText()
    expect(body).not.toContain(requestId)
    expect(body).not.toContain('Pieprasījuma identifikators')
    expect(await page.locator('details').count()).toBe(0)
    await expectNoAxeViolations(page, 'login-wrong-password')
    expect(errors).toEqual([])
    await context.close()
  })

  it('a taken e-mail: names it and what to do, marks the field, no request id', async () => {
    const { context, page } = await loginAs(browser, 'admin')
    const errors = watchErrors(page)
    await page.goto('/admin/users')
    await expectVisible(page.getByTestId('users-table'))
    await page.getByLabel('E-pasts').fill('ZINOTAJS@VP.DEMO.LV')
    await page.getByLabel('Vārds, uzvārds').fill('Otrs Ziņotājs')
    await page.getByLabel('Iestāde').selectOption('VP')
    await page.getByRole('button', { name: 'Izveidot lietotāju' }).click()
    const message = 'Lietotājs ar e-pastu zinotajs@vp.demo.lv jau ir — atrodiet to lietotāju sarakstā vai izmantojiet citu e-pastu.'
    const alert = page.getByRole('alert').filter({ hasText: 'jau ir' })
    await expectText(alert, message)
    expect(await alert.innerText()).not.toContain('Šāds ieraksts jau pastāv')
    expect(await page.locator('body').innerText()).not.toContain('Pieprasījuma identifikators')
    expect(await page.getByLabel('E-pasts').getAttribute('aria-invalid')).toBe('true')
    expect((await focused(page)).text).toContain(message)
    await checkScreen(page, 'admin-users-taken-email')
    await expectNoAxeViolations(page, 'admin-users-taken-email')
    await checkScreenNarrow(page, 'admin-users-taken-email')

    // Another e-mail: the one-time password is the result, and takes the focus; closing it returns
    // the focus to the form, not to the page's body.
    const email = `cits.${Date.now().toString(36)}@vp.demo.lv`
    await page.getByLabel('E-pasts').fill(email)
    await page.getByRole('button', { name: 'Izveidot lietotāju' }).click()
    await expectText(page.getByTestId('one-time-password'), email)
    expect((await focused(page)).text).toContain(`Vienreizējā parole lietotājam ${email}`)
    await page.getByRole('button', { name: 'Parole ir pierakstīta' }).click()
    expect(await focused(page)).toMatchObject({ role: 'h2', text: 'Jauns lietotājs' })
    expect(errors).toEqual([])
    await context.close()
  })
})

describe('a status change reviews the assessment', () => {
  it('marks the assessment, will not keep it unasked, and keeps or takes a new one when told', async () => {
    const before = await demoMeasure('4.3')
    expect(before.status).toBe('partial')
    expect(before.assessment).toBeTruthy()
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    try {
      await page.goto(`/measures/${before.id}`)
      await expectText(page.getByTestId('status-line'), 'Daļēji izpildīts')
      await page.getByRole('button', { name: 'Mainīt statusu' }).click()
      // The same status: nothing to review.
      expect(await page.getByTestId('assessment-review').count()).toBe(0)
      await page.getByRole('radio', { name: 'Nav izpildīts', exact: true }).check()
      await expectText(page.getByTestId('assessment-review'), 'Statuss mainīts — pārskatiet vērtējumu')
      await expect.poll(() => page.getByTestId('assessment-field').getAttribute('class')).toContain('field-review')
      await page.getByLabel('Statusa maiņas pamatojums').fill('Finansējums netika piešķirts')

      // Saved with the old assessment unasked: the summary above the form says so, and has the focus.
      await page.getByRole('button', { name: 'Saglabāt statusu' }).click()
      const problems = page.getByTestId('status-problems')
      await expectText(problems, 'Pārrakstiet vērtējumu jaunajam statusam vai apstipriniet, ka tas paliek nemainīts.')
      expect(await isAbove(page, '[data-testid=status-problems]', '#status-panel form')).toBe(true)
      expect((await focused(page)).text).toContain('Pārrakstiet vērtējumu')
      expect(await page.getByLabel('Izpildes novērtējums').getAttribute('aria-invalid')).toBe('true')
      await checkScreen(page, 'measure-assessment-review')
      await expectNoAxeViolations(page, 'measure-assessment-review')
      await checkScreenNarrow(page, 'measure-assessment-review')
      expect((await coordinator.request<Measure>('GET', `/api/measures/${before.id}`)).body).toMatchObject({
        status: 'partial',
        version: before.version,
      })

      // Kept knowingly: saved, and focus lands on the status line, which shows the new status.
      await page.getByRole('checkbox', { name: 'Vērtējums der arī jaunajam statusam — saglabāt to nemainītu' }).check()
      await page.getByRole('button', { name: 'Saglabāt statusu' }).click()
      await expectText(page.getByTestId('status-line'), 'Nav izpildīts')
      // Focus moves once the saved measure has rendered, a moment after the status line changes.
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('status-line')
      expect(await focused(page)).toMatchObject({ text: expect.stringContaining('Nav izpildīts') })
      // The notice stands in the page's flow, above the content, never over it.
      await expectText(page.locator('.notices'), 'Statuss saglabāts: Nav izpildīts.')
      expect(await page.locator('main .notices').count()).toBe(1)
      expect(await page.locator('.notices').evaluate((el) => getComputedStyle(el).position)).toBe('static')
      expect(await isAbove(page, '.notices [role=status] .notice', 'article.measure')).toBe(true)
      const kept = (await coordinator.request<Measure>('GET', `/api/measures/${before.id}`)).body
      expect(kept).toMatchObject({ status: 'not_done', assessment: before.assessment })

      // Rewritten: saved without asking.
      await page.getByRole('button', { name: 'Mainīt statusu' }).click()
      await page.getByRole('radio', { name: 'Daļēji izpildīts', exact: true }).check()
      await page.getByLabel('Statusa maiņas pamatojums').fill('Finansējums piešķirts 2024. gadā')
      await page.getByLabel('Izpildes novērtējums').fill('Daļēji izpildīts: finansējums piešķirts, darbs turpinās.')
      expect(await page.getByRole('checkbox', { name: 'Vērtējums der arī jaunajam statusam — saglabāt to nemainītu' }).count()).toBe(0)
      await page.getByRole('button', { name: 'Saglabāt statusu' }).click()
      await expectText(page.getByTestId('status-line'), 'Daļēji izpildīts')
      expect((await coordinator.request<Measure>('GET', `/api/measures/${before.id}`)).body).toMatchObject({
        status: 'partial',
        assessment: 'Daļēji izpildīts: finansējums piešķirts, darbs turpinās.',
      })
      expect(errors).toEqual([])
    } finally {
      // The demo plan as it was, for the tests that follow.
      const now = (await coordinator.request<Measure>('GET', `/api/measures/${before.id}`)).body
      await coordinator.request('PATCH', `/api/measures/${before.id}`, {
        version: now.version,
        ...(now.status === before.status ? {} : { status: before.status, reason: 'e2e: atjaunots', keepAssessment: true }),
        assessment: before.assessment,
      })
      await context.close()
    }
  })
})

describe('a submission', () => {
  it('is due "līdz" a date in the dative, and the same file twice is said to be attached already', async () => {
    const round = await ensureOpenRound()
    const { body: full } = await coordinator.request<Round>('GET', `/api/rounds/${round.id}`)
    const measure = await demoMeasure('2.4')
    const created = await coordinator.request<Submission & { details?: { submissionId: number } }>(
      'POST',
      `/api/rounds/${round.id}/submissions`,
      { measureId: measure.id, institution: 'VRS' },
    )
    if (created.status !== 201 && created.status !== 409) throw new Error(`draft: ${created.status} ${JSON.stringify(created.body)}`)
    const id = created.status === 201 ? created.body.id : created.body.details!.submissionId
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    await page.goto(`/submissions/${id}`)
    const dative = formatLatvianDate(full.dueDate, 'dat')
    expect(dative).toMatch(/\d{4}\. gada \d{1,2}\. \p{L}+(im|am)$/u)
    await expectText(page.locator('.page-lead'), `iesniegt līdz ${dative}`)

    const input = page.getByTestId('evidence-file')
    const bytes = samplePdf(`Dublikats ${Date.now()}`)
    await input.setInputFiles({ name: 'protokols.pdf', mimeType: 'application/pdf', buffer: bytes })
    await expectText(page.locator('.notices'), 'Fails “protokols.pdf” pievienots.')
    await input.setInputFiles({ name: 'protokols (kopija).pdf', mimeType: 'application/pdf', buffer: bytes })
    await expectText(page.getByTestId('evidence-duplicate'), 'Šī datne jau ir pievienota kā “protokols.pdf”.')
    expect(await page.locator('.notices').innerText()).not.toContain('protokols (kopija).pdf')
    const { body: after } = await coordinator.request<Submission>('GET', `/api/submissions/${id}`)
    expect(after.evidence.map((e) => e.fileName)).toEqual(['protokols.pdf'])
    await expectNoAxeViolations(page, 'submission-duplicate-file')
    expect(errors).toEqual([])
    await context.close()
  })
})

describe('a measure’s number', () => {
  it('is followed by a space, not run into the text after it', async () => {
    await ensureOpenRound()
    const { context, page } = await loginAs(browser, 'vpdReporter')
    await page.goto('/my-work')
    const cell = page.getByTestId('my-work-table').locator('tr[data-measure="2.3"] td').first()
    await expectVisible(cell)
    expect(await cell.innerText()).toMatch(/^2\.3 \p{L}/u)
    await context.close()
  })
})
