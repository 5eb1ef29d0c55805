// Issue 12's whole flow in the browser: the plan coordinator builds a three-question survey in
// the builder for Rīga and Alūksne and opens it; Rīga's reporter, on a 390 px phone, finds it in
// "Mans darbs", answers (yes/no, a number written "1 234,5", a long text), sees the draft
// autosaved and submits; the coordinator codes the text answer on the coding screen and downloads
// report.docx from the results. Another
// municipality's reporter gets 403 on Rīga's response and a clear message in the browser. A
// second survey, past its due date, is still answered (marked late), and a draft changed
// elsewhere stops autosaving and keeps the user's unsaved text to copy.
import type { Browser, Locator, Page } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkScreen, checkScreenNarrow, launchBrowser, loginAs, MOBILE, watchErrors } from './support/browser'
import { expectPath, expectText, expectVisible } from './support/assert'
import { apiAs, dayFromToday, type ApiClient } from './support/api'
import { docxDocumentXml } from './support/files'

interface Survey {
  id: number
  code: string
  title: string
  version: number
  state: string
}
interface ResponseView {
  state: string
  late: boolean
  version: number
  answers: Record<string, { value: unknown; other?: string | null; codes?: string[] }>
  missingRequired: string[]
}
interface QuestionResult {
  id: string
  answered: number
  options?: { id: string; count: number; institutions: string[] }[]
  categories?: { id: string; count: number; institutions: string[] }[]
  sum?: number | null
  texts?: { institution: string; text: string; codes: string[] }[]
}

const stamp = Date.now().toString(36).toUpperCase()
const TITLE = `Pašvaldību drošības padomes ${stamp}`
const Q_COUNCIL = 'Vai pašvaldībā darbojas drošības padome?'
const Q_BUDGET = 'Cik eiro pašvaldība 2025. gadā piešķīra noziedzības novēršanai?'
const Q_PROBLEMS = 'Kādi ir galvenie šķēršļi sadarbībai ar policiju?'
const PROBLEMS_TEXT = 'Trūkst kopīgu apmācību un informācijas apmaiņas.\nPolicijas iecirknis ir tālu.'

const HELP = 'Padome, komisija vai cita regulāra sanāksme.'
/** The same three questions as the API takes them (for the late survey, made through the API). */
const QUESTIONS = [
  { id: 'council', type: 'yes_no', text: Q_COUNCIL, required: true, help: HELP },
  { id: 'budget', type: 'number', text: Q_BUDGET, unit: 'EUR', required: true },
  { id: 'problems', type: 'text', text: Q_PROBLEMS, long: true, required: true },
]
/** The builder numbers its questions q1, q2, q3. */
const ID = { council: 'q1', budget: 'q2', problems: 'q3' }

/** Types into an institution picker and chooses the highlighted match with Enter. */
async function pickByTyping(combobox: Locator, text: string) {
  await combobox.focus()
  await combobox.pressSequentially(text)
  await expect.poll(() => combobox.getAttribute('aria-expanded')).toBe('true')
  await combobox.press('Enter')
}

function ok<T>(result: { status: number; body: T }, what: string, expected = [200, 201]): T {
  if (!expected.includes(result.status)) throw new Error(`${what}: ${result.status} ${JSON.stringify(result.body)}`)
  return result.body
}

/**
 * A survey made and opened through the API (the builder's own e2e test covers the builder's
 * screens): the coordinator's steps, create then open.
 */
async function openSurvey(
  coordinator: ApiClient,
  fields: { code: string; title: string; dueDate: string; audience: string[]; questions: unknown[] },
): Promise<Survey> {
  const created = ok(
    await coordinator.request<Survey>('POST', '/api/surveys', {
      code: fields.code,
      coordinator: 'IeM',
      title: fields.title,
      period: '2025',
      dueDate: fields.dueDate,
      audience: fields.audience,
      sections: [{ title: 'Sadarbība ar policiju', questions: fields.questions }],
    }),
    'creating the survey',
  )
  return ok(await coordinator.request<Survey>('POST', `/api/surveys/${created.id}/open`, { version: created.version }), 'opening it')
}

/** The question's box on the answering form. */
const question = (page: Page, id: string) => page.locator(`[data-question="${id}"]`)

