// Import problems a person can act on (issue 15, item 2). The administrator imports the demo plan's
// document with five planted errors of different kinds — a date as people write it, an unknown
// institution, a measure number used twice, an institution its own parent, a period that ends
// before it starts — and sees all five at once, in Latvian, in an error summary above the form that
// takes the focus and links to each measure's group ("II rīcības virziens → 2.5. pasākums"); in
// English after the switch. The plan coordinator imports a survey with two planted errors and sees
// each where a person reads the survey. axe at 1280 and 390 px.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanDocument, SurveyDocument } from '@apt/shared'
import { checkScreen, checkScreenNarrow, launchBrowser, loginAs, watchErrors } from './support/browser'
import { expectText, expectVisible } from './support/assert'
import { apiAs } from './support/api'

const asFile = (name: string, doc: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) })

/** The group of the problems of one part of the document, by its heading. */
const group = (page: Page, title: string) => page.locator(`[data-group="${title}"]`)

describe('import problems', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('a plan with five planted errors lists all five in Latvian at once, grouped by measure', async () => {
    const admin = await apiAs('admin')
    const { body: plans } = await admin.request<{ id: number; code: string }[]>('GET', '/api/plans')
    const demo = plans.find((p) => p.code === 'BNN-2023-2024')!
    const { body: doc } = await admin.request<PlanDocument>('GET', `/api/plans/${demo.id}/export`)
    doc.plan.code = `E2E-FIVE-${Date.now().toString(36).toUpperCase()}`
    const measure = (number: string) => doc.plan.actionLines.flatMap((l) => l.measures).find((m) => m.number === number)!
    measure('2.5').deadline = { text: '2024. gada 31. decembris', due: '31.12.2024' }
    measure('1.2').responsible.push('NOPE')
    measure('3.2').number = '3.1'
    doc.institutions.push({ code: 'LOOP', name: 'Apļa iestāde', kind: 'agency', parent: 'LOOP' })
    doc.plan.period = { start: '2024-12-31', end: '2023-01-01' }

    const { context, page } = await loginAs(browser, 'admin')
    const errors = watchErrors(page)
    await page.goto('/admin/import')
    await page.getByTestId('import-file').setInputFiles(asFile('plāns.json', doc))

    const summary = page.getByTestId('import-problems-summary')
    await expectText(summary, 'Atrastas 5 problēmas')
    // The summary takes the focus, as the GOV.UK error summary does, and sits above the form.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-problems-summary')
    const [summaryBox, formBox] = await Promise.all([summary.boundingBox(), page.locator('#json-import-heading').boundingBox()])
    expect(summaryBox!.y).toBeLessThan(formBox!.y)

    // All five, each where a person reads the plan, worded in Latvian.
    await expectText(group(page, 'II rīcības virziens → 2.5. pasākums'), 'Izpildes termiņš: datumam jābūt formā GGGG-MM-DD')
    await expectText(group(page, 'I rīcības virziens → 1.2. pasākums'), 'Atbildīgā institūcija: nezināma institūcija „NOPE”')
    await expectText(group(page, 'III rīcības virziens → 3.1. pasākums'), 'Numurs: numurs „3.1” atkārtojas')
    await expectText(
      group(page, 'Iestāde „LOOP”'),
      'Augstākā institūcija: institūcija „LOOP” caur augstākajām institūcijām kļūst pati sev augstākā',
    )
    await expectText(group(page, 'Plāns'), 'Perioda beigas: perioda beigas ir pirms sākuma')
    expect(await page.locator('.problem-list li').count()).toBe(5)
    // No validator's English, no path counted from 0 as the place.
    expect(await page.getByTestId('import-errors').innerText()).not.toMatch(/must match|must be|must NOT/)

    // The summary links to each group; following one puts the focus there.
    const links = summary.getByRole('link')
    expect(await links.count()).toBe(5)
    await summary.getByRole('link', { name: 'II rīcības virziens → 2.5. pasākums' }).click()
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-group')))
      .toBe('II rīcības virziens → 2.5. pasākums')

    await checkScreen(page, 'import-problems-plan')
    await checkScreenNarrow(page, 'import-problems-plan')

    // The same problems in the UI's other language, at once.
    await page.getByRole('button', { name: 'EN — English' }).click()
    await expectText(summary, '5 problems found')
    await expectText(group(page, 'Action line II → measure 2.5'), 'Deadline: the date must be written as YYYY-MM-DD')
    await page.getByRole('button', { name: 'LV — latviešu valoda' }).click()
    await expectText(summary, 'Atrastas 5 problēmas')

    const { body: after } = await admin.request<{ code: string }[]>('GET', '/api/plans')
    expect(after.map((p) => p.code)).not.toContain(doc.plan.code)
    expect(errors).toEqual([])
    await context.close()
  })

  it('a survey’s problems are listed in Latvian with their place in the survey', async () => {
    const coordinator = await apiAs('planCoordinator')
    const { body: surveys } = await coordinator.request<{ id: number; code: string }[]>('GET', '/api/surveys')
    const demo = surveys.find((s) => s.code === 'PASV-PREV-2025')!
    const { body: doc } = await coordinator.request<SurveyDocument>('GET', `/api/surveys/${demo.id}/export`)
    doc.survey.code = `E2E-SURVEY-${Date.now().toString(36).toUpperCase()}`
    doc.survey.dueDate = '31.03.2025'
    const responder = doc.responses![2]!
    responder.answers.frequency = { value: 'daily' }

    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    await page.goto('/surveys')
    await page.getByTestId('survey-import-toggle').click()
    await page.getByTestId('survey-import-file').setInputFiles(asFile('aptauja.json', doc))

    const summary = page.getByTestId('import-problems-summary')
    await expectText(summary, 'Atrastas 2 problēmas')
    await expectText(group(page, 'Aptauja'), 'Termiņš: datumam jābūt formā GGGG-MM-DD')
    await expectText(
      group(page, `Atbilde no „${responder.institution}” → 4. jautājums`),
      'Atbilde: „daily” nav šī jautājuma atbilžu variants',
    )
    await expectVisible(page.getByTestId('survey-import-errors'))
    await checkScreen(page, 'import-problems-survey')
    await checkScreenNarrow(page, 'import-problems-survey')
    expect(errors).toEqual([])
    await context.close()
  })
})
