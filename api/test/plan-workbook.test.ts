// plan.xlsx both ways: the workbook written from the demo plan and read back (cells through exceljs
// and the package's XML), round trips through a new plan, the reader on workbooks people make, and
// updating an existing plan from its workbook (differences, apply, audit, refusals).
import ExcelJS from 'exceljs'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import type { PlanDocument } from '@apt/shared'
import { plans } from '../src/db/schema/index.js'
import {
  BUDGET_COLUMNS,
  INSTITUTION_COLUMNS,
  MEASURE_COLUMNS,
  PLAN_ROWS,
  PROGRESS_COLUMNS,
  readPlanWorkbook,
  WORKBOOK_SHEETS,
  writePlanWorkbook,
} from '../src/plugins/app/plans/plan-workbook.js'
import { asBytes, type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { assertWellFormed, loadDemoPlan } from './report/ooxml.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

let t: TestApp
let admin: Client
let coordinator: Client
let reporter: Client
let planId: number

beforeAll(async () => {
  t = await startTestApp()
  admin = await t.login(DEMO.admin)
  coordinator = await t.login(DEMO.planCoordinator)
  reporter = await t.login(DEMO.reporterVP)
  planId = await t.demoPlanId()
})
afterAll(() => t.close())

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
  return workbook
}
const save = async (workbook: ExcelJS.Workbook) => new Uint8Array(await workbook.xlsx.writeBuffer())

/** Every sheet's cells as values, by sheet name then address. */
function cells(workbook: ExcelJS.Workbook): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {}
  for (const sheet of workbook.worksheets) {
    const values: Record<string, unknown> = {}
    sheet.eachRow((row) => row.eachCell((cell) => (values[cell.address] = cell.value)))
    out[sheet.name] = values
  }
  return out
}

/** The column of a header in row 1 of a sheet. */
function col(sheet: ExcelJS.Worksheet, header: string): number {
  let found = 0
  sheet.getRow(1).eachCell((cell, i) => {
    if (cell.value === header) found = i
  })
  if (!found) throw new Error(`no column ${header} in ${sheet.name}`)
  return found
}

/** The row of a measure on the Pasākumi sheet. */
function measureRow(sheet: ExcelJS.Worksheet, number: string): ExcelJS.Row {
  const c = col(sheet, 'Pasākuma Nr.')
  for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(c).value === number) return sheet.getRow(r)
  throw new Error(`no measure ${number}`)
}

const download = async (client: Client, id: number) => {
  const res = await asBytes(client.get(`/api/plans/${id}/plan.xlsx`))
  expect(res.status).toBe(200)
  return new Uint8Array(res.body as Buffer)
}

const upload = (client: Client, id: number, bytes: Uint8Array, options: { dryRun: boolean; reason?: string; filename?: string }) => {
  const req = client.agent
    .post(`/api/plans/${id}/import/xlsx?dryRun=${options.dryRun}`)
    .set('X-CSRF-Token', client.csrfToken)
    .attach('file', Buffer.from(bytes), { filename: options.filename ?? 'plan.xlsx', contentType: XLSX })
  return options.reason === undefined ? req : req.field('reason', options.reason)
}

