// The report editor (issue 14), on a copy of the demo plan of its own: the plan's coordinator adds
// a numbered section, writes a bulleted list with bold text, a footnote and a 2×2 table, and sees
// them in the live preview as real elements (<ul>, <strong>, <table>, a footnote marker) while the
// chapter numbers shift (moved with the keyboard); the autosaved text survives a reload; a second,
// stale tab gets the conflict message and keeps its text; text typed just before switching to
// another plan's report is saved into its own plan; a save the server refuses (too long, too large)
// says what to do; a table stops at the schema's limits and a wider pasted one is fitted; the check before export lists findings
// that link to their measures; exporting (anyway) adds the file to the export history, which
// downloads it again; the approving act's point typed in the settings is cited in the preview's
// opening at once and saved; axe finds no serious or critical problem on the page.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportResult, PlanDocument, ReportExportList, ReportNarrative } from '@apt/shared'
import { checkScreen, launchBrowser, loginAs, watchErrors } from './support/browser'
import { expectPath, expectText, expectVisible } from './support/assert'
import { apiAs, retirePlans, type ApiClient } from './support/api'

const SUFFIX = Date.now().toString(36)
const CODE = `E2E-REP-${SUFFIX}`
const SECTION = 'Tiesiskais pamats'

const previewHeadings = (page: Page) => page.getByTestId('report-preview').getByTestId('preview-heading').allInnerTexts()
const sectionEditor = (page: Page, title = SECTION) => page.getByRole('textbox', { name: `Teksts: ${title}` })
// Saving waits for the server, which may be slow under load: a wait, not a timed assertion.
const savedStatus = (page: Page) => expectText(page.getByTestId('save-status'), /Saglabāts \d{2}:\d{2}/, 30_000)

