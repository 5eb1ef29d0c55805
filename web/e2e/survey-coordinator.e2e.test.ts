// The survey coordinator's screens (issue 12): the plan coordinator builds a three-question survey
// in the browser — yes/no, a single choice with "other", a long text — for two municipalities
// picked by typing, reorders a question with the keyboard, saves and opens it (confirmed). Rīga's
// reporter answers through the API; the coordinator sees the response rate and who has not
// answered, codes the text answer on the coding screen by keyboard only, reads the results with a
// narrative, downloads report.docx (a DOCX naming the survey) and closes the survey. axe on the
// list, builder (and its preview), results and coding screens, each also at 390 px.
import type { Browser, Locator, Page } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { QuestionCoding, Survey, SurveyListItem, SurveyResponseView, SurveyResults } from '@apt/shared'
import { checkScreen, checkScreenNarrow, launchBrowser, loginAs, watchErrors, type Session } from './support/browser'
import { expectPath, expectText, expectVisible } from './support/assert'
import { apiAs, apiLogin, dayFromToday, type ApiClient } from './support/api'
import { DEMO_PASSWORD } from './support/accounts'
import { docxDocumentXml } from './support/files'

const STAMP = Date.now().toString(36).toUpperCase()
const CODE = `E2E-APT-${STAMP}`
const IMPORT_CODE = `E2E-IMP-${STAMP}`
const TITLE = `Prevencijas sadarbība pašvaldībās ${STAMP}`
const Q_GROUP = 'Vai pašvaldībā darbojas sadarbības grupa?'
const Q_FREQUENCY = 'Cik bieži grupa sanāk?'
const Q_LACKING = 'Kā pietrūkst prevencijas darbā?'
const LACKING_TEXT = 'Trūkst finansējuma un speciālistu darbam ar jauniešiem.'
const NARRATIVE = 'Sadarbības grupa darbojas abās aptaujātajās pašvaldībās.'

function ok<T>(result: { status: number; body: T }, what: string, expected = [200, 201]): T {
  if (!expected.includes(result.status)) throw new Error(`${what}: ${result.status} ${JSON.stringify(result.body)}`)
  return result.body
}

/** Types into an institution picker and chooses the highlighted match with Enter. */
async function pickByTyping(combobox: Locator, text: string) {
  await combobox.focus()
  await combobox.pressSequentially(text)
  await expect.poll(() => combobox.getAttribute('aria-expanded')).toBe('true')
  await combobox.press('Enter')
}

const questionEditors = (page: Page) => page.getByTestId('question-editor')
const questionTexts = (page: Page) =>
  questionEditors(page).evaluateAll((nodes) =>
    nodes.map((n) => (n.querySelector('textarea[data-testid="question-text"]') as HTMLTextAreaElement).value),
  )