describe('plan.xlsx', () => {
  it('is the whole plan in five sheets with fixed Latvian headers, frozen, wrapped, with lists and real dates', async () => {
    const res = await asBytes(coordinator.get(`/api/plans/${planId}/plan.xlsx`))
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toContain(XLSX)
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="BNN-2023-2024-\d{4}-\d{2}-\d{2}\.xlsx"$/)
    const workbook = await load(res.body as Buffer)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Plāns', 'Pasākumi', 'Finansējums', 'Izpildes gaita', 'Iestādes'])

    const plan = workbook.getWorksheet(WORKBOOK_SHEETS.plan)!
    expect(plan.getColumn(1).values.slice(2)).toEqual(PLAN_ROWS.map((r) => r.label))
    expect(plan.getCell('B2').value).toBe('BNN-2023-2024')
    expect(plan.getCell('B4').value).toEqual(new Date('2023-01-01T00:00:00Z'))
    expect(plan.getCell('B7').value).toBe('IeM')

    const headers = (name: string) => workbook.getWorksheet(name)!.getRow(1).values
    expect(headers('Pasākumi')).toEqual([undefined, ...MEASURE_COLUMNS.map((c) => c.header)])
    expect(headers('Finansējums')).toEqual([undefined, ...BUDGET_COLUMNS.map((c) => c.header)])
    expect(headers('Izpildes gaita')).toEqual([undefined, ...PROGRESS_COLUMNS.map((c) => c.header)])
    expect(headers('Iestādes')).toEqual([undefined, ...INSTITUTION_COLUMNS.map((c) => c.header)])

    const measures = workbook.getWorksheet(WORKBOOK_SHEETS.measures)!
    expect(measures.rowCount).toBe(31)
    expect(measures.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(measures.getColumn(col(measures, 'Pasākums')).width).toBeGreaterThan(40)
    expect(measures.getRow(2).getCell(col(measures, 'Pasākums')).alignment).toMatchObject({ wrapText: true })

    const m12 = measureRow(measures, '1.2')
    expect(m12.getCell(col(measures, 'Izpildes pakāpe')).value).toBe('Daļēji izpildīts')
    expect(m12.getCell(col(measures, 'Izpildes termiņš (datums)')).value).toEqual(new Date('2024-12-31T00:00:00Z'))
    expect(m12.getCell(col(measures, 'Izpildes termiņš')).value).toBe('2023.–2024. gads')
    expect(m12.getCell(col(measures, 'Atbildīgās institūcijas')).value).toBe('VP')
    expect(m12.getCell(col(measures, 'Rīcības virziena Nr.')).value).toBe('1')
    const m211 = measureRow(measures, '2.11')
    expect(m211.getCell(col(measures, 'Iesaistītās institūcijas')).value).toBe('VPD')
    expect(m211.getCell(col(measures, 'Nr. plānā')).value).toBe('2.2.6')
    const m21 = measureRow(measures, '2.1')
    expect(m21.getCell(col(measures, 'Atbildīgās institūcijas')).value).toBe('IeM, LM, VM')

    const budget = workbook.getWorksheet(WORKBOOK_SHEETS.budget)!
    expect(budget.getRow(2).values).toEqual([
      undefined,
      '1.2',
      46000,
      'papildu valsts budžeta līdzekļi',
      'IeM',
      '06.01.01 Valsts policija',
      2024,
      'nē',
    ])
    const progress = workbook.getWorksheet(WORKBOOK_SHEETS.progress)!
    expect(progress.getRow(2).getCell(1).value).toBe('1.1')
    expect(progress.getRow(2).getCell(2).value).toBe('VP')
    expect(progress.getRow(2).getCell(3).value).toBe('2023-2024')
    expect(String(progress.getRow(2).getCell(4).value)).toMatch(/^VP ieviests Interneta policista koncepts/)
    const institutions = workbook.getWorksheet(WORKBOOK_SHEETS.institutions)!
    expect(institutions.getRow(7).values).toEqual([undefined, 'VP', 'Valsts policija', 'VP', 'Padotības iestāde', 'IeM'])

    // Read back from the package's XML: well-formed parts, Latvian letters as themselves, lists for
    // the status, the budget source and the kind.
    const files = unzipSync(new Uint8Array(res.body as Buffer))
    const parts = Object.keys(files).filter((name) => name.endsWith('.xml'))
    for (const name of parts) assertWellFormed(strFromU8(files[name]!))
    const sheetXml = (n: number) => strFromU8(files[`xl/worksheets/sheet${n}.xml`]!)
    expect(sheetXml(2)).toMatch(
      /<dataValidation type="list"[^>]*sqref="N2:N\d+"><formula1>&quot;Izpildīts,Daļēji izpildīts,Nav izpildīts,Nav novērtēts&quot;/,
    )
    expect(sheetXml(3)).toContain('ES fondi')
    expect(sheetXml(5)).toContain('Nevalstiskā organizācija')
    expect(sheetXml(2)).toMatch(/<pane ySplit="1"[^>]*state="frozen"/)
    const strings = strFromU8(files['xl/sharedStrings.xml']!)
    for (const text of [
      'Rīcības virziena Nr.',
      'Daļēji izpildīts',
      'Bērnu noziedzības novēršanas',
      'Ieslodzījuma vietu pārvalde',
      'Koordinējošā iestāde',
    ])
      expect(strings).toContain(text)
  })

  it('is refused to anonymous callers and unknown for plans that do not exist', async () => {
    expect((await t.http.get(`/api/plans/${planId}/plan.xlsx`)).status).toBe(401)
    expect((await reporter.get('/api/plans/999999/plan.xlsx')).status).toBe(404)
    expect((await reporter.get(`/api/plans/${planId}/plan.xlsx`)).status).toBe(200)
  })
})

