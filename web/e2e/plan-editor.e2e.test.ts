// The plan editor (issue #11): the Interior Ministry's plan coordinator builds a small plan from
// nothing in the browser — creates the draft, adds two action lines and three measures (their
// institutions picked by typing, with the keyboard), moves one measure with the keyboard and one by
// dragging it into the other line, renumbers, activates the plan and opens a reporting round on it.
// Checked on the screens and in the API's structure; a reporter does not see the draft until it
// is activated.
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Measure, PlanListItem, PlanStructure, RoundListItem } from '@apt/shared'
import { checkScreen, launchBrowser, loginAs, watchErrors, type Session } from './support/browser'
import { expectPath, expectText, expectVisible } from './support/assert'
import { apiAs, dayFromToday, retirePlans } from './support/api'

const SUFFIX = Date.now().toString(36)
const CODE = `E2E-RED-${SUFFIX}`
const TITLE = `Noziedzības novēršanas e2e plāns ${SUFFIX}`
const LINES = [
  { title: 'Noziedzīgu nodarījumu novēršana', goal: 'Mazināt noziedzību sabiedriskās vietās.' },
  { title: 'Starpinstitūciju sadarbība', goal: 'Iestādes rīkojas saskaņoti.' },
]
const M_PATROL = 'Pastiprināt patrulēšanu sabiedriskās vietās'
const M_GUIDE = 'Izstrādāt vadlīnijas par prevencijas pasākumiem'
const M_PROBATION = 'Nodrošināt probācijas klientu uzraudzības pilnveidi'

const lines = (page: Page) => page.getByTestId('editor-line')
const numbersIn = (line: Locator) => line.getByTestId('measure-number').allInnerTexts()
const measureRow = (page: Page, title: string) => page.getByTestId('editor-measure').filter({ hasText: title })
const chipsOf = (combobox: Locator) =>
  combobox.evaluate((input) =>
    [...(input.closest('.picker')?.querySelectorAll('.picker-chip') ?? [])].map((c) => c.getAttribute('data-code')),
  )

/** Types into an institution picker and chooses the highlighted match with Enter. */
async function pickByTyping(combobox: Locator, text: string) {
  await combobox.focus()
  await combobox.pressSequentially(text)
  await expect.poll(() => combobox.getAttribute('aria-expanded')).toBe('true')
  await combobox.press('Enter')
}

/** Fills the measure form that is open and saves it. */
async function fillMeasure(
  page: Page,
  fields: { number: string; title: string; responsible: string[]; involved?: string[]; deadline: string; due: string; result: string },
) {
  const form = page.getByTestId('measure-form')
  await expectVisible(form)
  // The form proposes the line's next number.
  expect(await form.getByLabel('Numurs', { exact: true }).inputValue()).toBe(fields.number)
  await form.getByLabel('Numurs avota dokumentā').fill(`${fields.number}.`)
  await form.getByLabel('Pasākums', { exact: true }).fill(fields.title)
  const responsible = form.getByRole('combobox', { name: 'Atbildīgās iestādes', exact: true })
  for (const text of fields.responsible) await pickByTyping(responsible, text)
  const involved = form.getByRole('combobox', { name: 'Līdzatbildīgās (iesaistītās) iestādes' })
  for (const text of fields.involved ?? []) await pickByTyping(involved, text)
  await form.getByLabel('Izpildes termiņš (kā rakstīts plānā)').fill(fields.deadline)
  await form.getByLabel('Termiņa datums').fill(fields.due)
  await form.getByLabel('Darbības rezultāts').fill(fields.result)
  await form.getByLabel('Rezultatīvais rādītājs').fill(`Rādītājs: ${fields.result.toLowerCase()}`)
  return form
}

async function addLine(page: Page, number: string, line: (typeof LINES)[number]) {
  await page.getByTestId('add-line').click()
  const form = page.getByTestId('line-form')
  await expectVisible(form)
  expect(await form.getByLabel('Numurs').inputValue()).toBe(number)
  await form.getByLabel('Nosaukums').fill(line.title)
  await form.getByLabel('Mērķis').fill(line.goal)
  await form.getByRole('button', { name: 'Saglabāt' }).click()
  await expectText(
    lines(page)
      .nth(Number(number) - 1)
      .getByRole('heading', { level: 3 }),
    `${number}. ${line.title}`,
  )
}

