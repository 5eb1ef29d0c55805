// The tour a new user takes on a freshly started product with demo data: a reporting round is
// opened, the VPD reporter files progress with a PDF and a link, the TM ministry coordinator
// endorses, the IeM plan coordinator accepts, sets the measure's status with a reason, sees the
// dashboard change, writes a conclusion and downloads the DOCX. Each screen is screenshotted and
// checked with axe on the way. The steps build on each other, so they run in order.
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkScreen, checkScreenNarrow, launchBrowser, loginAs, watchErrors } from './support/browser'
import { expectPath, expectText, expectVisible } from './support/assert'
import { apiAs, dayFromToday } from './support/api'
import { docxDocumentXml, samplePdf } from './support/files'

const ROUND = `Ziņojums par 2025. gadu ${Date.now().toString(36)}`
const MEASURE = '2.3'
const PROGRESS =
  'VPD 2025. gadā apmācīja izlīguma starpniekus darbam ar bērniem.\n\nNotika šādas mācības:\n- divi semināri Rīgā;\n- tiešsaistes kurss reģionu darbiniekiem.'
const CONCLUSION = 'Secinājums no e2e tūres: izlīguma starpnieku apmācība pabeigta.'

/** Drops a file on the drop zone the way a browser does, with a DataTransfer. */
async function dropFile(page: Page, name: string, bytes: Buffer, type: string) {
  await page.evaluate(
    ({ name, base64, type }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const transfer = new DataTransfer()
      transfer.items.add(new File([data], name, { type }))
      const zone = document.querySelector('[data-testid=dropzone]')!
      for (const kind of ['dragenter', 'dragover', 'drop'])
        zone.dispatchEvent(new DragEvent(kind, { dataTransfer: transfer, bubbles: true, cancelable: true }))
    },
    { name, base64: bytes.toString('base64'), type },
  )
}

async function doneCount(page: Page): Promise<number> {
  const tile = page.locator('[data-testid=status-counts] [data-status=done] .tile-number')
  await tile.waitFor()
  return Number((await tile.innerText()).replace(/\D/g, ''))
}