describe('round trip', () => {
  it('reads back exactly the document the plan exports', async () => {
    const exported = (await coordinator.get(`/api/plans/${planId}/export`)).body as PlanDocument
    const parsed = await readPlanWorkbook(await download(coordinator, planId))
    expect(parsed.problems).toEqual([])
    expect(parsed.document).toStrictEqual(exported)
    // The Pasākumi rows of 2.2, 2.3, 2.5 (responsible and progress), 2.11 (involved) and 3.6.
    expect(parsed.institutionRows.get('VPD')).toEqual([12, 13, 15, 21, 27])
    // Where the file import places its own checks' problems.
    expect(parsed.rows?.get('/plan/actionLines/1')).toBe(11)
    expect(parsed.rows?.get('/plan/actionLines/1/measures/10')).toBe(21)
    expect(parsed.columns).toMatchObject({ number: 'Pasākuma Nr.', responsible: 'Atbildīgās institūcijas', deadline: 'Izpildes termiņš' })
  })

  it('imports as a new plan whose workbook is the same, cell for cell', async () => {
    const original = await download(coordinator, planId)
    const workbook = await load(original)
    workbook.getWorksheet(WORKBOOK_SHEETS.plan)!.getCell('B2').value = 'BNN-KOPIJA'
    // Through the file import (POST /api/plans/import/xlsx), as a coordinator uploads it.
    const created = await coordinator.agent
      .post('/api/plans/import/xlsx')
      .set('X-CSRF-Token', coordinator.csrfToken)
      .attach('file', Buffer.from(await save(workbook)), { filename: 'kopija.xlsx', contentType: XLSX })
    expect(created.status, JSON.stringify(created.body)).toBe(201)

    const copy = cells(await load(await download(coordinator, created.body.id)))
    const before = cells(await load(original))
    expect(copy['Plāns']!['B2']).toBe('BNN-KOPIJA')
    copy['Plāns']!['B2'] = 'BNN-2023-2024'
    expect(copy).toEqual(before)
    // And the copy's document is the original's but for the code.
    const a = (await coordinator.get(`/api/plans/${created.body.id}/export`)).body as PlanDocument
    const b = (await coordinator.get(`/api/plans/${planId}/export`)).body as PlanDocument
    expect({ ...a, plan: { ...a.plan, code: b.plan.code } }).toStrictEqual(b)
  })

  it('keeps what the demo does not have: excluded measures, empty action lines, texts longer than a cell, odd characters', async () => {
    const doc: PlanDocument = structuredClone(loadDemoPlan())
    const [first, second] = doc.plan.actionLines
    first!.measures[0]!.excluded = { act: 'Ministru kabineta 2024. gada 5. marta rīkojums Nr. 170', date: '2024-03-05' }
    first!.measures[1]!.progress = [
      // Longer than a cell: an emoji across the first cut, a space just after the second.
      { institution: 'VP', period: null, text: `${'Ā'.repeat(32_766)}🚀${'b '.repeat(16_383)}beigas` },
      { institution: 'IeM', period: '2024', text: 'Otrais ieraksts' },
    ]
    first!.measures[2]!.budget = {
      text: null,
      lines: [
        { amountEur: 1234.5, source: 'eu_funds', institution: null, programme: null, year: null, granted: true },
        { amountEur: 0, source: 'other', institution: 'VP', programme: 'X', year: 2023, granted: null },
      ],
    }
    first!.measures[3]!.deadline = { text: 'Pastāvīgi', due: null }
    first!.measures[4]!.title = '  Nosaukums ar\r\nrindām\tun tabulu  '
    second!.measures[0]!.number = '2.10a'
    doc.plan.actionLines.push({ number: '5', title: 'Tukšs virziens', goal: null, measures: [] })

    const bytes = await writePlanWorkbook(doc)
    const progress = (await load(bytes)).getWorksheet(WORKBOOK_SHEETS.progress)!
    const pieces: unknown[][] = []
    progress.eachRow((row) => {
      if (row.getCell(1).value === '1.2') pieces.push([row.getCell(2).value, String(row.getCell(4).value).length])
    })
    expect(pieces).toEqual([
      ['VP', 32_766],
      [null, 32_767],
      [null, 7], // " beigas": its leading space kept
      ['IeM', 15],
    ])
    const parsed = await readPlanWorkbook(bytes)
    expect(parsed.problems).toEqual([])
    const expected = structuredClone(doc)
    expected.plan.actionLines[0]!.measures[4]!.title = 'Nosaukums ar\nrindām\tun tabulu'
    expect(parsed.document).toEqual(expected)
    expect(parsed.document.plan.actionLines[0]!.measures[1]!.progress![0]!.text).toHaveLength(
      doc.plan.actionLines[0]!.measures[1]!.progress![0]!.text.length,
    )
  })
})

