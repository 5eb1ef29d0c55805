// Review that shows what changed (issue 15, items 5 and 8): a returned and resubmitted report shows
// the reviewer a word diff with who returned it and when; every step is in the history with who and
// when; endorsing and accepting ask first and take a comment; the plan coordinator undoes an
// acceptance with a reason; the institution and its reviewer exchange comments; three reports are
// endorsed at once from the filtered review list, with a per-report result; and the submission
// editor shows the measure's expected result, indicator and last period's text, with a copy button.
//
// The test opens a round of its own on VPD's measures rated done (so the shared fixture round and
// the tour's measure 2.3 are not touched) and closes it at the end, which takes what it left out of
// every review queue.
import type { Browser, Page } from 'playwright-core'
import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BulkReviewResult, Measure, MeasureListItem, PlanListItem, Submission } from '@apt/shared'
import {
  checkScreen as checkSerious,
  checkScreenNarrow as checkSeriousNarrow,
  launchBrowser,
  loginAs,
  watchErrors,
} from './support/browser'
import { expectText, expectVisible } from './support/assert'
import { apiAs, dayFromToday, type ApiClient } from './support/api'

const SUFFIX = Date.now().toString(36)
const ROUND = `Izmaiņu pārskata kārta ${SUFFIX}`
/** VPD's measures in the demo plan (rated done, so no default round asks about them) and one it is involved in. */
const NUMBERS = ['2.2', '2.5', '3.6', '2.11'] as const
const EXPECTED = 'Probācijas darbinieki apmācīti darbam ar nepilngadīgajiem.'
const INDICATOR = 'Apmācīto darbinieku skaits gadā (ne mazāk kā 20).'

const RESUBMIT_BEFORE = 'VPD piedalījās IeVP rīkotajās mācībās.\n\nApmācīti 12 darbinieki.'
const RESUBMIT_AFTER = 'VPD piedalījās IeVP rīkotajās mācībās.\n\nApmācīti 15 darbinieki trijās mācībās.'
const RETURN_COMMENT = 'Lūdzu, norādiet mācību skaitu.'

/** axe (WCAG 2.1 A and AA) finds nothing at all, of any impact, on the screen as it is now. */
async function expectNoAxeViolations(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const found = result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(found, `axe on ${screen}`).toEqual([])
}

/** The shared screen check (screenshot, serious axe findings), then no finding of any impact. */
async function checkScreen(page: Page, name: string) {
  await checkSerious(page, name)
  await expectNoAxeViolations(page, name)
}

/** The same at 390 px, with no sideways scrolling; back to the page's width after. */
async function checkScreenNarrow(page: Page, name: string) {
  await checkSeriousNarrow(page, name)
  const original = page.viewportSize()!
  await page.setViewportSize({ width: 390, height: 844 })
  await expectNoAxeViolations(page, `${name} at 390 px`)
  await page.setViewportSize(original)
}