describe('the report editor', () => {
  let browser: Browser
  let coordinator: ApiClient
  let planId = 0
  /** A second copy, to switch to. */
  let otherPlanId = 0

  beforeAll(async () => {
    browser = await launchBrowser()
    coordinator = await apiAs('planCoordinator')
    // A copy of the demo plan (its measures, progress and money), so this file's sections and exports touch no other test's data.
    const { body: plans } = await coordinator.request<{ id: number; code: string }[]>('GET', '/api/plans')
    const demo = plans.find((p) => p.code === 'BNN-2023-2024')!
    const { body: document } = await coordinator.request<PlanDocument>('GET', `/api/plans/${demo.id}/export`)
    document.plan.code = CODE
    const imported = await coordinator.request<ImportResult>('POST', '/api/plans/import', document)
    expect(imported.status, JSON.stringify(imported.body)).toBe(201)
    planId = imported.body.id
    document.plan.code = `${CODE}-B`
    const other = await coordinator.request<ImportResult>('POST', '/api/plans/import', document)
    expect(other.status, JSON.stringify(other.body)).toBe(201)
    otherPlanId = other.body.id
  })

  afterAll(async () => {
    if (planId) await retirePlans([planId, otherPlanId].filter((id) => id > 0))
    await browser?.close()
  })

  it('a numbered section with a bulleted list, bold text, a footnote and a table shows in the preview, and the chapters renumber', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    await page.goto(`/plans/${planId}/report`)
    await expectVisible(page.getByTestId('report-preview'))
    const before = await previewHeadings(page)
    expect(before[0]).toMatch(/^1\. /)
    expect(before.at(-1)).toMatch(/^\d+\. Finansējums$/)

    // A new section after the summary (before the implementation chapter): blank, so not printed yet.
    const summary = page.getByTestId('outline-part-summary')
    const addAfterSummary = page.getByRole('button', { name: /^\+ Pievienot sadaļu šeit \(pēc „Kopsavilkums”\)$/ })
    await expectVisible(summary)
    await addAfterSummary.click()
    const title = page.getByTestId('outline-section').getByLabel('Sadaļas nosaukums').and(page.locator(':focus'))
    await expectVisible(title)
    await title.fill(SECTION)
    const section = page.getByTestId('outline-section').filter({ has: page.getByRole('heading', { name: SECTION }) })
    await expectVisible(section.getByTestId('not-printed'))
    expect(await previewHeadings(page)).toEqual(before)

    // The text: a bulleted item with a bold start, then a paragraph with a footnote, then a 2×2 table.
    const editor = sectionEditor(page)
    await editor.click()
    await section.getByTestId('tool-bulletList').click()
    expect(await section.getByTestId('tool-bulletList').getAttribute('aria-pressed')).toBe('true')
    await section.getByTestId('tool-bold').click()
    await page.keyboard.type('Svarīgs punkts')
    await section.getByTestId('tool-bold').click()
    await page.keyboard.type(' un tā pamatojums')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Likums nosaka kārtību')
    await section.getByTestId('tool-footnote').click()
    await section.getByTestId('rich-editor-prompt').fill('Valsts pārvaldes iekārtas likums.')
    await section.getByTestId('rich-editor-prompt').press('Enter')
    await page.keyboard.type('.')
    await page.keyboard.press('Enter')
    await section.getByTestId('tool-table').click()
    for (const [i, cell] of ['A1', 'B1', 'A2', 'B2'].entries()) {
      if (i > 0) await page.keyboard.press('Tab')
      await page.keyboard.type(cell)
    }

    // The preview, as the user typed: the section is chapter 1 now, the implementation 2.
    const preview = page.getByTestId('report-preview')
    await expect
      .poll(() => previewHeadings(page))
      .toEqual([`1. ${SECTION}`, ...before.map((h) => h.replace(/^(\d+)\./, (_, n) => `${Number(n) + 1}.`))])
    const written = preview.getByTestId('preview-section').filter({ hasText: SECTION })
    await expectText(written.locator('ul > li strong'), 'Svarīgs punkts')
    await expectText(written.getByTestId('footnote-marker'), '1')
    await expectText(written.getByTestId('footnotes'), 'Valsts pārvaldes iekārtas likums.')
    expect(await written.locator('table tr').count()).toBe(2)
    expect(await written.locator('table tr:first-child td').allInnerTexts()).toEqual(['A1', 'B1'])
    expect(await written.locator('table tr:last-child td').allInnerTexts()).toEqual(['A2', 'B2'])
    await expectVisible(section.getByRole('heading', { name: `1. ${SECTION}` }))
    expect(await section.getByTestId('not-printed').count()).toBe(0)

    // Moved down past the implementation with the keyboard: the focus stays on the button, the numbers swap.
    // (Four places: past the evaluation, the overview, the method and the implementation.)
    await section.getByTestId('move-down').focus()
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Enter')
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('move-down')
    }
    await expect.poll(async () => (await previewHeadings(page))[1]).toBe(`2. ${SECTION}`)
    expect((await previewHeadings(page))[0]).toBe(before[0])

    // Autosaved: the same after a reload, and in the API as JSON (never HTML).
    await savedStatus(page)
    const { body: saved } = await coordinator.request<ReportNarrative>('GET', `/api/plans/${planId}/report`)
    const entry = saved.content.outline.find((e) => e.kind === 'text' && e.title === SECTION)
    expect(JSON.stringify(entry)).toContain('{"type":"footnote","attrs":{"text":"Valsts pārvaldes iekārtas likums."}}')
    expect(JSON.stringify(entry)).toContain('"marks":[{"type":"bold"}]')
    await page.reload()
    await expectVisible(page.getByTestId('report-preview'))
    await expectText(sectionEditor(page), 'Svarīgs punkts un tā pamatojums')
    expect((await previewHeadings(page))[1]).toBe(`2. ${SECTION}`)
    await expectText(page.getByTestId('report-preview').getByTestId('preview-section').filter({ hasText: SECTION }).locator('table'), 'B2')

    await checkScreen(page, 'report-editor')
    expect(errors).toEqual([])
    await context.close()
  })

  it('a second tab that is behind gets the conflict message and keeps its text', async () => {
    const { context, page: first } = await loginAs(browser, 'planCoordinator')
    const second = await context.newPage()
    for (const page of [first, second]) {
      await page.goto(`/plans/${planId}/report`)
      await expectVisible(sectionEditor(page))
    }
    await sectionEditor(first).click()
    await first.keyboard.press('Control+End')
    await first.keyboard.type(' Pirmā cilne.')
    await savedStatus(first)

    await sectionEditor(second).click()
    await second.keyboard.press('Control+End')
    await second.keyboard.type(' Otrā cilne.')
    const conflict = second.getByTestId('conflict')
    await expectText(conflict, 'Kāds cits saglabāja ziņojumu')
    await expectText(sectionEditor(second), 'Otrā cilne.')
    await conflict.getByText('Salīdzināt atšķirīgās sadaļas').click()
    expect(await conflict.getByLabel('Jūsu teksts').first().inputValue()).toContain('Otrā cilne.')
    expect(await conflict.getByLabel('Saglabātais teksts').first().inputValue()).toContain('Pirmā cilne.')

    await conflict.getByTestId('conflict-reload').click()
    await expectText(sectionEditor(second), 'Pirmā cilne.')
    expect(await second.getByTestId('conflict').count()).toBe(0)
    await context.close()
  })

  it('text typed just before switching to another plan’s report is saved into its own plan, not the other', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    const financingEditor = page.getByRole('textbox', { name: 'Jūsu teksts pēc finansējuma skaitļiem' })
    await page.goto(`/plans/${planId}/report`)
    await expectVisible(financingEditor)
    const { body: otherBefore } = await coordinator.request<ReportNarrative>('GET', `/api/plans/${otherPlanId}/report`)

    await financingEditor.click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' Pirms pārslēgšanās.')
    // Straight on to the other plan's report in the app (the same page, a new plan id), before the autosave's pause ends.
    await page.evaluate(
      (path) =>
        (
          document.querySelector('#app') as unknown as {
            __vue_app__: { config: { globalProperties: { $router: { push(p: string): Promise<unknown> } } } }
          }
        ).__vue_app__.config.globalProperties.$router.push(path),
      `/plans/${otherPlanId}/report`,
    )
    await expectPath(page, new RegExp(`^/plans/${otherPlanId}/report$`))
    await expectText(page.locator('.page-header .eyebrow'), `${CODE}-B`)
    await expectVisible(financingEditor)
    expect(await financingEditor.innerText()).not.toContain('Pirms pārslēgšanās.')

    // Saved into the plan it was typed in (before the page switched), and nothing was written to the other.
    const { body: mine } = await coordinator.request<ReportNarrative>('GET', `/api/plans/${planId}/report`)
    expect(JSON.stringify(mine.content.financing)).toContain('Pirms pārslēgšanās.')
    const { body: otherAfter } = await coordinator.request<ReportNarrative>('GET', `/api/plans/${otherPlanId}/report`)
    expect(otherAfter.version).toBe(otherBefore.version)
    expect(JSON.stringify(otherAfter.content)).not.toContain('Pirms pārslēgšanās.')

    // Typing in the other plan now saves there.
    await financingEditor.click()
    await page.keyboard.type('Otrā plāna teksts.')
    await savedStatus(page)
    const { body: otherSaved } = await coordinator.request<ReportNarrative>('GET', `/api/plans/${otherPlanId}/report`)
    expect(JSON.stringify(otherSaved.content.financing)).toContain('Otrā plāna teksts.')
    expect(JSON.stringify((await coordinator.request<ReportNarrative>('GET', `/api/plans/${planId}/report`)).body.content)).not.toContain(
      'Otrā plāna teksts.',
    )
    expect(errors).toEqual([])
    await context.close()
  })

  it('a save the server refuses says what to do: a paragraph too long, a report too large; shortened, it saves', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    const financingEditor = page.getByRole('textbox', { name: 'Jūsu teksts pēc finansējuma skaitļiem' })
    await page.goto(`/plans/${otherPlanId}/report`)
    await expectVisible(financingEditor)
    const saveError = page.getByTestId('save-error')
    /** Pastes plain text into the financing text, as the clipboard would. */
    const paste = (text: string) =>
      financingEditor.evaluate((element, value) => {
        const data = new DataTransfer()
        data.setData('text/plain', value)
        element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
      }, text)
    const clear = async () => {
      await financingEditor.click()
      await page.keyboard.press('Control+A')
      await page.keyboard.press('Delete')
    }

    // One paragraph of 120 000 characters: the schema's limit is 100 000 a run.
    await clear()
    await paste('Garš teksts bez rindkopām. '.repeat(4500))
    await expectText(saveError, 'Teksts pēc finansējuma skaitļiem: rindkopa ir pārāk gara', 30_000)
    await expectText(saveError, 'sadaliet to vairākās rindkopās')
    await clear()
    await savedStatus(page)
    expect(await saveError.count()).toBe(0)

    // Over a megabyte in many paragraphs: more than the server takes in one request.
    await paste(Array.from({ length: 400 }, (_, i) => `${i + 1}. rindkopa. ${'Ielīmēts teksts. '.repeat(180)}`).join('\n'))
    await expectText(saveError, 'Ziņojums ir par lielu, lai to saglabātu', 30_000)
    await expectText(saveError.getByTestId('save-error-largest'), /Teksts pēc finansējuma skaitļiem — 1,\d MB/)
    await clear()
    await savedStatus(page)
    expect(await saveError.count()).toBe(0)
    const { body: saved } = await coordinator.request<ReportNarrative>('GET', `/api/plans/${otherPlanId}/report`)
    expect(JSON.stringify(saved.content.financing ?? '')).not.toContain('Ielīmēts teksts.')
    // The browser logs the refused requests itself; the page adds no errors of its own.
    expect(errors).toEqual([])
    await context.close()
  })

  it('a table stops at the schema’s limits: no column past the 20th, and a wider pasted table is fitted with its text kept', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    const editor = page.getByRole('textbox', { name: 'Jūsu teksts pēc finansējuma skaitļiem' })
    const block = page.locator('.rich-editor').filter({ has: editor })
    await page.goto(`/plans/${otherPlanId}/report`)
    await expectVisible(editor)
    await editor.click()
    await page.keyboard.press('Control+A')
    await page.keyboard.press('Delete')

    // A 2 × 2 table widened column by column: at 20 the button is disabled and says why.
    await block.getByTestId('tool-table').click()
    const addColumn = block.getByTestId('tool-addColumn')
    for (let i = 0; i < 18; i++) await addColumn.click()
    expect(await editor.locator('table tr').first().locator('td, th').count()).toBe(20)
    expect(await addColumn.isDisabled()).toBe(true)
    expect(await addColumn.getAttribute('aria-label')).toBe('Pievienot kolonnu: tabulā jau ir 20 kolonnas, vairāk nevar')
    await savedStatus(page)

    // A pasted table of 25 columns: fitted to 20, the last cell keeps the rest, and the editor says so.
    await page.keyboard.press('Control+A')
    await page.keyboard.press('Delete')
    const cells = Array.from({ length: 25 }, (_, c) => `<td>Š${c + 1}</td>`).join('')
    await editor.evaluate((element, html) => {
      const data = new DataTransfer()
      data.setData('text/html', html)
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    }, `<table><tr>${cells}</tr><tr>${cells}</tr></table>`)
    await expectText(block.getByTestId('table-notice'), 'Tabulā var būt ne vairāk kā 500 rindas un 20 kolonnas')
    expect(await editor.locator('table tr').first().locator('td, th').count()).toBe(20)
    await expectText(editor.locator('table tr').first().locator('td, th').last(), 'Š25')
    await savedStatus(page)
    const { body: saved } = await coordinator.request<ReportNarrative>('GET', `/api/plans/${otherPlanId}/report`)
    const table = saved.content.financing!.content.find((b) => b.type === 'table')!
    expect(table.type === 'table' && table.content.map((row) => row.content.length)).toEqual([20, 20])
    expect(JSON.stringify(table)).toContain('Š25')
    expect(await page.getByTestId('save-error').count()).toBe(0)
    expect(errors).toEqual([])
    await context.close()
  })

  it('the check lists findings linked to their measures; export anyway adds the file to the history', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    await page.goto(`/plans/${planId}/report`)
    const check = page.getByTestId('report-check')
    await expectText(check.getByTestId('check-summary'), /Piezīmes: \d+/)
    const { body: exportsBefore } = await coordinator.request<ReportExportList>('GET', `/api/plans/${planId}/report/exports`)

    // Export: the check runs again and offers to export anyway.
    await page.getByTestId('download-docx').click()
    const anyway = check.getByTestId('export-anyway')
    await expectText(anyway, 'Eksportēt tik un tā')
    const [download] = await Promise.all([page.waitForEvent('download'), anyway.click()])
    expect(download.suggestedFilename()).toMatch(/\.docx$/)
    const rows = page.getByTestId('history-row')
    await expect.poll(() => rows.count()).toBe(exportsBefore.items.length + 1)
    const { body: exportsAfter } = await coordinator.request<ReportExportList>('GET', `/api/plans/${planId}/report/exports`)
    const newest = exportsAfter.items[0]!
    await expectText(rows.first().getByTestId('history-sha'), newest.sha256.slice(0, 12))
    expect((await rows.first().getByTestId('history-sha').innerText()).trim()).toHaveLength(12)
    const again = await page.request.get((await rows.first().getByTestId('history-download').getAttribute('href'))!)
    expect(again.status()).toBe(200)
    expect((await again.body()).subarray(0, 2).toString('latin1')).toBe('PK')

    // A finding's link opens its measure.
    await check.locator('summary').first().click()
    const finding = check.getByTestId('check-finding').first()
    const link = finding.getByRole('link')
    const href = await link.getAttribute('href')
    expect(href).toMatch(/^\/measures\/\d+$/)
    await link.click()
    await expectPath(page, /^\/measures\/\d+$/)
    await expectVisible(page.locator('h1'))
    expect(await page.getByRole('heading', { name: 'Lapa nav atrasta' }).count()).toBe(0)
    await context.close()
  })
  it('the approving act’s point typed in the settings is cited in the preview’s opening at once and saved; a point not written as acts cite it is not', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    const savedPoint = async () =>
      (await coordinator.request<ReportNarrative>('GET', `/api/plans/${planId}/report`)).body.content.settings.reportingPoint ?? null
    await page.goto(`/plans/${planId}/report`)
    const opening = page.getByTestId('report-preview').getByTestId('preview-opening')
    await expectText(opening, /rīkojumu Nr\. 156, kurā noteikts, ka Iekšlietu ministrija/)
    const field = page.getByRole('textbox', { name: 'Apstiprināšanas akta punkts par ziņojuma iesniegšanu' })

    // Not as acts cite points: said so, and neither printed nor saved.
    await field.fill('5. punkts')
    await expectText(page.locator('#reporting-point-hint'), /Rakstiet punktu tā, kā to min normatīvajos aktos/)
    expect(await field.getAttribute('aria-invalid')).toBe('true')
    await expectText(opening, /rīkojumu Nr\. 156, kurā noteikts/)

    // "5.": the opening cites it at once, as seed 001 does, and the autosave keeps it.
    await field.fill('5.')
    await expectText(opening, /rīkojuma Nr\. 156 5\. punktu, kurā noteikts, ka Iekšlietu ministrija sagatavo/)
    await expect.poll(savedPoint, { timeout: 30_000 }).toBe('5.')
    await page.reload()
    await expectText(opening, /rīkojuma Nr\. 156 5\. punktu, kurā noteikts/)
    expect(await field.inputValue()).toBe('5.')

    // Cleared: the act alone again.
    await field.fill('')
    await expectText(opening, /rīkojumu Nr\. 156, kurā noteikts/)
    await expect.poll(savedPoint, { timeout: 30_000 }).toBeNull()
    expect(errors).toEqual([])
    await context.close()
  })
})