describe('reading workbooks people make', () => {
  /** A workbook as a clerk might make one: columns moved, headers in other case, odd cells. */
  async function clerkWorkbook(rows: Record<string, ExcelJS.CellValue>[], extra?: (workbook: ExcelJS.Workbook) => void) {
    const workbook = new ExcelJS.Workbook()
    const plan = workbook.addWorksheet('plāns')
    plan.addRow(['Lauks', 'Vērtība'])
    plan.addRow(['  Kods ', 'JAUNS-1'])
    plan.addRow(['Nosaukums', { richText: [{ text: 'Jauns ' }, { font: { bold: true }, text: 'plāns' }] }])
    plan.addRow(['Perioda sākums', '01.01.2025'])
    plan.addRow(['Perioda beigas', 46022]) // 2025-12-31 as an Excel day number
    plan.addRow(['Koordinējošā iestāde', 'IeM '])
    const sheet = workbook.addWorksheet('PASĀKUMI')
    const headers = [
      'Pasākums',
      'pasākuma  nr.',
      'Rīcības virziena Nr.',
      'Rīcības virziens',
      'Atbildīgās institūcijas',
      'Izpildes termiņš (datums)',
      'Izpildes pakāpe',
    ]
    sheet.addRow(headers)
    for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? null))
    extra?.(workbook)
    return save(workbook)
  }

  it('finds columns by header text and reads dates, rich text, formulas, numbers and spaces', async () => {
    const bytes = await clerkWorkbook([
      {
        Pasākums: 'Pirmais ',
        'pasākuma  nr.': 1.1,
        'Rīcības virziena Nr.': 1,
        'Rīcības virziens': 'Virziens',
        'Atbildīgās institūcijas': 'VP;  IeM',
        'Izpildes termiņš (datums)': new Date(Date.UTC(2025, 5, 30)),
        'Izpildes pakāpe': 'izpildīts',
      },
      {},
      {
        Pasākums: { richText: [{ text: 'Otrais' }] },
        'pasākuma  nr.': '1.2',
        'Rīcības virziena Nr.': '1',
        'Rīcības virziens': 'Virziens',
        'Atbildīgās institūcijas': 'VP',
        'Izpildes termiņš (datums)': '2025-07-01',
        'Izpildes pakāpe': { formula: 'IF(1,"Nav izpildīts","")', result: 'Nav izpildīts' },
      },
      {
        Pasākums: 'Trešais',
        'pasākuma  nr.': '1.3',
        'Rīcības virziena Nr.': '1',
        'Rīcības virziens': 'Virziens',
        'Atbildīgās institūcijas': 'VP',
        'Izpildes termiņš (datums)': 45839,
      },
    ])
    const parsed = await readPlanWorkbook(bytes)
    expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([])
    // Missing optional sheets and columns are said, as warnings.
    expect(parsed.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Lapa „Pasākumi”: nav kolonnu „Rīcības virziena mērķis”/),
        'Lapa „Finansējums”: lapa nav atrasta; pasākumiem nav finansējuma rindu',
      ]),
    )
    const plan = parsed.document.plan
    expect({ code: plan.code, title: plan.title, period: plan.period, coordinator: plan.coordinator }).toEqual({
      code: 'JAUNS-1',
      title: 'Jauns plāns',
      period: { start: '2025-01-01', end: '2025-12-31' },
      coordinator: 'IeM',
    })
    expect(plan.actionLines).toHaveLength(1)
    expect(plan.actionLines[0]!.measures.map((m) => [m.number, m.title, m.responsible, m.deadline?.due, m.status])).toEqual([
      ['1.1', 'Pirmais', ['VP', 'IeM'], '2025-06-30', 'done'],
      ['1.2', 'Otrais', ['VP'], '2025-07-01', 'not_done'],
      ['1.3', 'Trešais', ['VP'], '2025-07-01', 'pending'],
    ])
    expect(parsed.institutionRows.get('VP')).toEqual([2, 4, 5])
    expect(parsed.rows?.get('/plan/actionLines/0/measures/2')).toBe(5)
    expect(parsed.columns).toMatchObject({ number: 'pasākuma  nr.', title: 'Pasākums' })
    expect(parsed.institutionRows.get('IeM')).toEqual([2])
  })

  it('places each problem on its row and column, in Latvian', async () => {
    const bytes = await clerkWorkbook([
      { Pasākums: 'A', 'pasākuma  nr.': '1.1', 'Rīcības virziena Nr.': '1', 'Rīcības virziens': 'V', 'Atbildīgās institūcijas': 'VP' },
      { Pasākums: 'B', 'pasākuma  nr.': '1.2', 'Rīcības virziena Nr.': '1', 'Rīcības virziens': 'V', 'Atbildīgās institūcijas': 'VP' },
      { Pasākums: 'C', 'pasākuma  nr.': '1.3', 'Rīcības virziena Nr.': '1', 'Rīcības virziens': 'V', 'Atbildīgās institūcijas': 'VP' },
      { Pasākums: 'D', 'pasākuma  nr.': '1.4', 'Rīcības virziena Nr.': '1', 'Rīcības virziens': 'V', 'Atbildīgās institūcijas': 'VP' },
      { Pasākums: 'E', 'pasākuma  nr.': '1.5', 'Rīcības virziena Nr.': '1', 'Rīcības virziens': 'V', 'Atbildīgās institūcijas': 'VP' },
      {
        Pasākums: 'F',
        'pasākuma  nr.': '1.6',
        'Rīcības virziena Nr.': '1',
        'Rīcības virziens': 'V',
        'Atbildīgās institūcijas': 'VP',
        'Izpildes termiņš (datums)': '31.13.2024',
      },
      {
        Pasākums: '',
        'pasākuma  nr.': '1.7',
        'Rīcības virziena Nr.': '1',
        'Rīcības virziens': 'V',
        'Atbildīgās institūcijas': '',
        'Izpildes pakāpe': 'Gandrīz',
      },
      { Pasākums: 'H', 'pasākuma  nr.': '1.6', 'Rīcības virziena Nr.': '1', 'Rīcības virziens': 'Cits', 'Atbildīgās institūcijas': 'VP' },
    ])
    const { problems } = await readPlanWorkbook(bytes)
    const errors = problems.filter((p) => p.severity === 'error')
    expect(errors).toEqual([
      expect.objectContaining({
        row: 7,
        column: 'Izpildes termiņš (datums)',
        field: 'deadline.due',
        message: '7. rinda, Izpildes termiņš (datums): nav derīgs datums „31.13.2024”',
        severity: 'error',
      }),
      expect.objectContaining({
        row: 8,
        column: 'Pasākums',
        field: 'title',
        message: '8. rinda, Pasākums: nav norādīts pasākuma nosaukums',
        severity: 'error',
      }),
      expect.objectContaining({
        row: 8,
        column: 'Atbildīgās institūcijas',
        field: 'responsible',
        message: '8. rinda, Atbildīgās institūcijas: nav norādīta neviena atbildīgā institūcija',
        severity: 'error',
      }),
      expect.objectContaining({
        row: 8,
        column: 'Izpildes pakāpe',
        field: 'status',
        message: expect.stringMatching(/^8\. rinda, Izpildes pakāpe: nezināma izpildes pakāpe „Gandrīz” \(derīgās: Izpildīts, /),
      }),
      expect.objectContaining({
        row: 9,
        column: 'Rīcības virziens',
        field: 'actionLine.title',
        message: '9. rinda, Rīcības virziens: rīcības virziena 1 nosaukums atšķiras no 2. rindas',
        severity: 'error',
      }),
      expect.objectContaining({
        row: 9,
        column: 'pasākuma  nr.',
        field: 'number',
        message: '9. rinda, pasākuma  nr.: pasākuma numurs „1.6” atkārtojas (arī 7. rindā)',
        severity: 'error',
      }),
    ])
  })

  it('says so when the measures sheet or its headers are missing', async () => {
    const noSheet = new ExcelJS.Workbook()
    noSheet.addWorksheet('Lapa1').addRow(['kaut kas'])
    const a = await readPlanWorkbook(await save(noSheet))
    expect(a.problems).toContainEqual(
      expect.objectContaining({
        row: null,
        column: null,
        field: null,
        location: [{ kind: 'sheet', number: 'Pasākumi' }],
        message: 'Lapa „Pasākumi”: lapa nav atrasta; darbgrāmatā nav pasākumu',
        severity: 'error',
      }),
    )
    expect(a.document.plan.actionLines).toEqual([])

    const noHeaders = new ExcelJS.Workbook()
    noHeaders.addWorksheet('Pasākumi').addRow(['Nr.', 'Nosaukums'])
    const b = await readPlanWorkbook(await save(noHeaders))
    expect(b.problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        message: 'Lapa „Pasākumi”: nav atrastas kolonnas: „Rīcības virziena Nr.”, „Pasākuma Nr.”, „Pasākums”, „Atbildīgās institūcijas”',
      }),
    )
  })

  it('refuses what is no workbook, and a workbook exceljs would expand without end', async () => {
    await expect(readPlanWorkbook(strToU8('Nr.;Pasākums\n1.1;Teksts'))).rejects.toMatchObject({ statusCode: 415 })
    await expect(readPlanWorkbook(zipSync({ 'word/document.xml': strToU8('<w:document/>') }))).rejects.toMatchObject({ statusCode: 415 })

    // A validation list and a merge over the whole sheet (as Excel writes "the whole column") read quickly.
    const files = unzipSync(await writePlanWorkbook(loadDemoPlan()))
    const sheet = strFromU8(files['xl/worksheets/sheet2.xml']!)
      .replace(/sqref="N2:N\d+"/, 'sqref="A1:XFD1048576"')
      .replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A40:XFD1048576"/></mergeCells>')
    const parsed = await readPlanWorkbook(zipSync({ ...files, 'xl/worksheets/sheet2.xml': strToU8(sheet) }))
    expect(parsed.problems).toEqual([])
    expect(parsed.document.plan.actionLines.flatMap((l) => l.measures)).toHaveLength(30)

    const damaged = await readPlanWorkbook(
      zipSync({ ...files, 'xl/worksheets/sheet2.xml': strToU8('<worksheet><sheetData><row r="1"><c') }),
    ).catch((e: unknown) => e)
    expect(damaged).toMatchObject({ statusCode: 422, code: 'IMPORT_PROBLEMS' })

    const workbookXml = strFromU8(files['xl/workbook.xml']!).replace(
      '<definedNames>',
      '<definedNames><definedName name="viss">Pasākumi!$A$1:$XFD$1048576</definedName>',
    )
    await expect(readPlanWorkbook(zipSync({ ...files, 'xl/workbook.xml': strToU8(workbookXml) }))).rejects.toMatchObject({
      statusCode: 422,
      code: 'IMPORT_PROBLEMS',
    })
  })
})