describe('the survey coordinator', () => {
  let browser: Browser
  let session: Session
  let page: Page
  let errors: string[]
  let coordinator: ApiClient
  let surveyId = 0

  beforeAll(async () => {
    browser = await launchBrowser()
    session = await loginAs(browser, 'planCoordinator')
    page = session.page
    errors = watchErrors(page)
    coordinator = await apiAs('planCoordinator')
  })
  afterAll(async () => {
    await session?.context.close()
    await browser?.close()
    // The imported draft goes; nothing stays open for the municipalities' "Mans darbs" in later tests.
    const { body: list } = await coordinator.request<{ id: number; code: string; version: number }[]>('GET', '/api/surveys')
    const imported = list?.find((s) => s.code === IMPORT_CODE)
    if (imported) await coordinator.request('DELETE', `/api/surveys/${imported.id}`, { version: imported.version })
    if (surveyId) {
      const { body } = await coordinator.request<Survey>('GET', `/api/surveys/${surveyId}`)
      if (body?.state === 'open') await coordinator.request('POST', `/api/surveys/${surveyId}/close`, { version: body.version })
    }
  })

  it('lists the surveys from the menu, with state and response rate', async () => {
    await page.goto('/')
    await page.getByRole('navigation', { name: 'Galvenā navigācija' }).getByRole('link', { name: 'Aptaujas' }).click()
    await expectPath(page, /^\/surveys$/)
    const list = page.getByTestId('survey-list')
    await expectVisible(list)
    // The demo survey (closed, 38 of 43) is there.
    await expectText(list.locator('[data-code="PASV-PREV-2025"]'), '38 no 43')
    await checkScreen(page, 'surveys-list')
    await checkScreenNarrow(page, 'surveys-list')
    expect(errors).toEqual([])
  })

  it('imports a survey/1 file: every problem listed with its path, then checked and imported as a draft', async () => {
    const doc = {
      format: 'survey/1',
      institutions: [],
      survey: {
        code: IMPORT_CODE,
        title: `Importēta aptauja ${STAMP}`,
        coordinator: 'IeM',
        audience: ['RIGA'],
        sections: [{ title: 'Sadaļa', questions: [{ id: 'q1', type: 'yes_no', text: 'Vai pašvaldībā ir drošības padome?' }] }],
      },
    }
    const broken = structuredClone(doc)
    broken.survey.sections[0]!.questions.push({ id: 'q1', type: 'yes_no', text: 'Otrs jautājums ar to pašu identifikatoru' })
    await page.getByTestId('survey-import-toggle').click()
    const file = page.getByTestId('survey-import-file')
    await file.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) })
    await expectText(page.getByTestId('survey-import-errors'), '/survey/sections/0/questions/1/id')
    await file.setInputFiles({ name: 'survey.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) })
    await expectText(page.getByTestId('survey-import-valid'), `Fails ir derīgs: aptauja ${IMPORT_CODE}`)
    await expectText(page.getByTestId('survey-import-valid'), '1 jautājums')
    await checkScreen(page, 'surveys-import')
    await page.getByTestId('survey-import-run').click()
    await expectVisible(page.getByTestId('survey-import-done'))
    await expectText(page.getByTestId('survey-list').locator(`[data-code="${IMPORT_CODE}"]`), 'Sagatavošanā')
    expect(errors).toEqual([])
  })

  it('creates a draft for two municipalities picked by typing', async () => {
    await page.getByTestId('new-survey').click()
    await expectPath(page, /^\/surveys\/new$/)
    const form = page.getByTestId('survey-header-form')
    await form.getByLabel('Kods', { exact: true }).fill(CODE)
    await form.getByLabel('Nosaukums', { exact: true }).fill(TITLE)
    await form.getByLabel('Periods', { exact: true }).fill('2025')
    await form.getByLabel('Atbildēt līdz', { exact: true }).fill(dayFromToday(30))
    await form.getByLabel('Izvēlētas pašvaldības').check()
    const municipalities = form.getByRole('combobox', { name: 'Pašvaldības', exact: true })
    await pickByTyping(municipalities, 'Rīga')
    await pickByTyping(municipalities, 'Alūksnes')
    await form.getByTestId('survey-header-submit').click()
    await expectPath(page, /^\/surveys\/\d+$/)
    surveyId = Number(/\/surveys\/(\d+)/.exec(new URL(page.url()).pathname)![1])
    await expectText(page.getByTestId('survey-state'), 'Sagatavošanā')
    const survey = ok(await coordinator.request<Survey>('GET', `/api/surveys/${surveyId}`), 'reading the draft')
    expect(survey.audience.map((a) => a.code).sort()).toEqual(['ALUKSNES-NOV', 'RIGA'])
    // The coordinator's own institution was preselected.
    expect(survey.coordinator).toBe('IeM')
    expect(errors).toEqual([])
  })

  it('builds three questions, reorders one by keyboard, and saves the questionnaire', async () => {
    const builder = page.getByTestId('questionnaire-builder')
    await builder.getByTestId('add-section').click()
    const section = builder.getByTestId('builder-section')
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('section-title')
    await page.keyboard.type('Sadarbība')

    // 1: yes/no (a new section starts with one), required.
    const first = questionEditors(page).nth(0)
    await first.getByTestId('question-text').fill(Q_GROUP)
    await first.getByTestId('question-required').check()

    // 2: a single choice with "other".
    await section.getByTestId('new-question-type').selectOption('single_choice')
    await section.getByTestId('add-question').click()
    const second = questionEditors(page).nth(1)
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('question-text')
    await page.keyboard.type(Q_FREQUENCY)
    const options = second.getByTestId('question-options').locator('input[type="text"]')
    await options.nth(0).fill('Reizi mēnesī')
    await options.nth(1).fill('Reizi ceturksnī')
    // Ids follow the labels.
    await expectText(second.getByTestId('question-options'), 'reizi_menesi')
    await second.getByTestId('question-other').check()

    // Saving with the "other" label empty names the problem first.
    await builder.getByTestId('save-questionnaire').click()
    await expectText(page.getByTestId('builder-problems'), 'Norādiet varianta “cits” nosaukumu.')
    await second.getByTestId('question-other-label').fill('Cits biežums')

    // 3: a long text.
    await section.getByTestId('new-question-type').selectOption('text')
    await section.getByTestId('add-question').click()
    const third = questionEditors(page).nth(2)
    await third.getByTestId('question-text').fill(Q_LACKING)
    await third.getByTestId('question-long').check()

    // Keyboard: the text question up one place (focus stays on its button), then back down.
    const up = third.locator('[data-move="up"]')
    await up.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => questionTexts(page)).toEqual([Q_GROUP, Q_LACKING, Q_FREQUENCY])
    await expectText(page.getByTestId('builder-announcement'), 'Jautājums pārvietots')
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-move'))).toBe('up')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect.poll(() => questionTexts(page)).toEqual([Q_GROUP, Q_FREQUENCY, Q_LACKING])

    await checkScreen(page, 'survey-builder')
    await checkScreenNarrow(page, 'survey-builder')

    await builder.getByTestId('save-questionnaire').click()
    await expectText(page.getByTestId('builder-status'), 'Visas izmaiņas saglabātas.')
    const saved = ok(await coordinator.request<Survey>('GET', `/api/surveys/${surveyId}`), 'reading the questionnaire')
    const questions = saved.sections[0]!.questions
    expect(questions.map((q) => [q.id, q.type])).toEqual([
      ['q1', 'yes_no'],
      ['q2', 'single_choice'],
      ['q3', 'text'],
    ])
    expect(questions[1]!.options).toEqual([
      { id: 'reizi_menesi', label: 'Reizi mēnesī' },
      { id: 'reizi_ceturksni', label: 'Reizi ceturksnī' },
    ])
    expect(questions[1]!.other).toEqual({ label: 'Cits biežums' })
    expect(questions[2]!.long).toBe(true)

    // The preview shows it as a respondent sees it.
    await builder.getByTestId('preview-toggle').click()
    const preview = page.getByTestId('survey-preview')
    await expectText(preview, Q_FREQUENCY)
    await expectVisible(preview.getByLabel('Cits biežums', { exact: false }))
    await checkScreen(page, 'survey-builder-preview')
    await builder.getByTestId('preview-toggle').click()
    expect(errors).toEqual([])
  })

  it('opens the survey after stating what it means', async () => {
    await page.getByTestId('survey-open').click()
    const dialog = page.getByTestId('editor-dialog')
    await expectText(dialog, 'Mans darbs')
    await dialog.getByRole('button', { name: 'Atvērt aptauju' }).click()
    await expectText(page.getByTestId('survey-state'), 'Atvērta')
    // Once open the responses panel lists both as not answered yet.
    await expectText(page.getByTestId('survey-responses'), 'Vēl nav atbildējuši 2 adresāti')
    expect(errors).toEqual([])
  })

  it('sees Rīga’s answer arrive and who has not answered', async () => {
    const riga = await apiLogin({ email: 'zinotajs@riga.demo.lv', password: DEMO_PASSWORD })
    const path = `/api/surveys/${surveyId}/responses/RIGA`
    const draft = ok(
      await riga.request<SurveyResponseView>('PUT', path, {
        version: 0,
        answers: { q1: { value: true }, q2: { value: 'reizi_menesi' }, q3: { value: LACKING_TEXT } },
      }),
      'saving Rīga’s answers',
    )
    ok(await riga.request('POST', `${path}/submit`, { version: draft.version }), 'submitting them')

    await page.getByTestId('responses-refresh').click()
    const panel = page.getByTestId('survey-responses')
    await expectText(panel, '1 no 2')
    await expectText(panel.getByTestId('not-responded'), 'Alūksnes novads')
    expect(await panel.getByTestId('not-responded').innerText()).not.toContain('Rīga')
    expect(errors).toEqual([])
  })

  it('codes the text answer by keyboard on the coding screen', async () => {
    await page.getByTestId('to-results').click()
    await expectPath(page, /\/results$/)
    await page.locator('[data-question-id="q3"]').getByTestId('to-coding').click()
    await expectPath(page, /\/coding\/q3$/)
    await expectText(page.getByRole('heading', { level: 1 }), Q_LACKING)

    for (const label of ['Finansējums', 'Speciālisti', 'Telpas']) {
      await page.getByTestId('new-category').fill(label)
      await page.getByTestId('new-category').press('Enter')
      await expectText(page.getByTestId('coding-categories'), label)
    }
    const answer = page.getByTestId('coding-answer').filter({ hasText: 'Rīga' })
    await expectText(answer, LACKING_TEXT)
    await expectText(page.getByTestId('coding-keys'), 'ieslēgt vai izslēgt kategoriju')

    // Keyboard only: to the answer, 1 and 2 tick the first two categories, 3 twice leaves the third off.
    await answer.focus()
    for (const key of ['1', '2', '3', '3']) await page.keyboard.press(key)
    await expect
      .poll(() => answer.locator('button[aria-pressed="true"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-category'))))
      .toEqual(['finansejums', 'specialisti'])
    await expectText(answer.getByTestId('save-status'), 'Saglabāts')
    await expectText(page.getByTestId('coding-category').filter({ hasText: 'Finansējums' }).getByTestId('category-count'), '1 atbilde')
    await expectText(page.getByTestId('coding-category').filter({ hasText: 'Telpas' }).getByTestId('category-count'), 'nav atbilžu')

    const coding = ok(
      await coordinator.request<QuestionCoding>('GET', `/api/surveys/${surveyId}/questions/q3/answers`),
      'reading the coding',
    )
    expect(coding.question.categories?.map((c) => c.id)).toEqual(['finansejums', 'specialisti', 'telpas'])
    expect(coding.answers.find((a) => a.institution === 'RIGA')?.codes).toEqual(['finansejums', 'specialisti'])

    await checkScreen(page, 'survey-coding')
    await checkScreenNarrow(page, 'survey-coding')
    expect(errors).toEqual([])
  })

  it('reads the results, writes a narrative, and downloads report.docx', async () => {
    await page.getByRole('navigation', { name: 'Atrašanās vieta' }).getByRole('link', { name: 'Rezultāti' }).click()
    await expectPath(page, /\/results$/)
    const rate = page.getByTestId('results-rate')
    await expectText(rate, '1 no 2')
    await expectText(rate.getByTestId('results-not-responded'), 'Alūksnes novads')

    const group = page.locator('[data-question-id="q1"]')
    await expectText(group.getByTestId('answered'), 'Atbildējuši: 1 no 1')
    await expectText(group.locator('[data-option="yes"]'), 'Rīga')
    expect(await group.locator('[data-option="yes"]').getByTestId('option-count').innerText()).toBe('1')
    const lacking = page.locator('[data-question-id="q3"]')
    await expectText(lacking.getByTestId('category-bars').locator('[data-option="finansejums"]'), 'Rīga')

    await group.getByTestId('narrative-edit').click()
    await group.getByTestId('narrative-text').fill(NARRATIVE)
    await group.getByTestId('narrative-save').click()
    await expectText(group.getByTestId('narrative'), NARRATIVE)
    const survey = ok(await coordinator.request<Survey>('GET', `/api/surveys/${surveyId}`), 'reading the narratives')
    expect(survey.narratives.q1).toBe(NARRATIVE)
    const results = ok(await coordinator.request<SurveyResults>('GET', `/api/surveys/${surveyId}/results`), 'reading the results')
    expect(results.responded).toBe(1)
    expect(results.notResponded).toEqual(['ALUKSNES-NOV'])

    await checkScreen(page, 'survey-results')
    await checkScreenNarrow(page, 'survey-results')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-docx').click()])
    expect(download.suggestedFilename()).toMatch(/\.docx$/)
    const bytes = readFileSync((await download.path())!)
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')
    const xml = docxDocumentXml(bytes)
    expect(xml).toContain(TITLE)
    expect(xml).toContain('Finansējums')
    expect(errors).toEqual([])
  })

  it('keeps the answered questionnaire to wording only, and closes the survey after saying who has not answered', async () => {
    await page.getByRole('navigation', { name: 'Atrašanās vieta' }).getByRole('link', { name: CODE }).click()
    await expectVisible(page.getByTestId('builder-locked'))
    await expect.poll(() => page.getByTestId('question-type').first().isDisabled()).toBe(true)
    expect(await page.getByTestId('add-section').count()).toBe(0)
    await page.getByTestId('survey-close').click()
    const dialog = page.getByTestId('editor-dialog')
    await expectText(dialog, 'Vēl nav atbildējis 1 adresāts.')
    await dialog.getByRole('button', { name: 'Slēgt aptauju' }).click()
    await expectText(page.getByTestId('survey-state'), 'Slēgta')
    expect(await page.getByTestId('save-questionnaire').count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('compares the demo survey’s next period with the previous one', async () => {
    const list = ok(await coordinator.request<SurveyListItem[]>('GET', '/api/surveys'), 'listing the surveys')
    const demo = list.find((s) => s.code === 'PASV-PREV-2025')!
    const copy = list.find((s) => s.copiedFromId === demo.id)
    expect(copy, 'the demo survey’s open copy').toBeDefined()
    await page.goto(`/surveys/${copy!.id}/results`)
    const rate = page.getByTestId('results-rate')
    await expectText(rate, 'Iepriekš (2023-2024): 38 no 43')
    const frequency = page.locator('[data-question-id="frequency"]')
    await expectText(frequency.getByTestId('option-bars').locator('thead'), '2023-2024')
    await checkScreen(page, 'survey-results-compared')
    expect(errors).toEqual([])
  })
})
