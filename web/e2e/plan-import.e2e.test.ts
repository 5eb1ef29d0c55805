// Plans from the files people have: the plan coordinator uploads the Cabinet order's annex as a
// Word document (built here with the docx library in the order's layout: the header row, a merged
// action-line row, measures, one naming an institution the registry does not know), sees the
// preview and the unknown institution, maps it with the picker, imports a draft and lands on it.
// And the plan workbook: downloaded from the dashboard (a real xlsx with the measures in it) and,
// unchanged, uploaded again to update the plan — which shows no differences; and an edited
// workbook updating a plan: the differences, a reason for the status change, applied.
import type { Browser } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx'
import { strFromU8, unzipSync } from 'fflate'
import ExcelJS from 'exceljs'
import type { ImportResult, MeasureListItem, PlanDocument } from '@apt/shared'
import { checkScreen, checkScreenNarrow, launchBrowser, loginAs, watchErrors } from './support/browser'
import { expectPath, expectText, expectVisible } from './support/assert'
import { apiAs, retirePlans } from './support/api'

const TITLE = 'Noziedzības novēršanas rīcības plāns 2025.–2027. gadam'
const HEADERS = ['Nr. p. k.', 'Pasākums', 'Atbildīgā institūcija', 'Līdzatbildīgās institūcijas', 'Izpildes termiņš', 'Finansējums']
const MEASURES = [
  [
    '1.1.',
    'Izstrādāt vadlīnijas pašvaldību policijai par darbu ar nepilngadīgajiem',
    'VP',
    'PASV',
    '2025. gada 31. decembris',
    'Valsts budžeta ietvaros',
  ],
  ['1.2.', 'Ieviest bērnu tiesību aizsardzības speciālistu apmācību programmu', 'VBTAI', 'VP', '2026.–2027. gads', '10 000 EUR'],
  ['1.3.', 'Nodrošināt probācijas klientu uzraudzības pilnveidi', 'VPD', '', 'Pastāvīgi', 'Esošā finansējuma ietvaros'],
]

const cell = (text: string, columnSpan?: number) =>
  new TableCell({ columnSpan, children: text.split('\n').map((line) => new Paragraph(line)) })

/** The Cabinet order's annex: a heading, then the plan table. */
async function cabinetOrderDocx(measures: string[][] = MEASURES): Promise<Buffer> {
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: HEADERS.map((h) => cell(h)) }),
      new TableRow({ children: [cell('1. Rīcības virziens: Noziedzīgu nodarījumu novēršana', HEADERS.length)] }),
      ...measures.map((m) => new TableRow({ children: m.map((text) => cell(text)) })),
    ],
  })
  const document = new Document({
    sections: [{ children: [new Paragraph({ text: TITLE, heading: HeadingLevel.HEADING_1 }), table] }],
  })
  return Packer.toBuffer(document)
}

/** An active plan of IeM's for the workbook update (the demo plan stays as it is for the other tests). */
const XLSX_PLAN: PlanDocument = {
  format: 'action-plan/1',
  institutions: [],
  plan: {
    code: 'E2E-XLSX-1',
    title: 'Darbgrāmatas e2e plāns',
    period: { start: '2025-01-01', end: '2026-12-31' },
    coordinator: 'IeM',
    actionLines: [
      {
        number: '1',
        title: 'Drošība ceļu satiksmē',
        measures: [
          { number: '1.1', title: 'Izveidot ātruma kontroles karti', responsible: ['VP'], status: 'pending' },
          {
            number: '1.2',
            title: 'Apmācīt pašvaldību policistus',
            responsible: ['VP'],
            involved: ['PASV'],
            deadline: { text: '2025. gada 31. decembris', due: '2025-12-31' },
            status: 'pending',
          },
        ],
      },
    ],
  },
}