describe('updating a plan from its workbook', () => {
  let copyId: number

  beforeAll(async () => {
    // A plan of its own, so the demo plan's numbers stay as other files expect them.
    const doc = (await coordinator.get(`/api/plans/${planId}/export`)).body as PlanDocument
    const created = await coordinator.post('/api/plans/import', { ...doc, plan: { ...doc.plan, code: 'BNN-ATJAUNO' } })
    expect(created.status).toBe(201)
    copyId = created.body.id
  })

  const measure = async (number: string) => {
    const list = (await coordinator.get(`/api/plans/${copyId}/measures`)).body as { id: number; number: string }[]
    return (await coordinator.get(`/api/measures/${list.find((m) => m.number === number)!.id}`)).body
  }

  /** The plan's workbook with some cells of the Pasākumi sheet changed, by measure number and header. */
  async function edited(changes: [string, string, ExcelJS.CellValue][], more?: (sheet: ExcelJS.Worksheet) => void) {
    const workbook = await load(await download(coordinator, copyId))
    const sheet = workbook.getWorksheet(WORKBOOK_SHEETS.measures)!
    for (const [number, header, value] of changes) measureRow(sheet, number).getCell(col(sheet, header)).value = value
    more?.(sheet)
    return save(workbook)
  }

  it('lists exactly the changed cells in a dry run, and writes nothing', async () => {
    const before = await measure('1.2')
    const bytes = await edited([
      ['1.2', 'Izpildes pakāpe', 'Izpildīts'],
      ['2.3', 'Vērtējums', 'Jauns vērtējums'],
      ['1.1', 'Izpildes termiņš (datums)', '30.06.2024'],
      ['2.11', 'Iesaistītās institūcijas', 'VPD, VP'],
      ['1.5', 'Atbildīgās institūcijas', 'VUGD, IeM'],
    ])
    const res = await upload(coordinator, copyId, bytes, { dryRun: true })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      changes: [
        { measure: '1.1', field: 'deadline.due', before: '2024-12-31', after: '2024-06-30' },
        { measure: '1.2', field: 'status', before: 'partial', after: 'done' },
        { measure: '1.5', field: 'responsible', before: ['VUGD'], after: ['VUGD', 'IeM'] },
        { measure: '2.3', field: 'assessment', before: expect.any(String), after: 'Jauns vērtējums' },
        { measure: '2.11', field: 'involved', before: ['VPD'], after: ['VPD', 'VP'] },
      ],
      problems: [],
      applied: false,
    })
    expect(await measure('1.2')).toMatchObject({ status: 'partial', version: before.version })
  })

  it('needs a reason for a status change, then applies everything in one go with history and audit', async () => {
    const m12 = await measure('1.2')
    const m23 = await measure('2.3')
    const bytes = await edited([
      ['1.2', 'Izpildes pakāpe', 'Izpildīts'],
      ['2.3', 'Vērtējums', 'Jauns vērtējums'],
    ])
    const noReason = await upload(coordinator, copyId, bytes, { dryRun: false })
    expect(noReason.status).toBe(400)
    expect(noReason.body.code).toBe('REASON_REQUIRED')
    expect(await measure('2.3')).toMatchObject({ assessment: m23.assessment, version: m23.version })

    const res = await upload(coordinator, copyId, bytes, { dryRun: false, reason: 'Pārskats no Excel' })
    expect(res.status).toBe(200)
    expect(res.body.applied).toBe(true)
    expect(res.body.changes.map((c: { measure: string; field: string }) => `${c.measure} ${c.field}`)).toEqual([
      '1.2 status',
      '2.3 assessment',
    ])
    expect(await measure('1.2')).toMatchObject({ status: 'done', version: m12.version + 1 })
    expect(await measure('2.3')).toMatchObject({ assessment: 'Jauns vērtējums', version: m23.version + 1 })

    const history = (await coordinator.get(`/api/measures/${m12.id}/history`)).body
    expect(history[0]).toMatchObject({ from: 'partial', to: 'done', reason: 'Pārskats no Excel', actor: { name: 'Ilze Koordinatore' } })
    const audit = (await admin.get(`/api/audit?entity=measure&entityId=${m23.id}`)).body
    expect(audit[0]).toMatchObject({
      action: 'measure.update',
      planId: copyId,
      before: { assessment: m23.assessment, version: m23.version },
      after: { assessment: 'Jauns vērtējums', version: m23.version + 1 },
    })
    const status = (await admin.get(`/api/audit?entity=measure&entityId=${m12.id}`)).body
    expect(status[0]).toMatchObject({
      action: 'measure.status',
      before: { status: 'partial' },
      after: { status: 'done' },
      reason: 'Pārskats no Excel',
    })

    // The same workbook again: nothing left to change.
    const again = await upload(coordinator, copyId, bytes, { dryRun: true })
    expect(again.body).toEqual({ changes: [], problems: [], applied: false })
  })

  it('refuses unknown institutions and measures the plan does not have, applying nothing', async () => {
    const m15 = await measure('1.5')
    const bytes = await edited([
      ['1.5', 'Atbildīgās institūcijas', 'VUGD, XYZ'],
      ['1.5', 'Vērtējums', 'Nepieņemts'],
    ])
    const dry = await upload(coordinator, copyId, bytes, { dryRun: true })
    expect(dry.status).toBe(200)
    const row = 6
    expect(dry.body.problems).toEqual([
      expect.objectContaining({
        row,
        column: 'Atbildīgās institūcijas',
        field: 'responsible',
        message: `${row}. rinda, Atbildīgās institūcijas: nezināma institūcija „XYZ” (iestāžu reģistrā nav šāda koda)`,
        severity: 'error',
        // Placed under its measure, as the import's other problems are.
        location: [
          { kind: 'actionLine', number: '1' },
          { kind: 'measure', number: '1.5' },
          { kind: 'row', number: String(row) },
          { kind: 'field', key: 'responsible', label: 'Atbildīgās institūcijas' },
        ],
      }),
    ])
    const applied = await upload(coordinator, copyId, bytes, { dryRun: false, reason: 'x' })
    expect(applied.status).toBe(422)
    expect(applied.body.code).toBe('IMPORT_PROBLEMS')
    expect(applied.body.details.problems).toHaveLength(1)
    expect(await measure('1.5')).toMatchObject({ assessment: m15.assessment, responsible: ['VUGD'], version: m15.version })

    const structural = await edited([], (sheet) => {
      measureRow(sheet, '4.4').getCell(col(sheet, 'Pasākuma Nr.')).value = '4.9'
    })
    const res = await upload(coordinator, copyId, structural, { dryRun: true })
    expect(res.body.problems.map((p: { message: string }) => p.message)).toEqual([
      // Other sheets' problems are warnings: only Pasākumi is applied.
      'Lapa „Izpildes gaita”, 20. rinda, Pasākuma Nr.: lapā „Pasākumi” nav pasākuma „4.4”',
      '31. rinda, Pasākuma Nr.: plānā nav pasākuma „4.9”; jaunus pasākumus pievieno plāna redaktorā',
      'Lapa „Pasākumi”, Pasākuma Nr.: darbgrāmatā nav plāna pasākuma „4.4”; pasākumus izņem plāna redaktorā',
    ])
    expect((await upload(coordinator, copyId, structural, { dryRun: false })).status).toBe(422)
  })

  it('says which edits it does not apply', async () => {
    const workbook = await load(await download(coordinator, copyId))
    const budget = workbook.getWorksheet(WORKBOOK_SHEETS.budget)!
    budget.getRow(2).getCell(col(budget, 'Summa, euro')).value = 50000
    const res = await upload(coordinator, copyId, await save(workbook), { dryRun: true })
    expect(res.body.changes).toEqual([])
    expect(res.body.problems).toEqual([expect.objectContaining({ row: 3, field: 'budget.lines', severity: 'warning' })])
  })

  it('is the plan managers’ only, and refuses files that are no workbook', async () => {
    const bytes = await download(coordinator, copyId)
    const asReporter = await upload(reporter, copyId, bytes, { dryRun: true })
    expect(asReporter.status).toBe(403)
    expect((await upload(coordinator, 999999, bytes, { dryRun: true })).status).toBe(404)

    const docx = await upload(coordinator, copyId, bytes, { dryRun: true, filename: 'plans.docx' })
    expect(docx.status).toBe(415)
    const notXlsx = await upload(coordinator, copyId, strToU8('Nr.;Pasākums\n'), { dryRun: true, filename: 'plan.csv' })
    expect(notXlsx.status).toBe(415)
    expect(notXlsx.body.code).toBe('UNSUPPORTED_MEDIA_TYPE')

    const noSheet = new ExcelJS.Workbook()
    noSheet.addWorksheet('Plāns').addRow(['Kods', 'X'])
    const missing = await upload(coordinator, copyId, await save(noSheet), { dryRun: true })
    expect(missing.status).toBe(422)
    expect(missing.body.code).toBe('IMPORT_PROBLEMS')
    expect(missing.body.details.problems).toContainEqual(
      expect.objectContaining({ message: 'Lapa „Pasākumi”: lapa nav atrasta; darbgrāmatā nav pasākumu', severity: 'error' }),
    )
  })

  it('excludes a measure by an amendment as the plan editor does: with a reason, audited, the plan version moved on', async () => {
    const plan = (await coordinator.get(`/api/plans/${copyId}`)).body
    const m = await measure('3.5')
    const act = 'Ministru kabineta 2024. gada 5. marta rīkojums Nr. 170'
    const bytes = await edited([
      ['3.5', 'Izslēgts ar aktu', act],
      ['3.5', 'Izslēgšanas datums', new Date(Date.UTC(2024, 2, 5))],
    ])
    const dry = await upload(coordinator, copyId, bytes, { dryRun: true })
    expect(dry.body.changes).toEqual([{ measure: '3.5', field: 'excluded', before: null, after: { act, date: '2024-03-05' } }])
    expect((await upload(coordinator, copyId, bytes, { dryRun: false })).body.code).toBe('REASON_REQUIRED')

    const res = await upload(coordinator, copyId, bytes, { dryRun: false, reason: 'Grozījumi rīkojumā' })
    expect(res.status).toBe(200)
    expect(await measure('3.5')).toMatchObject({ excluded: { act, date: '2024-03-05' }, version: m.version + 1 })
    expect((await coordinator.get(`/api/plans/${copyId}`)).body.version).toBe(plan.version + 1)
    const audit = (await admin.get(`/api/audit?entity=measure&entityId=${m.id}`)).body
    expect(audit[0]).toMatchObject({
      action: 'measure.exclude',
      reason: 'Grozījumi rīkojumā',
      before: { excluded: null, version: m.version },
      after: { excluded: { act, date: '2024-03-05' }, version: m.version + 1 },
    })
  })

  it('rates nothing in a draft, and changes nothing in a closed plan', async () => {
    const bytes = await edited([['1.3', 'Izpildes pakāpe', 'Nav izpildīts']])
    await t.app.db.update(plans).set({ state: 'draft' }).where(eq(plans.id, copyId))
    await t.app.changes.caughtUp()
    const draft = await upload(coordinator, copyId, bytes, { dryRun: true })
    expect(draft.body.problems).toEqual([expect.objectContaining({ row: 4, field: 'status', severity: 'error' })])
    // A draft is its coordinators' own: to anyone else its workbook does not exist.
    expect((await reporter.get(`/api/plans/${copyId}/plan.xlsx`)).status).toBe(404)

    await t.app.db.update(plans).set({ state: 'closed' }).where(eq(plans.id, copyId))
    await t.app.changes.caughtUp()
    const closed = await upload(coordinator, copyId, bytes, { dryRun: true })
    expect(closed.status).toBe(409)
    expect(closed.body.code).toBe('PLAN_CLOSED')
    // Still downloadable.
    expect((await download(coordinator, copyId)).length).toBeGreaterThan(1000)
  })
})