describe('the tour of a new user', () => {
  let browser: Browser
  let submissionPath = ''
  let doneAfter = 0

  beforeAll(async () => {
    browser = await launchBrowser()
    // Another open round on the same measures would (rightly) ask the coordinator to confirm a
    // second report on them: the tour opens its round on a plan without one.
    const admin = await apiAs('admin')
    const { body: plans } = await admin.request<{ id: number; code: string }[]>('GET', '/api/plans')
    const planId = plans.find((p) => p.code === 'BNN-2023-2024')!.id
    const { body: rounds } = await admin.request<{ id: number; state: string }[]>('GET', `/api/plans/${planId}/rounds`)
    for (const r of rounds.filter((x) => x.state === 'open'))
      expect((await admin.request('POST', `/api/rounds/${r.id}/close`)).status).toBe(200)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('the plan coordinator opens a reporting round (Administrēšana → Atskaites kārtas)', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    await page.goto('/')
    await expectPath(page, /^\/plans\/\d+$/)
    await page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Administrēšana' }).click()
    await page.getByRole('navigation', { name: 'Administrēšanas sadaļas' }).getByRole('link', { name: 'Atskaites kārtas' }).click()
    await expectPath(page, /^\/admin\/rounds$/)
    await page.getByLabel('Nosaukums').fill(ROUND)
    await page.getByLabel('Periods').fill('2025')
    await page.getByLabel('Iesniegšanas termiņš').fill(dayFromToday(30))
    await checkScreen(page, 'admin-rounds')
    await page.getByRole('button', { name: 'Atvērt kārtu' }).click()
    await expectText(page.getByRole('status').filter({ hasText: 'atvērta' }), ROUND)
    await expectVisible(page.getByTestId('rounds-table').locator('tr', { hasText: ROUND }))
    await checkScreenNarrow(page, 'admin-rounds')
    expect(errors).toEqual([])
    await context.close()
  })

  it('the VPD reporter files progress on its measure with a PDF and a link, and submits', async () => {
    const { context, page } = await loginAs(browser, 'vpdReporter')
    const errors = watchErrors(page)
    await page.goto('/')
    await expectPath(page, /^\/my-work$/)
    const row = page.getByTestId('my-work-table').locator(`tr[data-measure="${MEASURE}"]`, { hasText: ROUND })
    // Before the due date a report not started is not late: grey, no alarm.
    await expectText(row, 'Vēl nav sākts')
    await checkScreen(page, 'my-work')
    await checkScreenNarrow(page, 'my-work')

    await row.getByRole('button', { name: /Sākt ziņojumu/ }).click()
    await expectPath(page, /^\/submissions\/\d+$/)
    submissionPath = new URL(page.url()).pathname

    await page.getByLabel('Izpildes gaitas apraksts').fill(PROGRESS)
    // The live preview renders paragraphs and the "- " list.
    await expectText(page.getByRole('region', { name: 'Priekšskatījums' }).locator('li').nth(1), 'tiešsaistes kurss')
    await page.getByRole('radio', { name: 'Izpildīts', exact: true }).check()
    await page.getByLabel('Pamatojums', { exact: true }).fill('Mācības notikušas pilnā apjomā; pievienots pārskats.')
    await expectText(page.getByTestId('save-status'), 'Melnraksts saglabāts', 15_000)

    await dropFile(page, 'apmacibu-parskats.pdf', samplePdf(), 'application/pdf')
    await expectText(page.getByTestId('evidence-list'), 'apmacibu-parskats.pdf', 15_000)
    expect(await page.locator('progress').first().getAttribute('value')).toBe('100')

    await page.getByLabel('Adrese (URL)').fill('https://www.vpd.gov.lv/lv/jaunumi')
    await page.getByLabel('Nosaukums').fill('VPD jaunumi par apmācībām')
    await page.getByRole('button', { name: 'Pievienot saiti' }).click()
    await expectText(page.getByTestId('evidence-list'), 'VPD jaunumi par apmācībām')
    await checkScreen(page, 'submission-editor')
    await checkScreenNarrow(page, 'submission-editor')

    await page.getByRole('button', { name: 'Iesniegt', exact: true }).click()
    await page.getByTestId('confirm-submit').click()
    await expectText(page.getByTestId('state-badge'), 'Iesniegts')
    await checkScreen(page, 'submission-submitted')
    expect(errors).toEqual([])
    await context.close()
  })

  it('the TM ministry coordinator endorses it', async () => {
    const { context, page } = await loginAs(browser, 'ministryCoordinator')
    const errors = watchErrors(page)
    await page.goto('/review')
    const row = page.getByTestId('review-table').locator(`tr[data-measure="${MEASURE}"]`, { hasText: 'VPD' })
    await expectVisible(row)
    await checkScreen(page, 'review-list')
    await checkScreenNarrow(page, 'review-list')
    await row.getByRole('link', { name: /Izskatīt/ }).click()
    await expectPath(page, /^\/review\/\d+$/)
    await expectText(page.getByTestId('review'), 'divi semināri Rīgā')
    await checkScreen(page, 'review')
    await checkScreenNarrow(page, 'review')
    await page.getByRole('button', { name: 'Apstiprināt un nodot koordinatoram' }).click()
    await page.getByRole('button', { name: 'Jā, apstiprināt' }).click()
    await expectText(page.getByTestId('review').getByTestId('state-badge'), 'Ministrija apstiprinājusi')
    expect(errors).toEqual([])
    await context.close()
  })

  it('the IeM plan coordinator accepts it, sets the status with a reason and sees the dashboard change', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    await page.goto('/')
    await expectPath(page, /^\/plans\/\d+$/)
    const dashboardPath = new URL(page.url()).pathname
    const before = await doneCount(page)

    await page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Izskatīšana' }).click()
    const row = page.getByTestId('review-table').locator(`tr[data-measure="${MEASURE}"]`, { hasText: 'VPD' })
    await expectText(row, 'Ministrija apstiprinājusi')
    await row.getByRole('link', { name: /Izskatīt/ }).click()
    await page.getByRole('button', { name: 'Pieņemt', exact: true }).click()
    await page.getByRole('button', { name: 'Jā, pieņemt' }).click()
    await expectVisible(page.getByTestId('accepted-next'))
    await page.getByRole('link', { name: 'Iestatīt pasākuma statusu' }).click()

    await expectPath(page, /^\/measures\/\d+$/)
    // The proposed status is preselected; accepted evidence exists, so no warning is shown.
    expect(await page.getByRole('radio', { name: 'Izpildīts', exact: true }).isChecked()).toBe(true)
    expect(await page.getByTestId('no-evidence-warning').count()).toBe(0)
    await page.getByLabel('Statusa maiņas pamatojums').fill('VPD ziņojums pieņemts; mācības pabeigtas un pierādītas.')
    // The assessment was written for "daļēji": the new status asks for it to be reviewed.
    await expectText(page.getByTestId('assessment-review'), 'Statuss mainīts — pārskatiet vērtējumu')
    await page.getByLabel('Izpildes novērtējums').fill('Izpildīts: VPD mācības pabeigtas, pierādījumi pieņemti.')
    await checkScreen(page, 'measure-status')
    await page.getByRole('button', { name: 'Saglabāt statusu' }).click()
    await expectText(page.getByTestId('status-history'), 'mācības pabeigtas un pierādītas')
    await expectText(page.locator('.status-line'), 'Izpildīts')
    await expectText(page.locator('#progress-heading + *, section[aria-labelledby=progress-heading]').last(), 'divi semināri Rīgā')
    await checkScreen(page, 'measure')
    await checkScreenNarrow(page, 'measure')

    await page.goto(dashboardPath)
    doneAfter = await doneCount(page)
    expect(doneAfter).toBe(before + 1)
    await expectText(page.getByRole('region', { name: 'Pēdējās izmaiņas' }), 'mainīja pasākuma statusu')
    await checkScreen(page, 'dashboard')
    await checkScreenNarrow(page, 'dashboard')
    expect(errors).toEqual([])
    await context.close()
  })

  it('the plan coordinator writes a conclusion and downloads the DOCX with it', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    await page.goto('/')
    await expectPath(page, /^\/plans\/\d+$/)
    await expectVisible(page.getByTestId('status-counts'))
    await page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Ziņojums' }).click()
    await expectPath(page, /^\/plans\/\d+\/report$/)
    await expectText(page.getByTestId('summary-sentence'), `izpildīti ir ${doneAfter} pasākum`)
    // The conclusions section of the report's outline: written in its editor, autosaved, in the live preview.
    await page.getByRole('textbox', { name: 'Teksts: Secinājumi' }).click()
    await page.keyboard.type(CONCLUSION)
    await expectText(page.getByTestId('report-preview'), CONCLUSION)
    await expectText(page.getByTestId('save-status'), /Saglabāts \d{2}:\d{2}/, 30_000)
    await checkScreen(page, 'report')
    await checkScreenNarrow(page, 'report')

    // Export runs the check first; the demo plan has findings (measures not rated yet), so export anyway.
    await page.getByTestId('download-docx').click()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-anyway').click()])
    expect(download.suggestedFilename()).toMatch(/\.docx$/)
    const bytes = readFileSync((await download.path())!)
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')
    expect(docxDocumentXml(bytes)).toContain(CONCLUSION)
    expect(errors).toEqual([])
    await context.close()
  })

  it('the reporter sees the accepted submission read-only', async () => {
    const { context, page } = await loginAs(browser, 'vpdReporter')
    await page.goto(submissionPath)
    await expectText(page.getByTestId('state-badge'), 'Pieņemts')
    expect(await page.getByLabel('Izpildes gaitas apraksts').count()).toBe(0)
    await context.close()
  })
})