/** The workbook with cells of the Pasākumi sheet changed: measure number → header → new value. */
async function editWorkbook(bytes: Buffer, edits: Record<string, Record<string, string>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  const sheet = workbook.getWorksheet('Pasākumi')
  if (!sheet) throw new Error('no Pasākumi sheet')
  let headerRow = 0
  let columns = new Map<string, number>()
  for (let r = 1; r <= 10 && !headerRow; r++) {
    const found = new Map<string, number>()
    sheet.getRow(r).eachCell((cell, col) => found.set(cell.text.trim(), col))
    if (found.has('Pasākuma Nr.')) [headerRow, columns] = [r, found]
  }
  if (!headerRow) throw new Error('no header row in Pasākumi')
  const numberCol = columns.get('Pasākuma Nr.')!
  for (const [number, changes] of Object.entries(edits)) {
    let row = 0
    sheet.eachRow((r, i) => {
      if (i > headerRow && r.getCell(numberCol).text.trim() === number) row = i
    })
    if (!row) throw new Error(`measure ${number} not in Pasākumi`)
    for (const [header, value] of Object.entries(changes)) {
      const col = columns.get(header)
      if (!col) throw new Error(`no column ${header} in Pasākumi`)
      sheet.getRow(row).getCell(col).value = value
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * Activates and closes the plans a test made: a closed plan is nobody's to edit, so the demo plan
 * stays the one IeM's coordinator starts on in the other browser tests.
 */
describe('plans from Word and Excel', () => {
  let browser: Browser
  const created: number[] = []
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await retirePlans(created)
  })

  it('the coordinator imports a DOCX plan, mapping the institution the registry does not know', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const errors = watchErrors(page)
    await page.goto('/admin/import')
    await page.getByTestId('import-file').setInputFiles({
      name: 'MK-rikojums-pielikums.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await cabinetOrderDocx(),
    })

    // The preview: the plan, its action line and every measure, before anything is written.
    const preview = page.getByTestId('plan-import-preview')
    await expectText(preview, 'Plāns, kā tas tiks importēts')
    await expectText(preview.getByTestId('preview-plan-title'), 'Noziedzības novēršanas')
    await expectText(preview.getByTestId('preview-counts'), '1 rīcības virziens, 3 pasākumi')
    expect(await preview.getByTestId('preview-measure').count()).toBe(3)
    await expectText(preview, 'Ieviest bērnu tiesību aizsardzības speciālistu apmācību programmu')
    await expectText(preview.locator('[data-measure="1.2"]'), 'nezināma iestāde')

    // The unknown institution, once, with its row; the import waits for it.
    const unknown = page.getByTestId('unknown-institution')
    expect(await unknown.count()).toBe(1)
    await expectText(unknown, '„VBTAI”')
    await expectText(unknown, 'Atbilstība nav norādīta')
    await expectText(page.getByTestId('plan-import-status'), 'Vēl nevar importēt')
    // Only an administrator adds institutions to the registry.
    expect(await unknown.getByRole('button', { name: 'Izveidot jaunu iestādi' }).count()).toBe(0)
    await checkScreen(page, 'plan-import-docx-unknown')
    await checkScreenNarrow(page, 'plan-import-docx-unknown')

    // Mapped with the picker: typed, chosen from the list; the page checks the file again.
    const picker = page.getByRole('combobox', { name: 'Iestāde no saraksta, kas atbilst “VBTAI”' })
    await picker.fill('Bērnu aizsardzības')
    await page.getByRole('option', { name: /Bērnu aizsardzības centrs/ }).click()
    await expectText(unknown, 'Atbilst: BAC — Bērnu aizsardzības centrs')
    await expectText(page.getByTestId('plan-import-status'), 'Var importēt')
    await expectText(preview.locator('[data-measure="1.2"]'), 'BAC')

    // A code of its own, then imported as a draft.
    await page.getByLabel('Plāna kods').fill('E2E-DOCX-1')
    await page.getByTestId('plan-import-submit').click()
    await expectPath(page, /^\/plans\/\d+(\/edit)?$/)
    const planId = Number(/\/plans\/(\d+)/.exec(new URL(page.url()).pathname)![1])
    created.push(planId)
    await expectText(page.locator('.notices'), 'Plāns E2E-DOCX-1 importēts kā melnraksts (pasākumi: 3)')

    // The API agrees: a draft with the three measures, 1.2 now BAC's.
    const coordinator = await apiAs('planCoordinator')
    const plan = await coordinator.request<{ code: string; state: string; title: string }>('GET', `/api/plans/${planId}`)
    expect(plan.status).toBe(200)
    expect(plan.body).toMatchObject({ code: 'E2E-DOCX-1', state: 'draft' })
    const measures = await coordinator.request<{ number: string; title: string; responsible: string[] }[]>(
      'GET',
      `/api/plans/${planId}/measures`,
    )
    expect(measures.status).toBe(200)
    expect(measures.body.map((m) => m.title).sort()).toEqual(MEASURES.map((m) => m[1]).sort())
    expect(measures.body.find((m) => m.title === MEASURES[1]![1])?.responsible).toEqual(['BAC'])

    // And the screen: the plan's dashboard counts three measures.
    await page.goto(`/plans/${planId}`)
    await expectText(page.locator('.tile-total'), '3')
    expect(errors).toEqual([])
    await context.close()
  })

  it('an administrator adds the institution the file names to the registry while importing', async () => {
    const measures = MEASURES.map((m) => (m[0] === '1.2.' ? [m[0], m[1], 'JIC', ...m.slice(3)] : m))
    const { context, page } = await loginAs(browser, 'admin')
    await page.goto('/admin/import')
    await page.getByTestId('import-file').setInputFiles({
      name: 'pielikums-ar-jaunu-iestadi.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await cabinetOrderDocx(measures),
    })
    const unknown = page.getByTestId('unknown-institution')
    await expectText(unknown, '„JIC”')
    await unknown.getByRole('button', { name: 'Izveidot jaunu iestādi' }).click()
    expect(await unknown.getByLabel('Kods').inputValue()).toBe('JIC')
    await unknown.getByLabel('Nosaukums').fill('Jaunatnes iniciatīvu centrs')
    await unknown.getByLabel('Veids').selectOption('ngo')
    await checkScreen(page, 'plan-import-new-institution')
    await unknown.getByRole('button', { name: 'Izmantot šo jauno iestādi' }).click()
    await expectText(unknown, 'Tiks izveidota jauna iestāde: JIC — Jaunatnes iniciatīvu centrs')
    await expectText(page.getByTestId('plan-import-status'), 'Var importēt')
    await page.getByLabel('Plāna kods').fill('E2E-DOCX-2')
    await page.getByTestId('plan-import-submit').click()
    await expectPath(page, /^\/plans\/\d+(\/edit)?$/)
    const planId = Number(/\/plans\/(\d+)/.exec(new URL(page.url()).pathname)![1])
    created.push(planId)

    const admin = await apiAs('admin')
    const { body: institutions } = await admin.request<{ code: string; name: string; kind: string }[]>('GET', '/api/institutions')
    expect(institutions.find((i) => i.code === 'JIC')).toMatchObject({ name: 'Jaunatnes iniciatīvu centrs', kind: 'ngo' })
    const { body: imported } = await admin.request<MeasureListItem[]>('GET', `/api/plans/${planId}/measures`)
    expect(imported.find((m) => m.number.startsWith('1.2'))?.responsible).toEqual(['JIC'])
    await context.close()
  })

  it('a plan workbook imports as a new plan once its code is changed where the problem points', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    const coordinator = await apiAs('planCoordinator')
    const { body: plans } = await coordinator.request<{ id: number; code: string }[]>('GET', '/api/plans')
    const demo = plans.find((p) => p.code === 'BNN-2023-2024')!
    const workbook = await page.request.get(`/api/plans/${demo.id}/plan.xlsx`)
    expect(workbook.status()).toBe(200)
    const { body: demoMeasures } = await coordinator.request<MeasureListItem[]>('GET', `/api/plans/${demo.id}/measures`)

    await page.goto('/admin/import')
    await page.getByTestId('import-file').setInputFiles({
      name: 'BNN-2023-2024.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook.body(),
    })
    await expectText(page.getByTestId('preview-counts'), `${demoMeasures.length} pasākumi`)
    const problems = page.getByTestId('plan-import-problems')
    await expectText(problems, 'BNN-2023-2024')
    // The problem's link puts the cursor in the plan code.
    await problems.getByRole('link', { name: 'Labot' }).first().click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('plan-import-code')
    await page.keyboard.press('Control+A')
    await page.keyboard.type('E2E-XLSX-COPY')
    await page.getByTestId('plan-import-submit').click()
    await expectPath(page, /^\/plans\/\d+(\/edit)?$/)
    const planId = Number(/\/plans\/(\d+)/.exec(new URL(page.url()).pathname)![1])
    created.push(planId)
    const { body: copy } = await coordinator.request<{ code: string; state: string }>('GET', `/api/plans/${planId}`)
    expect(copy).toMatchObject({ code: 'E2E-XLSX-COPY', state: 'draft' })
    const { body: copied } = await coordinator.request<MeasureListItem[]>('GET', `/api/plans/${planId}/measures`)
    expect(copied.map((m) => m.title)).toEqual(demoMeasures.map((m) => m.title))
    await context.close()
  })

  it('a file that is no plan file is refused with words, before any upload', async () => {
    const { context, page } = await loginAs(browser, 'planCoordinator')
    await page.goto('/admin/import')
    await page.getByTestId('import-file').setInputFiles({ name: 'vecs.doc', mimeType: 'application/msword', buffer: Buffer.from('DOC') })
    await expectText(page.getByTestId('import-wrong-kind'), 'Failu “vecs.doc” importēt nevar')
    // A .docx that is no zip at all: the server's refusal, in words about plan files.
    await page.getByTestId('import-file').setInputFiles({
      name: 'bojats.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from('Šis nav Word dokuments'),
    })
    await expectText(page.getByTestId('plan-import-failure'), 'Šo failu nevar nolasīt kā Word vai Excel failu')
    await context.close()
  })

  it('the demo plan’s workbook downloads from the dashboard, and the same workbook changes nothing', async () => {
    const coordinator = await apiAs('planCoordinator')
    const { body: plans } = await coordinator.request<{ id: number; code: string }[]>('GET', '/api/plans')
    const demo = plans.find((p) => p.code === 'BNN-2023-2024') ?? plans[0]!
    const { body: measures } = await coordinator.request<{ title: string }[]>('GET', `/api/plans/${demo.id}/measures`)
    const title = measures.map((m) => m.title).find((t) => /[āčēģīķļņšūž]/i.test(t))!
    expect(title).toBeTruthy()

    const { context, page } = await loginAs(browser, 'planCoordinator')
    await page.goto(`/plans/${demo.id}`)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-workbook').click()])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    const path = await download.path()
    const bytes = readFileSync(path)
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')
    const files = unzipSync(new Uint8Array(bytes))
    const sheets = Object.keys(files).filter((name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name))
    expect(sheets.length).toBeGreaterThan(0)
    // Strings live in the sheets themselves or in the shared string table they point into.
    const text = [...sheets, 'xl/sharedStrings.xml']
      .filter((name) => files[name])
      .map((name) => strFromU8(files[name]!))
      .join('\n')
    expect(text).toContain(xmlText(title))

    // Updating from the very same workbook: compared, and nothing differs.
    await page.getByTestId('update-workbook').click()
    const dialog = page.getByTestId('workbook-update')
    await expectVisible(dialog)
    await dialog.getByTestId('workbook-file').setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bytes,
    })
    await expectText(dialog.getByTestId('workbook-change-count'), 'Nav izmaiņu')
    await checkScreen(page, 'plan-workbook-update')
    await dialog.getByRole('button', { name: 'Aizvērt' }).click()
    await context.close()
  })

  it('the coordinator updates a plan from its edited workbook: the differences, a reason for the status, applied', async () => {
    const coordinator = await apiAs('planCoordinator')
    const imported = await coordinator.request<ImportResult>('POST', '/api/plans/import', XLSX_PLAN)
    expect(imported.status, JSON.stringify(imported.body)).toBe(201)
    const planId = imported.body.id
    created.push(planId)

    const { context, page } = await loginAs(browser, 'planCoordinator')
    await page.goto(`/plans/${planId}`)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-workbook').click()])
    const edited = await editWorkbook(readFileSync(await download.path()), {
      '1.1': { 'Izpildes pakāpe': 'Izpildīts' },
      '1.2': { 'Izpildes termiņš': '2026. gada 30. jūnijs' },
    })

    await page.getByTestId('update-workbook').click()
    const dialog = page.getByTestId('workbook-update')
    await dialog.getByTestId('workbook-file').setInputFiles({
      name: 'E2E-XLSX-1-labots.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: edited,
    })
    await expectText(dialog.getByTestId('workbook-change-count'), '2 izmaiņas')
    const status = dialog.locator('[data-testid="workbook-changes"] tr[data-field="status"]')
    await expectText(status, '1.1')
    await expectText(status, 'Nav novērtēts')
    await expectText(status, 'Izpildīts')
    await expectText(dialog.locator('[data-testid="workbook-changes"] tr[data-field="deadline.text"]'), '2026. gada 30. jūnijs')
    await checkScreen(page, 'plan-workbook-changes')

    // A status change needs a reason: asked for, then given.
    await dialog.getByTestId('workbook-apply').click()
    await expectText(dialog, 'Norādiet pamatojumu: tas vajadzīgs statusu maiņai')
    await dialog.getByLabel(/^Pamatojums/).fill('Karte publicēta 2025. gada novembrī.')
    await dialog.getByTestId('workbook-apply').click()
    await expectText(page.locator('.notices'), 'Plānā veiktas 2 izmaiņas.')
    expect(await dialog.isVisible()).toBe(false)

    const { body: measures } = await coordinator.request<MeasureListItem[]>('GET', `/api/plans/${planId}/measures`)
    expect(measures.find((m) => m.number === '1.1')?.status).toBe('done')
    expect(measures.find((m) => m.number === '1.2')?.deadline?.text).toBe('2026. gada 30. jūnijs')
    await context.close()
  })
})