describe('answering a survey', () => {
  let browser: Browser
  let survey: Survey
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    const coordinator = await apiAs('planCoordinator')
    if (survey) {
      const { body: current } = await coordinator.request<Survey>('GET', `/api/surveys/${survey.id}`)
      if (current.state === 'open') await coordinator.request('POST', `/api/surveys/${survey.id}/close`, { version: current.version })
    }
    await browser?.close()
  })

  it('the coordinator builds a three-question survey for Rīga and Alūksne in the builder and opens it', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    await page.goto('/surveys/new')
    const form = page.getByTestId('survey-header-form')
    await form.getByLabel('Kods', { exact: true }).fill(`E2E-ANS-${stamp}`)
    await form.getByLabel('Nosaukums', { exact: true }).fill(TITLE)
    await form.getByLabel('Periods', { exact: true }).fill('2025')
    await form.getByLabel('Atbildēt līdz', { exact: true }).fill(dayFromToday(14))
    await form.getByLabel('Izvēlētas pašvaldības').check()
    const municipalities = form.getByRole('combobox', { name: 'Pašvaldības', exact: true })
    await pickByTyping(municipalities, 'Rīga')
    await pickByTyping(municipalities, 'Alūksnes')
    await form.getByTestId('survey-header-submit').click()
    await expectPath(page, /^\/surveys\/\d+$/)
    const id = Number(/\/surveys\/(\d+)/.exec(new URL(page.url()).pathname)![1])

    const builder = page.getByTestId('questionnaire-builder')
    await builder.getByTestId('add-section').click()
    const section = builder.getByTestId('builder-section')
    await section.getByTestId('section-title').fill('Sadarbība ar policiju')
    // A new section starts with a yes/no question.
    const questions = page.getByTestId('question-editor')
    await questions.nth(0).getByTestId('question-text').fill(Q_COUNCIL)
    await questions.nth(0).getByLabel('Paskaidrojums').fill(HELP)
    await questions.nth(0).getByTestId('question-required').check()
    await section.getByTestId('new-question-type').selectOption('number')
    await section.getByTestId('add-question').click()
    await questions.nth(1).getByTestId('question-text').fill(Q_BUDGET)
    await questions.nth(1).getByLabel('Mērvienība').fill('EUR')
    await questions.nth(1).getByTestId('question-required').check()
    await section.getByTestId('new-question-type').selectOption('text')
    await section.getByTestId('add-question').click()
    await questions.nth(2).getByTestId('question-text').fill(Q_PROBLEMS)
    await questions.nth(2).getByTestId('question-long').check()
    await questions.nth(2).getByTestId('question-required').check()
    await builder.getByTestId('save-questionnaire').click()
    await expectText(page.getByTestId('builder-status'), 'Visas izmaiņas saglabātas.')

    await page.getByTestId('survey-open').click()
    await page.getByTestId('editor-dialog').getByRole('button', { name: 'Atvērt aptauju' }).click()
    await expectText(page.getByTestId('survey-state'), 'Atvērta')
    expect(errors).toEqual([])
    await context.close()

    const coordinator = await apiAs('planCoordinator')
    survey = ok(await coordinator.request<Survey>('GET', `/api/surveys/${id}`), 'reading the survey')
    expect(survey.state).toBe('open')
    const built = (survey as Survey & { sections: { questions: { id: string; type: string; required?: boolean }[] }[] }).sections
    expect(built[0]!.questions.map((q) => [q.id, q.type, q.required])).toEqual([
      [ID.council, 'yes_no', true],
      [ID.budget, 'number', true],
      [ID.problems, 'text', true],
    ])
  })

  it('Rīga’s reporter answers it on a phone: finds it in Mans darbs, autosaves, submits', async () => {
    const { context, page } = await loginAs(browser, 'rigaReporter', { viewport: MOBILE })
    const errors = watchErrors(page)
    await page.goto('/')
    await page.waitForURL((url) => url.pathname === '/my-work')
    const row = page.getByTestId('my-surveys-table').locator(`tr[data-survey="${survey.code}"]`)
    await expectText(row, TITLE)
    await expectText(row, 'Nav sākta')
    await checkScreenNarrow(page, 'my-work-surveys')
    await row.getByRole('link', { name: `Atbildēt — ${TITLE}` }).click()
    await page.waitForURL((url) => url.pathname === `/surveys/${survey.id}/answer/RIGA`)
    await expectText(page.getByRole('heading', { level: 1 }), TITLE)
    await expectText(page.getByTestId('required-summary'), 'Vēl jāatbild uz 3 obligātajiem jautājumiem')
    await checkScreenNarrow(page, 'survey-answer')

    // Submitting too early: the summary takes the focus and links to each required question.
    await page.getByRole('button', { name: 'Iesniegt atbildes' }).click()
    const summary = page.getByTestId('required-summary')
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true)
    await expectText(summary, 'Pirms iesniegšanas atbildiet uz obligātajiem jautājumiem')
    await checkScreen(page, 'survey-answer-missing')
    await summary.getByRole('link', { name: Q_BUDGET }).click()
    const budget = page.getByLabel(new RegExp(Q_BUDGET.replace(/[.?]/g, '\\$&')))
    await expect.poll(() => budget.evaluate((el) => el === document.activeElement)).toBe(true)
    await expectText(question(page, ID.budget), 'Atbildiet uz šo obligāto jautājumu.')

    // Yes/no by keyboard: Space on the focused radio chooses it.
    const council = page.getByRole('group', { name: new RegExp(Q_COUNCIL.replace(/\?/g, '\\?')) })
    await council.getByLabel('Jā', { exact: true }).focus()
    await page.keyboard.press('Space')
    await expect.poll(() => council.getByLabel('Jā', { exact: true }).isChecked()).toBe(true)
    expect(await council.getAttribute('aria-describedby')).toContain(`q-${ID.council}-help`)

    // A number that is not one is said so plainly; the Latvian way is read.
    await budget.fill('12 eiro')
    await expectText(question(page, ID.budget), 'Tas nav skaitlis')
    expect(await budget.getAttribute('aria-invalid')).toBe('true')
    expect(await budget.getAttribute('inputmode')).toBe('decimal')
    await budget.fill('1 234,5')
    await expect.poll(async () => (await question(page, ID.budget).innerText()).includes('Tas nav skaitlis')).toBe(false)

    await page.getByLabel(new RegExp(Q_PROBLEMS.replace(/\?/g, '\\?'))).fill(PROBLEMS_TEXT)
    await expectText(page.getByTestId('save-status'), /Saglabāts \d{2}:\d{2}/, 15_000)
    await expectText(page.getByTestId('required-summary'), 'Uz visiem obligātajiem jautājumiem ir atbildēts')

    // The draft is on the server as typed: a boolean, 1234.5 and the text.
    const riga = await apiAs('rigaReporter')
    await expect
      .poll(async () => (await riga.request<ResponseView>('GET', `/api/surveys/${survey.id}/responses/RIGA`)).body.answers, {
        timeout: 10_000,
      })
      .toEqual({ [ID.council]: { value: true }, [ID.budget]: { value: 1234.5 }, [ID.problems]: { value: PROBLEMS_TEXT } })
    const { body: draft } = await riga.request<ResponseView>('GET', `/api/surveys/${survey.id}/responses/RIGA`)
    expect(draft.state).toBe('draft')
    expect(draft.missingRequired).toEqual([])

    // My work shows the draft; the form comes back with the number written the Latvian way.
    await page.goto('/my-work')
    await expectText(page.getByTestId('my-surveys-table').locator(`tr[data-survey="${survey.code}"]`), 'Melnraksts')
    await page
      .getByTestId('my-surveys-table')
      .getByRole('link', { name: `Turpināt — ${TITLE}` })
      .click()
    await expect.poll(() => page.getByLabel(new RegExp(Q_BUDGET.replace(/[.?]/g, '\\$&'))).inputValue()).toMatch(/^1\s234,5$/)

    await page.getByRole('button', { name: 'Iesniegt atbildes' }).click()
    await expectVisible(page.getByRole('heading', { name: 'Iesniegt atbildes?' }))
    await checkScreen(page, 'survey-answer-confirm')
    await page.getByTestId('confirm-submit').click()
    await expectText(page.getByTestId('submitted-note'), 'Atbildes iesniegtas')
    await expectText(page.getByTestId('response-state'), 'Iesniegta')
    // Read-only now: the answers as text, no inputs.
    await expectText(question(page, ID.budget), /1\s234,5 EUR/)
    await expectText(question(page, ID.council), 'Jā')
    expect(await page.locator('[data-testid=survey-answer] input, [data-testid=survey-answer] textarea').count()).toBe(0)
    await checkScreenNarrow(page, 'survey-answer-submitted')

    const { body: submitted } = await riga.request<ResponseView>('GET', `/api/surveys/${survey.id}/responses/RIGA`)
    expect(submitted.state).toBe('submitted')
    expect(submitted.late).toBe(false)
    expect(errors).toEqual([])
    await context.close()
  })

  it('another municipality’s reporter cannot see Rīga’s response: 403, and a clear message', async () => {
    const aluksne = await apiAs('aluksneReporter')
    const refused = await aluksne.request<{ code: string }>('GET', `/api/surveys/${survey.id}/responses/RIGA`)
    expect(refused.status).toBe(403)
    expect(
      (
        await aluksne.request('PUT', `/api/surveys/${survey.id}/responses/RIGA`, {
          version: 0,
          answers: { [ID.council]: { value: false } },
        })
      ).status,
    ).toBe(403)

    const { context, page } = await loginAs(browser, 'aluksneReporter')
    await page.goto(`/surveys/${survey.id}/answer/RIGA`)
    await expectText(page.getByTestId('response-forbidden'), 'Šī atbilde jums nav pieejama')
    await expectText(page.getByTestId('response-forbidden'), 'pieder citai iestādei')
    await checkScreen(page, 'survey-answer-forbidden')
    await context.close()
  })

  it('the coordinator codes the text answer on the coding screen and downloads report.docx', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    // First Rīga's submitted answers, as the coordinator reads them (and may reopen them).
    await page.goto(`/surveys/${survey.id}/answer/RIGA`)
    await expectText(page.getByTestId('submitted-note'), 'Atbildes iesniegtas')
    await expectText(question(page, ID.problems), 'Trūkst kopīgu apmācību')
    await expectVisible(page.getByTestId('reopen'))

    await page.goto(`/surveys/${survey.id}/results`)
    await page.locator(`[data-question-id="${ID.problems}"]`).getByTestId('to-coding').click()
    await expectPath(page, new RegExp(`/coding/${ID.problems}$`))
    for (const label of ['Kopīgu apmācību trūkums', 'Attālums līdz policijai']) {
      await page.getByTestId('new-category').fill(label)
      await page.getByTestId('new-category').press('Enter')
      await expectText(page.getByTestId('coding-categories'), label)
    }
    const answer = page.getByTestId('coding-answer').filter({ hasText: 'Rīga' })
    await expectText(answer, 'Trūkst kopīgu apmācību')
    await answer.focus()
    await page.keyboard.press('1')
    await page.keyboard.press('2')
    await expect.poll(() => answer.locator('button[aria-pressed="true"]').count()).toBe(2)
    await expectText(answer.getByTestId('save-status'), 'Saglabāts')

    const coordinator = await apiAs('planCoordinator')
    const { body: results } = await coordinator.request<{ responded: number; notResponded: string[]; questions: QuestionResult[] }>(
      'GET',
      `/api/surveys/${survey.id}/results`,
    )
    expect(results.responded).toBe(1)
    expect(results.notResponded).toEqual(['ALUKSNES-NOV'])
    const byId = new Map(results.questions.map((q) => [q.id, q]))
    expect(byId.get(ID.council)?.options?.find((o) => o.id === 'yes')).toMatchObject({ count: 1, institutions: ['RIGA'] })
    expect(byId.get(ID.budget)?.sum).toBe(1234.5)
    expect(byId.get(ID.problems)?.categories?.map((c) => [c.count, c.institutions])).toEqual([
      [1, ['RIGA']],
      [1, ['RIGA']],
    ])

    await page.goto(`/surveys/${survey.id}/results`)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-docx').click()])
    expect(download.suggestedFilename()).toMatch(/\.docx$/)
    const bytes = readFileSync((await download.path())!)
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')
    const xml = docxDocumentXml(bytes)
    expect(xml).toContain(TITLE)
    expect(xml).toContain('Kopīgu apmācību trūkums')
    expect(errors).toEqual([])
    await context.close()
  })

  it('past the due date the form still takes the answers and marks them late; a change made elsewhere is never overwritten', async () => {
    const coordinator = await apiAs('planCoordinator')
    const late = await openSurvey(coordinator, {
      code: `E2E-LATE-${stamp}`,
      title: `Nokavēta aptauja ${stamp}`,
      dueDate: dayFromToday(-2),
      audience: ['ALUKSNES-NOV'],
      questions: [QUESTIONS[0], { id: 'notes', type: 'text', text: 'Piezīmes', required: false }],
    })
    try {
      const { context, page } = await loginAs(browser, 'aluksneReporter')
      const errors = watchErrors(page)
      await page.goto('/my-work')
      const row = page.getByTestId('my-surveys-table').locator(`tr[data-survey="${late.code}"]`)
      await expectText(row, 'Nokavēts')
      await row.getByRole('link', { name: /Atbildēt/ }).click()
      await expectText(page.getByTestId('late-notice'), 'Termiņš ir pagājis — atbilde tiks atzīmēta kā novēlota')

      const notes = page.locator('#q-notes-input')
      await notes.fill('Pirmā versija.')
      await expectText(page.getByTestId('save-status'), /Saglabāts \d{2}:\d{2}/, 15_000)

      // A colleague saves from elsewhere; what is typed here next is not saved over it.
      const aluksne = await apiAs('aluksneReporter')
      const { body: stored } = await aluksne.request<ResponseView>('GET', `/api/surveys/${late.id}/responses/ALUKSNES-NOV`)
      ok(
        await aluksne.request('PUT', `/api/surveys/${late.id}/responses/ALUKSNES-NOV`, {
          version: stored.version,
          answers: { notes: { value: 'Kolēģa versija.' } },
        }),
        'the colleague’s save',
      )
      await notes.fill('Mana otrā versija, ko nedrīkst pazaudēt.')
      await expectText(page.getByTestId('conflict'), 'Atbildes ir mainītas citur', 15_000)
      await expectText(page.getByTestId('unsaved'), 'Piezīmes')
      expect(await page.getByTestId('unsaved').locator('textarea').inputValue()).toBe('Mana otrā versija, ko nedrīkst pazaudēt.')
      await checkScreen(page, 'survey-answer-conflict')
      await page.getByTestId('conflict').getByRole('button', { name: 'Pārlādēt jaunāko versiju' }).click()
      await expect.poll(() => notes.inputValue()).toBe('Kolēģa versija.')
      expect(await page.getByTestId('conflict').count()).toBe(0)
      // The unsaved text stays to copy after the reload.
      expect(await page.getByTestId('unsaved').locator('textarea').inputValue()).toBe('Mana otrā versija, ko nedrīkst pazaudēt.')

      await page
        .getByRole('group', { name: new RegExp(Q_COUNCIL.replace(/\?/g, '\\?')) })
        .getByLabel('Nē', { exact: true })
        .check()
      await expectText(page.getByTestId('save-status'), /Saglabāts \d{2}:\d{2}/, 15_000)
      await page.getByRole('button', { name: 'Iesniegt atbildes' }).click()
      await expectText(page.locator('.confirm'), 'atbilde tiks atzīmēta kā novēlota')
      await page.getByTestId('confirm-submit').click()
      await expectText(page.getByTestId('submitted-note'), 'Atbilde iesniegta pēc termiņa')
      const { body: done } = await aluksne.request<ResponseView>('GET', `/api/surveys/${late.id}/responses/ALUKSNES-NOV`)
      expect(done).toMatchObject({
        state: 'submitted',
        late: true,
        answers: { council: { value: false }, notes: { value: 'Kolēģa versija.' } },
      })
      expect(errors).toEqual([])
      await context.close()
    } finally {
      const { body: current } = await coordinator.request<Survey>('GET', `/api/surveys/${late.id}`)
      if (current.state === 'open') await coordinator.request('POST', `/api/surveys/${late.id}/close`, { version: current.version })
    }
  })
})