describe('review that shows what changed', () => {
  let browser: Browser
  let coordinator: ApiClient
  let ministry: ApiClient
  let vpd: ApiClient
  let roundId = 0
  const measures = new Map<string, Measure>()
  const submissions = new Map<string, number>()

  async function create(number: string, text: string, proposedStatus = 'done', reason: string | null = 'Paveikts.'): Promise<Submission> {
    const { status, body } = await vpd.request<Submission>('POST', `/api/rounds/${roundId}/submissions`, {
      measureId: measures.get(number)!.id,
      institution: 'VPD',
      text,
      proposedStatus,
      reason,
    })
    expect(status, JSON.stringify(body)).toBe(201)
    submissions.set(number, body.id)
    return body
  }

  async function read(api: ApiClient, number: string): Promise<Submission> {
    const { status, body } = await api.request<Submission>('GET', `/api/submissions/${submissions.get(number)}`)
    expect(status).toBe(200)
    return body
  }

  async function submit(number: string): Promise<Submission> {
    const current = await read(vpd, number)
    const { status, body } = await vpd.request<Submission>('POST', `/api/submissions/${current.id}/submit`, { version: current.version })
    expect(status, JSON.stringify(body)).toBe(200)
    return body
  }

  async function setContext(number: string, expectedResult: string | null, indicator: string | null) {
    const { body: measure } = await coordinator.request<Measure>('GET', `/api/measures/${measures.get(number)!.id}`)
    const { status, body } = await coordinator.request('PATCH', `/api/measures/${measure.id}`, {
      version: measure.version,
      expectedResult,
      indicator,
    })
    expect(status, JSON.stringify(body)).toBe(200)
  }

  const timeline = (page: Page) => page.getByTestId('timeline')

  beforeAll(async () => {
    browser = await launchBrowser()
    coordinator = await apiAs('planCoordinator')
    ministry = await apiAs('ministryCoordinator')
    vpd = await apiAs('vpdReporter')
    const { body: plans } = await coordinator.request<PlanListItem[]>('GET', '/api/plans')
    const plan = plans.find((p) => p.code === 'BNN-2023-2024')!
    const { body: list } = await coordinator.request<MeasureListItem[]>('GET', `/api/plans/${plan.id}/measures`)
    for (const number of NUMBERS) {
      const item = list.find((m) => m.number === number)!
      measures.set(number, (await coordinator.request<Measure>('GET', `/api/measures/${item.id}`)).body)
    }
    const opened = await coordinator.request<{ id: number }>('POST', `/api/plans/${plan.id}/rounds`, {
      title: ROUND,
      period: '2025',
      dueDate: dayFromToday(30),
      measures: NUMBERS.map((n) => measures.get(n)!.id),
    })
    expect(opened.status, JSON.stringify(opened.body)).toBe(201)
    roundId = opened.body.id
    await setContext('2.2', EXPECTED, INDICATOR)
  })

  afterAll(async () => {
    await setContext('2.2', null, null).catch(() => undefined)
    if (roundId) await coordinator?.request('POST', `/api/rounds/${roundId}/close`)
    await browser?.close()
  })

  it('shows the reporter the measure’s expected result, indicator and last period’s text, and copies it', async () => {
    const draft = await create('2.2', '')
    const last = [...measures.get('2.2')!.progress].reverse().find((p) => p.institution === 'VPD')!
    expect(last.period).toBe('2023-2024')

    const { context, page } = await loginAs(browser, 'vpdReporter')
    const errors = watchErrors(page)
    await page.goto(`/submissions/${draft.id}`)
    const panel = page.getByTestId('measure-context')
    await expectText(panel.getByTestId('context-expected'), EXPECTED)
    await expectText(panel.getByTestId('context-indicator'), INDICATOR)
    await expectText(panel.getByTestId('context-last-period'), 'Iepriekšējā periodā ziņots (2023-2024)')
    await expectText(panel.getByTestId('context-last-period'), last.text.slice(0, 60))

    // An empty editor takes the text at once.
    const text = page.getByLabel('Izpildes gaitas apraksts')
    await panel.getByRole('button', { name: 'Kopēt iepriekšējā perioda tekstu' }).click()
    await expect.poll(() => text.inputValue()).toBe(last.text)
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sub-text')

    // Text already written is not replaced without asking.
    await text.fill('Mans jaunais teksts par 2025. gadu.')
    await panel.getByRole('button', { name: 'Kopēt iepriekšējā perioda tekstu' }).click()
    await expectText(panel.getByTestId('copy-confirm'), 'Aizstāt jūsu tekstu?')
    expect(await text.inputValue()).toBe('Mans jaunais teksts par 2025. gadu.')
    await checkScreen(page, 'submission-context-confirm')
    await checkScreenNarrow(page, 'submission-context-confirm')
    await panel.getByRole('button', { name: 'Atcelt' }).click()
    expect(await text.inputValue()).toBe('Mans jaunais teksts par 2025. gadu.')
    await panel.getByRole('button', { name: 'Kopēt iepriekšējā perioda tekstu' }).click()
    await panel.getByRole('button', { name: 'Jā, aizstāt' }).click()
    await expect.poll(() => text.inputValue()).toBe(last.text)
    await expectText(page.getByTestId('save-status'), 'Melnraksts saglabāts', 15_000)
    expect((await read(vpd, '2.2')).text).toBe(last.text)
    expect(errors).toEqual([])
    await context.close()
  })

  it('shows the reviewer what changed since the return, and who did what when', async () => {
    const first = await create('2.11', RESUBMIT_BEFORE, 'partial', 'Daļa mācību pārcelta uz 2026. gadu.')
    await submit('2.11')
    const submitted = await read(ministry, '2.11')
    const returned = await ministry.request<Submission>('POST', `/api/submissions/${first.id}/return`, {
      version: submitted.version,
      comment: RETURN_COMMENT,
    })
    expect(returned.status, JSON.stringify(returned.body)).toBe(200)

    // The reporter sees who returned it and when, corrects it and hands it in again.
    const reporter = await loginAs(browser, 'vpdReporter')
    const reporterErrors = watchErrors(reporter.page)
    await reporter.page.goto(`/submissions/${first.id}`)
    await expectText(reporter.page.getByTestId('return-comment'), RETURN_COMMENT)
    await expectText(reporter.page.getByTestId('returned-by'), 'Atgrieza Tālis Tieslietnieks')
    await reporter.page.getByLabel('Izpildes gaitas apraksts').fill(RESUBMIT_AFTER)
    await reporter.page.getByRole('radio', { name: 'Izpildīts', exact: true }).check()
    await reporter.page.getByLabel('Pamatojums').fill('Visas mācības notikušas.')
    await expectText(reporter.page.getByTestId('save-status'), 'Melnraksts saglabāts', 15_000)
    await reporter.page.getByRole('button', { name: 'Iesniegt', exact: true }).click()
    await reporter.page.getByTestId('confirm-submit').click()
    await expectText(reporter.page.getByTestId('state-badge'), 'Iesniegts')
    expect(reporterErrors).toEqual([])
    await reporter.context.close()

    const { context, page } = await loginAs(browser, 'ministryCoordinator')
    const errors = watchErrors(page)
    await page.goto(`/review/${first.id}`)
    const diff = page.getByTestId('return-diff')
    await expectText(diff, 'Salīdzinājums ar versiju, ko Tālis Tieslietnieks atgrieza labošanai')
    await expectText(diff, RETURN_COMMENT)
    const textDiff = diff.getByTestId('diff-text')
    await expectText(textDiff.locator('del').first(), 'Dzēsts: 12')
    await expectText(textDiff.locator('ins').first(), 'Pievienots: 15')
    await expectText(textDiff, 'trijās mācībās')
    // What is deleted is struck through and what is added underlined: not told by colour alone.
    expect(
      await textDiff
        .locator('del')
        .first()
        .evaluate((el) => getComputedStyle(el).textDecorationLine),
    ).toBe('line-through')
    expect(
      await textDiff
        .locator('ins')
        .first()
        .evaluate((el) => getComputedStyle(el).textDecorationLine),
    ).toBe('underline')
    await expectText(diff.getByTestId('diff-status'), /bija.*Daļēji izpildīts.*tagad.*Izpildīts/)
    await expectText(diff.getByTestId('diff-reason'), 'Visas mācības notikušas.')

    // Every step with who and when.
    const steps = timeline(page).locator('li')
    await expect.poll(() => steps.count()).toBe(3)
    await expectText(steps.nth(0), /Iesniedza — Vija Probācija \(VPD\),/)
    await expectText(steps.nth(1), /Atgrieza labošanai — Tālis Tieslietnieks \(TM\),/)
    await expectText(steps.nth(1), RETURN_COMMENT)
    await expectText(steps.nth(2), /Iesniedza — Vija Probācija \(VPD\),/)
    for (const step of await steps.all()) expect(await step.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    await checkScreen(page, 'review-diff')
    await checkScreenNarrow(page, 'review-diff')
    expect(errors).toEqual([])
    await context.close()
  })

  it('carries a comment from the reviewer to the institution and the answer back', async () => {
    const id = submissions.get('2.11')!
    const reviewer = await loginAs(browser, 'ministryCoordinator')
    const reviewerErrors = watchErrors(reviewer.page)
    await reviewer.page.goto(`/review/${id}`)
    // An empty comment is refused where it is written.
    await timeline(reviewer.page).getByRole('button', { name: 'Pievienot komentāru' }).click()
    await expectText(timeline(reviewer.page).locator('.field-error'), 'Ierakstiet komentāra tekstu.')
    await timeline(reviewer.page).getByLabel('Jauns komentārs').fill('Vai mācībās piedalījās arī reģionu darbinieki?')
    await timeline(reviewer.page).getByRole('button', { name: 'Pievienot komentāru' }).click()
    await expectText(
      timeline(reviewer.page).locator('li[data-kind=comment]'),
      /Komentārs — Tālis Tieslietnieks \(TM\),.*reģionu darbinieki\?/,
    )

    const reporter = await loginAs(browser, 'vpdReporter')
    const reporterErrors = watchErrors(reporter.page)
    await reporter.page.goto(`/submissions/${id}`)
    await expectText(timeline(reporter.page).locator('li[data-kind=comment]'), 'Vai mācībās piedalījās arī reģionu darbinieki?')
    await timeline(reporter.page).getByLabel('Jauns komentārs').fill('Jā, no visiem pieciem reģioniem.')
    await timeline(reporter.page).getByRole('button', { name: 'Pievienot komentāru' }).click()
    await expectText(timeline(reporter.page).locator('li[data-kind=comment]').last(), /Vija Probācija \(VPD\),.*pieciem reģioniem/)
    await checkScreen(reporter.page, 'submission-comments')
    expect(reporterErrors).toEqual([])
    await reporter.context.close()

    await reviewer.page.reload()
    await expectText(timeline(reviewer.page).locator('li[data-kind=comment]').last(), 'Jā, no visiem pieciem reģioniem.')
    expect(reviewerErrors).toEqual([])
    await reviewer.context.close()
  })

  it('endorses and accepts after a confirmation with a comment, and the coordinator undoes the acceptance with a reason', async () => {
    const id = submissions.get('2.11')!
    const ministryPage = await loginAs(browser, 'ministryCoordinator')
    let errors = watchErrors(ministryPage.page)
    let page = ministryPage.page
    await page.goto(`/review/${id}`)
    await page.getByRole('button', { name: 'Apstiprināt un nodot koordinatoram' }).click()
    const confirm = page.getByTestId('step-confirm')
    await expectText(confirm, 'Apstiprināt ziņojumu un nodot plāna koordinatoram?')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('confirm-heading')
    // Nothing happened yet.
    expect((await read(ministry, '2.11')).state).toBe('submitted')
    await confirm.getByLabel('Komentārs (nav obligāts)').fill('Papildinājums pieņemams.')
    await checkScreen(page, 'review-confirm')
    await confirm.getByRole('button', { name: 'Jā, apstiprināt' }).click()
    await expectText(page.getByTestId('review').locator('.this').getByTestId('state-badge'), 'Ministrija apstiprinājusi')
    // Focus goes to the report, not to the page body.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('this-heading')
    await expectText(
      timeline(page).locator('li[data-kind=endorsed]'),
      /Ministrija apstiprināja — Tālis Tieslietnieks \(TM\),.*Papildinājums pieņemams\./,
    )
    expect(errors).toEqual([])
    await ministryPage.context.close()

    const coordinatorPage = await loginAs(browser, 'planCoordinator')
    page = coordinatorPage.page
    errors = watchErrors(page)
    await page.goto(`/review/${id}`)
    // Cancelling changes nothing and gives focus back to the button.
    await page.getByRole('button', { name: 'Pieņemt', exact: true }).click()
    await page.getByTestId('step-confirm').getByRole('button', { name: 'Atcelt' }).click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('step-accept')
    expect((await read(coordinator, '2.11')).state).toBe('endorsed')
    await page.getByRole('button', { name: 'Pieņemt', exact: true }).click()
    await expectText(page.getByTestId('step-confirm'), 'Pieņemt ziņojumu?')
    await page.getByRole('button', { name: 'Jā, pieņemt' }).click()
    await expectVisible(page.getByTestId('accepted-next'))
    await expectText(timeline(page).locator('li[data-kind=accepted]'), /Pieņēma — Ilze Koordinatore \(IeM\),/)
    const accepted = await coordinator.request<Measure>('GET', `/api/measures/${measures.get('2.11')!.id}`)
    expect(accepted.body.progress.some((p) => p.submissionId === id)).toBe(true)

    // Undoing needs a reason.
    await page.getByRole('button', { name: 'Atcelt pieņemšanu' }).click()
    const undo = page.getByTestId('unaccept-form')
    await expectText(undo, 'Atcelt ziņojuma pieņemšanu')
    await undo.getByRole('button', { name: 'Atcelt pieņemšanu' }).click()
    await expectText(undo.locator('.field-error'), 'Norādiet, kāpēc atceļat pieņemšanu.')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('undo-reason')
    await checkScreen(page, 'review-unaccept-error')
    await checkScreenNarrow(page, 'review-unaccept-error')
    await undo.getByLabel('Iemesls').fill('Pieņemts kļūdas pēc: trūkst pierādījumu.')
    await undo.getByRole('button', { name: 'Atcelt pieņemšanu' }).click()
    await expectText(page.getByTestId('review').locator('.this').getByTestId('state-badge'), 'Ministrija apstiprinājusi')
    await expectText(
      timeline(page).locator('li[data-kind=unaccepted]'),
      /Atcēla pieņemšanu — Ilze Koordinatore \(IeM\),.*Iemesls: Pieņemts kļūdas pēc/,
    )
    const undone = await coordinator.request<Measure>('GET', `/api/measures/${measures.get('2.11')!.id}`)
    expect(undone.body.progress.some((p) => p.submissionId === id)).toBe(false)
    expect((await read(coordinator, '2.11')).state).toBe('endorsed')
    expect(errors).toEqual([])
    await coordinatorPage.context.close()
  })

  it('endorses three reports at once from the filtered, sorted list, with a result per report', async () => {
    await submit('2.2')
    for (const number of ['2.5', '3.6'] as const) {
      await create(number, `VPD ziņojums par pasākumu ${number}.`)
      await submit(number)
    }
    const { context, page } = await loginAs(browser, 'ministryCoordinator')
    const errors = watchErrors(page)
    await page.goto('/review')
    await page.getByLabel('Kārta', { exact: true }).selectOption(String(roundId))
    await page.getByLabel('Iestāde', { exact: true }).selectOption('VPD')
    await page.getByLabel('Kārtot').selectOption('measure')
    await expectText(page.getByTestId('review-shown'), 'Atlasē 3 ziņojumi')
    const rows = page.getByTestId('review-table').locator('tbody tr')
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-measure')))).toEqual(['2.2', '2.5', '3.6'])
    expect(page.url()).toContain('institution=VPD')

    await page.getByLabel('Atzīmēt visus redzamos').check()
    await expectText(page.getByTestId('bulk-bar'), 'Atzīmēti 3 ziņojumi')
    await page.getByRole('button', { name: 'Apstiprināt atzīmētos' }).click()
    const confirm = page.getByTestId('bulk-confirm')
    await expectText(confirm, 'Apstiprināt 3 ziņojumus un nodot plāna koordinatoram?')
    await checkScreen(page, 'review-bulk-confirm')
    await checkScreenNarrow(page, 'review-bulk-confirm')
    expect((await read(ministry, '2.5')).state).toBe('submitted')
    await confirm.getByRole('button', { name: 'Jā, apstiprināt visus' }).click()
    const result = page.getByTestId('bulk-result')
    await expectText(result, 'Visi 3 izdevās.')
    for (const number of ['2.2', '2.5', '3.6']) await expectText(result.locator('li', { hasText: `${number} VPD` }), 'apstiprināts')
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Rezultāts')
    for (const number of ['2.2', '2.5', '3.6']) expect((await read(ministry, number)).state).toBe('endorsed')
    await checkScreen(page, 'review-bulk-result')
    expect(errors).toEqual([])
    await context.close()
  })

  it('reports per row why a report in a bulk step was not done', async () => {
    // The plan coordinator accepts two endorsed reports (3.6 went back to VPD), and one changes under the list.
    const returned = await read(coordinator, '3.6')
    const back = await coordinator.request<Submission>('POST', `/api/submissions/${returned.id}/return`, {
      version: returned.version,
      comment: 'Precizējiet.',
    })
    expect(back.status).toBe(200)
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    await page.goto(`/review?round=${roundId}&sort=measure`)
    const rows = page.getByTestId('review-table').locator('tbody tr')
    await expect
      .poll(async () => (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-measure')))).sort())
      .toEqual(['2.11', '2.2', '2.5'])
    for (const number of ['2.2', '2.5']) await page.getByLabel(`Atzīmēt: ${number}, VPD`, { exact: true }).check()
    await page.getByRole('button', { name: 'Pieņemt atzīmētos' }).click()
    // Meanwhile 2.5 changes under the list.
    const stale = await read(coordinator, '2.5')
    expect(
      (await coordinator.request('POST', `/api/submissions/${stale.id}/return`, { version: stale.version, comment: 'Vēl jāpapildina.' }))
        .status,
    ).toBe(200)
    await page.getByTestId('bulk-confirm').getByRole('button', { name: 'Jā, pieņemt visus' }).click()
    const result = page.getByTestId('bulk-result')
    await expectText(result, '1 no 2 izdevās, 1 neizdevās.')
    await expectText(result.locator('li', { hasText: '2.2 VPD' }), 'pieņemts')
    await expectText(result.locator('li', { hasText: '2.5 VPD' }), /neizdevās: (kāds to mainīja|tas vairs negaida)/)
    await checkScreen(page, 'review-bulk-partial')
    expect(errors).toEqual([])
    await context.close()
    // What the API answered for the same kind of request, for the record of the codes.
    const again = await coordinator.request<BulkReviewResult>('POST', '/api/reviews/bulk', {
      action: 'accept',
      items: [{ id: stale.id, version: stale.version }],
    })
    expect(again.body.results[0]!.ok).toBe(false)
    // Tidy up: the returned reports handed in again, so no open correction is left behind, and the
    // acceptance undone, so the demo measure's progress is as it was.
    for (const number of ['2.5', '3.6']) await submit(number)
    const done = await read(coordinator, '2.2')
    expect(
      (await coordinator.request('POST', `/api/submissions/${done.id}/unaccept`, { version: done.version, reason: 'e2e: tidy up' })).status,
    ).toBe(200)
  })
})