describe('a workbook older than the plan', () => {
  it('does not undo a change the plan had after the file was written: the measure is a problem and nothing is applied', async () => {
    // The file as the coordinator downloaded it an hour ago…
    const exported = (await coordinator.get(`/api/plans/${planId}/export`)).body as PlanDocument
    const stale = new Uint8Array(await writePlanWorkbook(exported, new Date(Date.now() - 3_600_000)))
    // …and since then a colleague rewrote measure 1.2's assessment.
    const m = ((await coordinator.get(`/api/plans/${planId}/measures`)).body as { id: number; number: string; version: number }[]).find(
      (x) => x.number === '1.2',
    )!
    const changed = await coordinator.patch(`/api/measures/${m.id}`, { version: m.version, assessment: 'Jaunāks vērtējums' })
    expect(changed.status).toBe(200)

    const dry = await upload(coordinator, planId, stale, { dryRun: true })
    expect(dry.status).toBe(200)
    expect(dry.body.changes).toEqual([
      expect.objectContaining({
        measure: '1.2',
        field: 'assessment',
        after: exported.plan.actionLines[0]!.measures[1]!.assessment ?? null,
      }),
    ])
    expect(dry.body.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: expect.stringContaining('pasākums 1.2 plānā mainīts pēc šīs datnes izveides'),
      }),
    ])
    const applied = await upload(coordinator, planId, stale, { dryRun: false })
    expect([applied.status, applied.body.code]).toEqual([422, 'IMPORT_PROBLEMS'])
    expect((await coordinator.get(`/api/measures/${m.id}`)).body.assessment).toBe('Jaunāks vērtējums')

    // A file written now has no such problem.
    const fresh = await upload(coordinator, planId, await download(coordinator, planId), { dryRun: true })
    expect(fresh.body).toMatchObject({ changes: [], problems: [] })
  })
})