describe('the plan editor', () => {
  let browser: Browser
  let session: Session
  let page: Page
  let errors: string[]
  let planId = 0

  beforeAll(async () => {
    browser = await launchBrowser()
    session = await loginAs(browser, 'planCoordinator')
    page = session.page
    errors = watchErrors(page)
  })
  afterAll(async () => {
    await session?.context.close()
    await browser?.close()
    if (planId) await retirePlans([planId])
  })

  it('creates a draft plan with its coordinator preselected, and opens its editor', async () => {
    await page.goto('/plans')
    await page.getByTestId('new-plan').click()
    await expectPath(page, /^\/plans\/new$/)
    const coordinator = page.getByRole('combobox', { name: 'Koordinējošā iestāde' })
    await expect.poll(() => chipsOf(coordinator)).toEqual(['IeM'])
    await page.getByLabel('Plāna kods').fill(CODE)
    await page.getByLabel('Plāna nosaukums').fill(TITLE)
    await page.getByLabel('Perioda sākums').fill('2025-01-01')
    await page.getByLabel('Perioda beigas').fill('2027-12-31')
    await page.getByLabel('Apstiprināts ar').fill('Ministru kabineta 2025. gada 7. janvāra rīkojums Nr. 5')
    await page.getByLabel('Ziņojuma iesniegšanas termiņš').fill('2028-03-01')
    await page.getByLabel('Politikas plānošanas dokuments').fill('Iekšlietu nozares attīstības pamatnostādnes')
    await page.getByLabel('Plāna mērķis').fill('Mazināt noziedzību un vairot drošības sajūtu.')
    await checkScreen(page, 'plan-new')
    await page.getByRole('button', { name: 'Izveidot melnrakstu' }).click()

    await expectPath(page, /^\/plans\/\d+\/edit$/)
    planId = Number(/\/plans\/(\d+)\/edit/.exec(new URL(page.url()).pathname)![1])
    await expectText(page.getByRole('heading', { level: 1 }), TITLE)
    await expectText(page.getByTestId('plan-state'), 'Sagatavošanā')
    await expectText(page.getByTestId('plan-life'), 'ziņotāji to neredz')
    // A draft without action lines cannot be activated yet, but the button is there for its coordinator.
    await expectVisible(page.getByTestId('plan-activate'))
  })

  it('adds two action lines and three measures, institutions chosen by typing and the keyboard', async () => {
    await addLine(page, '1', LINES[0]!)
    await addLine(page, '2', LINES[1]!)

    // 1.1: two responsible institutions and an involved one, by a word of their names; a budget line.
    await lines(page).nth(0).getByRole('button', { name: 'Pievienot pasākumu rīcības virzienam 1' }).click()
    const form = await fillMeasure(page, {
      number: '1.1',
      title: M_PATROL,
      responsible: ['policija', 'robežs'],
      involved: ['pašvald'],
      deadline: '2025. gada 31. decembris',
      due: '2025-12-31',
      result: 'Patrulēšana pastiprināta',
    })
    const responsible = form.getByRole('combobox', { name: 'Atbildīgās iestādes', exact: true })
    expect(await chipsOf(responsible)).toEqual(['VP', 'VRS'])
    await form.getByLabel('Finansējums (kā rakstīts plānā)').fill('Valsts budžeta ietvaros; ES fondi 46 000 EUR')
    await form.getByRole('button', { name: 'Pievienot finansējuma rindu' }).click()
    const budget = form.getByRole('group', { name: '1. finansējuma rinda' })
    await budget.getByLabel('Summa, EUR').fill('46 000')
    await budget.getByLabel('Avots').selectOption('eu_funds')
    await budget.getByLabel('Gads').fill('2025')
    await budget.getByLabel('Piešķirts').selectOption('yes')
    await pickByTyping(budget.getByRole('combobox', { name: 'Iestāde' }), 'VP')
    await budget.getByLabel('Budžeta programma').fill('Valsts policija')
    await checkScreen(page, 'plan-editor-measure-form')
    await form.getByRole('button', { name: 'Saglabāt' }).click()
    await expectVisible(measureRow(page, M_PATROL))

    // 1.2: the arrows move through the matches; what is highlighted is what Enter chooses.
    await lines(page).nth(0).getByRole('button', { name: 'Pievienot pasākumu rīcības virzienam 1' }).click()
    const second = await fillMeasure(page, {
      number: '1.2',
      title: M_GUIDE,
      responsible: [],
      deadline: '2026. gada 30. jūnijs',
      due: '2026-06-30',
      result: 'Vadlīnijas izstrādātas',
    })
    const picker = second.getByRole('combobox', { name: 'Atbildīgās iestādes', exact: true })
    await picker.focus()
    await picker.pressSequentially('valsts')
    await expect.poll(() => picker.getAttribute('aria-expanded')).toBe('true')
    const firstActive = await picker.getAttribute('aria-activedescendant')
    await picker.press('ArrowDown')
    const activeId = await picker.getAttribute('aria-activedescendant')
    expect(activeId).not.toBe(firstActive)
    const chosen = await page.locator(`[id="${activeId}"]`).getAttribute('data-code')
    await picker.press('Enter')
    expect(await chipsOf(picker)).toEqual([chosen])
    // Escape closes the list; Backspace in the empty field takes the last chip back.
    await picker.pressSequentially('iekšl')
    await expect.poll(() => picker.getAttribute('aria-expanded')).toBe('true')
    await picker.press('Escape')
    await expect.poll(() => picker.getAttribute('aria-expanded')).toBe('false')
    await picker.press('Escape')
    expect(await picker.inputValue()).toBe('')
    await picker.press('Backspace')
    expect(await chipsOf(picker)).toEqual([])
    await pickByTyping(picker, 'iekšlietu')
    expect(await chipsOf(picker)).toEqual(['IeM'])
    await second.getByRole('button', { name: 'Saglabāt' }).click()
    await expectVisible(measureRow(page, M_GUIDE))

    // 2.1 in the second line.
    await lines(page).nth(1).getByRole('button', { name: 'Pievienot pasākumu rīcības virzienam 2' }).click()
    const third = await fillMeasure(page, {
      number: '2.1',
      title: M_PROBATION,
      responsible: ['vpd'],
      deadline: 'Pastāvīgi',
      due: '2027-12-31',
      result: 'Uzraudzība pilnveidota',
    })
    await third.getByRole('button', { name: 'Saglabāt' }).click()
    await expectVisible(measureRow(page, M_PROBATION))

    expect(await numbersIn(lines(page).nth(0))).toEqual(['1.1', '1.2'])
    expect(await numbersIn(lines(page).nth(1))).toEqual(['2.1'])
    await expectText(measureRow(page, M_PATROL), 'Valsts policija, Valsts robežsardze')

    const coordinator = await apiAs('planCoordinator')
    const { body: structure } = await coordinator.request<PlanStructure>('GET', `/api/plans/${planId}/structure`)
    const patrol = structure.actionLines[0]!.measures[0]!
    const { status, body: measure } = await coordinator.request<Measure>('GET', `/api/measures/${patrol.id}`)
    expect(status).toBe(200)
    expect(measure).toMatchObject({
      number: '1.1',
      sourceRef: '1.1.',
      responsible: ['VP', 'VRS'],
      involved: ['PASV'],
      deadline: { text: '2025. gada 31. decembris', due: '2025-12-31' },
      expectedResult: 'Patrulēšana pastiprināta',
    })
    expect(measure.budget?.lines).toEqual([
      { amountEur: 46000, source: 'eu_funds', institution: 'VP', programme: 'Valsts policija', year: 2025, granted: true },
    ])
  })

  it('moves a measure with the keyboard and another by dragging it into the other line, then renumbers', async () => {
    // Keyboard: 1.2 up, by Enter on its button; the focus stays with the moved measure.
    await page.getByRole('button', { name: 'Pārvietot pasākumu 1.2 augšup' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => numbersIn(lines(page).nth(0))).toEqual(['1.2', '1.1'])
    await expectText(page.getByTestId('editor-announcement'), 'Pasākums 1.2 pārvietots: tagad 1. vietā rīcības virzienā 1.')
    await expect
      .poll(() =>
        page.evaluate(
          () => document.activeElement?.closest('[data-measure-id]')?.querySelector('[data-testid="measure-number"]')?.textContent,
        ),
      )
      .toBe('1.2')

    // Drag: 1.1 onto the top half of 2.1, so it lands first in the second line.
    await measureRow(page, M_PATROL)
      .getByTestId('measure-handle')
      .dragTo(measureRow(page, M_PROBATION), { targetPosition: { x: 60, y: 6 } })
    await expect.poll(() => numbersIn(lines(page).nth(1))).toEqual(['1.1', '2.1'])
    expect(await numbersIn(lines(page).nth(0))).toEqual(['1.2'])

    // Renumber, after a confirmation that says what it does.
    await page.getByTestId('renumber').click()
    const dialog = page.getByRole('dialog', { name: 'Pārnumurēt visu plānu?' })
    await expectText(dialog, 'tieši tādā secībā, kādā tie pašlaik redzami')
    await checkScreen(page, 'plan-editor-renumber-dialog')
    await dialog.getByRole('button', { name: 'Pārnumurēt' }).click()
    await expect.poll(() => numbersIn(lines(page).nth(1))).toEqual(['2.1', '2.2'])
    expect(await numbersIn(lines(page).nth(0))).toEqual(['1.1'])
    await expectText(measureRow(page, M_GUIDE).getByTestId('measure-number'), '1.1')
    await expectText(measureRow(page, M_PATROL).getByTestId('measure-number'), '2.1')

    const coordinator = await apiAs('planCoordinator')
    const { status, body } = await coordinator.request<PlanStructure>('GET', `/api/plans/${planId}/structure`)
    expect(status).toBe(200)
    expect(body.plan.state).toBe('draft')
    expect(body.actionLines.map((l) => [l.number, l.title, l.measures.map((m) => [m.number, m.title, m.responsible])])).toEqual([
      ['1', LINES[0]!.title, [['1.1', M_GUIDE, ['IeM']]]],
      [
        '2',
        LINES[1]!.title,
        [
          ['2.1', M_PATROL, ['VP', 'VRS']],
          ['2.2', M_PROBATION, ['VPD']],
        ],
      ],
    ])

    await checkScreen(page, 'plan-editor')
  })

  it('says so when someone else changed a measure meanwhile, and reloads instead of overwriting', async () => {
    const coordinator = await apiAs('planCoordinator')
    const { body: structure } = await coordinator.request<PlanStructure>('GET', `/api/plans/${planId}/structure`)
    const guide = structure.actionLines[0]!.measures[0]!
    const changed = await coordinator.request('PATCH', `/api/measures/${guide.id}`, { version: guide.version, indicator: 'Mainīts citur' })
    expect(changed.status, JSON.stringify(changed.body)).toBe(200)

    await page.getByRole('button', { name: 'Pārvietot pasākumu 1.1 lejup' }).click()
    const conflict = page.getByTestId('editor-conflict')
    await expectText(conflict, 'Plānu vai pasākumu kāds tikko mainīja — ielādējiet no jauna')
    // Nothing moved.
    expect(await numbersIn(lines(page).nth(0))).toEqual(['1.1'])
    const { body: after } = await coordinator.request<Measure>('GET', `/api/measures/${guide.id}`)
    expect([after.actionLine.number, after.indicator]).toEqual(['1', 'Mainīts citur'])
    await conflict.getByRole('button', { name: 'Ielādēt no jauna' }).click()
    await expect.poll(() => conflict.count()).toBe(0)
    expect(await numbersIn(lines(page).nth(0))).toEqual(['1.1'])
  })

  it('keeps the draft from reporters', async () => {
    const reporter = await apiAs('vpReporter')
    const { body: list } = await reporter.request<PlanListItem[]>('GET', '/api/plans')
    expect(list.map((p) => p.code)).not.toContain(CODE)
    expect((await reporter.request('GET', `/api/plans/${planId}/structure`)).status).toBe(404)

    const { context, page: reporterPage } = await loginAs(browser, 'vpReporter')
    await reporterPage.goto('/plans')
    await expectVisible(reporterPage.locator('.plan-list'))
    expect(await reporterPage.getByText(TITLE).count()).toBe(0)
    await context.close()
  })

  it('activates the plan after saying what that means, and opens a reporting round on it', async () => {
    await page.getByTestId('plan-activate').click()
    const dialog = page.getByRole('dialog', { name: 'Aktivizēt plānu?' })
    await expectText(dialog, 'to redzēs visi lietotāji, arī ziņotāji')
    await dialog.getByRole('button', { name: 'Aktivizēt' }).click()
    await expectText(page.getByTestId('plan-state'), 'Apstiprināts')
    await expectVisible(page.getByTestId('plan-close'))
    expect(await page.getByTestId('plan-activate').count()).toBe(0)

    const roundTitle = `Ziņojums par 2025. gadu ${SUFFIX}`
    await page.goto('/admin/rounds')
    await page.locator('#round-plan').selectOption({ label: `${CODE} — ${TITLE}` })
    await expectText(page.getByRole('group', { name: 'Par kuriem pasākumiem jāziņo' }), '3 pasākumi')
    await page.locator('#r-title').fill(roundTitle)
    await page.locator('#r-period').fill('2025')
    await page.locator('#r-due').fill(dayFromToday(30))
    await page.getByRole('button', { name: 'Atvērt kārtu' }).click()
    await expectText(page.getByTestId('rounds-table'), roundTitle)

    const coordinator = await apiAs('planCoordinator')
    const { body: rounds } = await coordinator.request<RoundListItem[]>('GET', `/api/plans/${planId}/rounds`)
    expect(rounds.map((r) => [r.title, r.state, r.measureCount])).toEqual([[roundTitle, 'open', 3]])
    const { body: plan } = await coordinator.request<PlanStructure>('GET', `/api/plans/${planId}/structure`)
    expect(plan.plan.state).toBe('active')

    const reporter = await apiAs('vpReporter')
    const { body: list } = await reporter.request<PlanListItem[]>('GET', '/api/plans')
    expect(list.find((p) => p.code === CODE)?.state).toBe('active')
    expect(errors).toEqual([])
  })

  it('asks an active plan’s amendments for their reason: a measure excluded by an act, then restored', async () => {
    await page.goto(`/plans/${planId}/edit`)
    await expectText(page.getByTestId('plan-state'), 'Apstiprināts')
    const row = measureRow(page, M_PROBATION)
    await row.getByRole('button', { name: 'Izslēgt ar grozījumiem pasākumu 2.2' }).click()
    const dialog = page.getByRole('dialog', { name: 'Izslēgt pasākumu 2.2 ar grozījumiem?' })
    await dialog.getByRole('button', { name: 'Izslēgt ar grozījumiem' }).click()
    // Act, date and reason are all required here.
    await expectText(dialog, 'Norādiet aktu, ar kuru pasākums izslēgts.')
    await expectText(dialog, 'Norādiet grozījuma pamatojumu.')
    await dialog.getByLabel('Grozījumu akts').fill('Ministru kabineta 2025. gada 4. marta rīkojums Nr. 120')
    await dialog.getByLabel('Akta datums').fill('2025-03-04')
    await dialog.getByLabel('Grozījuma pamatojums').fill('Pasākums apvienots ar 2.1')
    await dialog.getByRole('button', { name: 'Izslēgt ar grozījumiem' }).click()
    await expectText(
      row.getByTestId('excluded-note'),
      'Izslēgts (Ministru kabineta 2025. gada 4. marta rīkojums Nr. 120, 2025. gada 4. marts)',
    )

    const coordinator = await apiAs('planCoordinator')
    const { body } = await coordinator.request<PlanStructure>('GET', `/api/plans/${planId}/structure`)
    expect(body.actionLines[1]!.measures[1]!.excluded).toEqual({
      act: 'Ministru kabineta 2025. gada 4. marta rīkojums Nr. 120',
      date: '2025-03-04',
    })

    await row.getByRole('button', { name: 'Atjaunot pasākumu 2.2' }).click()
    const restore = page.getByRole('dialog', { name: 'Atjaunot pasākumu 2.2?' })
    await restore.getByLabel('Grozījuma pamatojums').fill('Apvienošana atcelta')
    await restore.getByRole('button', { name: 'Atjaunot' }).click()
    await expect.poll(() => row.getByTestId('excluded-note').count()).toBe(0)
    const { body: restored } = await coordinator.request<PlanStructure>('GET', `/api/plans/${planId}/structure`)
    expect(restored.actionLines[1]!.measures[1]!.excluded).toBeNull()
    expect(errors).toEqual([])
  })
})
