// Plans from the Cabinet order's annex (DOCX): the demo plan rebuilt from two layouts of the real
// table, unknown institutions mapped and learned, every way a file can be wrong a clear 4xx with
// nothing written, and the import a draft.
import { readFileSync } from 'node:fs'
import { count, eq } from 'drizzle-orm'
import { zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DocMeasure, ImportProblem, PlanDocument, PlanFileDryRun } from '@apt/shared'
import { auditLog, institutionAliases, institutions, measures, plans } from '../src/db/schema/index.js'
import { asBytes, type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { type Layout, paragraphsDocx, planDocx, tableDocx } from './helpers/plan-docx.js'
import { InstitutionMatcher } from '../src/plugins/app/plans/file-import/institution-matcher.js'
import { readBudget, readDeadline } from '../src/plugins/app/plans/file-import/wordings.js'
import { multipart } from './round-fixtures.js'

const demo = JSON.parse(readFileSync(new URL('../demo/plan-2023-2024.json', import.meta.url), 'utf8')) as PlanDocument
const MB = 1024 * 1024

let t: TestApp
let admin: Client
let coordinator: Client
let reporter: Client

beforeAll(async () => {
  t = await startTestApp()
  ;[admin, coordinator, reporter] = await Promise.all([t.login(DEMO.admin), t.login(DEMO.planCoordinator), t.login(DEMO.reporterVP)])
})
afterAll(() => t.close())

interface SendOptions {
  dryRun?: boolean
  mapping?: object
  plan?: object
  filename?: string
  kind?: 'docx' | 'xlsx'
}

function send(client: Client, data: Buffer | Uint8Array, options: SendOptions = {}) {
  const fields = [
    ...(options.mapping ? [{ name: 'mapping', data: JSON.stringify(options.mapping) }] : []),
    ...(options.plan ? [{ name: 'plan', data: JSON.stringify(options.plan) }] : []),
  ]
  const { body, contentType } = multipart([
    ...fields,
    { name: 'file', filename: options.filename ?? 'pielikums.docx', data: Buffer.from(data) },
  ])
  return client.agent
    .post(`/api/plans/import/${options.kind ?? 'docx'}?dryRun=${options.dryRun ?? false}`)
    .set('X-CSRF-Token', client.csrfToken)
    .set('content-type', contentType)
    .send(body)
}

/** Rows of everything an import writes. */
async function counts() {
  const n = async (table: typeof plans | typeof institutions | typeof auditLog | typeof institutionAliases | typeof measures) =>
    (await t.app.db.select({ n: count() }).from(table))[0]!.n
  return {
    plans: await n(plans),
    measures: await n(measures),
    institutions: await n(institutions),
    aliases: await n(institutionAliases),
    audit: await n(auditLog),
  }
}

/** Expects a 4xx with `code` and nothing written. */
async function refused(
  request: () => PromiseLike<{ status: number; body: { code?: string; message?: string } }>,
  status: number,
  code: string,
) {
  const before = await counts()
  const res = await request()
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  expect(res.body.code).toBe(code)
  expect(await counts()).toEqual(before)
  return res
}

const measuresOf = (doc: PlanDocument) => doc.plan.actionLines.flatMap((line) => line.measures.map((m) => ({ line: line.number, m })))

/** The fields an annex carries, compared one by one. */
function expectSameMeasures(got: PlanDocument, want: PlanDocument) {
  const g = measuresOf(got)
  const w = measuresOf(want)
  expect(g.map((x) => x.m.number)).toEqual(w.map((x) => x.m.number))
  w.forEach(({ line, m }, i) => {
    const { line: gotLine, m: gm } = g[i]!
    const at = `measure ${m.number}`
    expect(gotLine, at).toBe(line)
    expect(gm.title, at).toBe(m.title)
    expect(gm.responsible, at).toEqual(m.responsible)
    expect(gm.involved ?? [], at).toEqual(m.involved ?? [])
    expect(gm.deadline, at).toEqual(m.deadline)
    expect(gm.budget?.text, at).toBe(m.budget?.text)
    expect(gm.sourceRef ?? null, at).toBeNull()
    expect(gm.status, at).toBe('pending')
  })
  expect(got.plan.actionLines.map((l) => [l.number, l.title])).toEqual(want.plan.actionLines.map((l) => [l.number, l.title]))
}

describe('the demo plan from the Cabinet order’s table', () => {
  it.each<Layout>(['names', 'abbreviations'])('gives the demo plan’s measures from the “%s” layout', async (layout) => {
    const before = await counts()
    const res = await send(coordinator, await planDocx(demo, layout), { dryRun: true })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const body = res.body as PlanFileDryRun
    expect(body.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(body.unknownInstitutions).toEqual([])
    expect(body.importable).toBe(true)
    expectSameMeasures(body.document, demo)
    // The heading above the table: title, period, the approving act; the coordinator is the importer's institution.
    expect(body.document.plan).toMatchObject({
      title: demo.plan.title.replace('2023.-2024.', '2023.–2024.'),
      period: demo.plan.period,
      approvedBy: demo.plan.approvedBy,
      coordinator: 'IeM',
    })
    expect(body.document.plan.code).toMatch(/^[A-Z]+-2023-2024$/)
    // Euro amounts in the budget wording become lines; "… līdzekļu ietvaros" stays text only.
    const m12 = measuresOf(body.document).find((x) => x.m.number === '1.2')!.m
    expect(m12.budget?.lines).toEqual([expect.objectContaining({ amountEur: 46000, source: 'additional_state_budget' })])
    expect(measuresOf(body.document).find((x) => x.m.number === '1.1')!.m.budget?.lines).toEqual([])
    // The goal under an action line's heading (names layout), none in the other.
    if (layout === 'names') expect(body.document.plan.actionLines.map((l) => l.goal)).toEqual(demo.plan.actionLines.map((l) => l.goal))
    // A dry run writes nothing.
    expect(await counts()).toEqual(before)
  })

  it('imports a draft plan in one go, audited with its source; a reporter does not see it', async () => {
    const before = await counts()
    const res = await send(coordinator, await planDocx(demo, 'abbreviations'), { plan: { code: 'BNN-DOCX-1' } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ code: 'BNN-DOCX-1', measures: 30 })
    const [row] = await t.app.db.select().from(plans).where(eq(plans.id, res.body.id))
    expect(row!.state).toBe('draft')
    const after = await counts()
    expect(after.plans).toBe(before.plans + 1)
    expect(after.measures).toBe(before.measures + 30)
    expect(after.institutions).toBe(before.institutions)
    const audit = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'plan.import')).orderBy(auditLog.id)
    expect(audit.at(-1)).toMatchObject({
      entityId: String(res.body.id),
      after: expect.objectContaining({ source: 'docx', state: 'draft', measures: 30 }),
    })

    // Exported again, the imported measures are the demo's.
    const exported = await coordinator.get(`/api/plans/${res.body.id}/export`)
    expect(exported.status).toBe(200)
    expectSameMeasures(exported.body as PlanDocument, demo)

    const seen = await reporter.get('/api/plans')
    expect(seen.status).toBe(200)
    expect((seen.body as { id: number }[]).map((p) => p.id)).not.toContain(res.body.id)
    expect([403, 404]).toContain((await reporter.get(`/api/plans/${res.body.id}`)).status)
  })

  it('refuses a second plan with the same code (a problem in the preview, 422 on import)', async () => {
    const bytes = await planDocx(demo, 'names')
    const dry = await send(coordinator, bytes, { dryRun: true, plan: { code: 'BNN-2023-2024' } })
    expect(dry.status).toBe(200)
    expect(dry.body.importable).toBe(false)
    expect((dry.body as PlanFileDryRun).problems).toContainEqual(
      expect.objectContaining({ field: 'plan.code', severity: 'error', message: expect.stringContaining('„BNN-2023-2024” jau ir') }),
    )
    await refused(() => send(coordinator, bytes, { plan: { code: 'BNN-2023-2024' } }), 422, 'IMPORT_PROBLEMS')
  })
})

const HEADER = ['Nr. p. k.', 'Pasākums', 'Atbildīgā institūcija', 'Līdzatbildīgās institūcijas', 'Izpildes termiņš', 'Finansējums']
const TITLE = 'Noziedzības novēršanas rīcības plāns 2025.–2027. gadam'

describe('institutions the registry does not know', () => {
  const rows = [
    HEADER,
    ['1. Rīcības virziens: Novēršana', '', '', '', '', ''],
    ['1.1.', 'Vadlīnijas pašvaldību policijai', 'VBTAI', 'VP', '2025. gada 31. decembris', 'Valsts budžeta ietvaros'],
    ['1.2.', 'Apmācību programma', 'Valsts policija', 'VBTAI, IeM', '2026.–2027. gads', '10 000 EUR (2026. gadā)'],
    ['1.3.', 'Uzraudzības pilnveide', 'TM (VPD)', '', 'Pastāvīgi', 'Esošā finansējuma ietvaros'],
  ]

  it('lists an unknown institution once with all its rows, then imports it mapped and learns the name', async () => {
    const bytes = await tableDocx(rows, [TITLE])
    const dry = await send(coordinator, bytes, { dryRun: true })
    expect(dry.status, JSON.stringify(dry.body)).toBe(200)
    const body = dry.body as PlanFileDryRun
    expect(body.importable).toBe(false)
    expect(body.unknownInstitutions).toEqual([{ text: 'VBTAI', rows: [3, 4], suggestions: expect.any(Array) }])
    const unknownProblems = body.problems.filter((p) => p.message.includes('VBTAI'))
    expect(unknownProblems).toEqual<ImportProblem[]>([
      {
        code: 'unknown_institution',
        params: { code: 'VBTAI' },
        // Placed as a person reads the plan: the action line, the measure, then the file's row and column.
        location: [
          { kind: 'actionLine', number: '1' },
          { kind: 'measure', number: '1.1' },
          { kind: 'row', number: '3' },
          { kind: 'field', key: 'responsible', label: 'Atbildīgā institūcija' },
        ],
        path: null,
        row: 3,
        column: 'Atbildīgā institūcija',
        field: 'responsible',
        message: '3. rinda, Atbildīgā institūcija: nezināma institūcija „VBTAI”',
        severity: 'error',
      },
      {
        code: 'unknown_institution',
        params: { code: 'VBTAI' },
        location: [
          { kind: 'actionLine', number: '1' },
          { kind: 'measure', number: '1.2' },
          { kind: 'row', number: '4' },
          { kind: 'field', key: 'involved', label: 'Līdzatbildīgās institūcijas' },
        ],
        path: null,
        row: 4,
        column: 'Līdzatbildīgās institūcijas',
        field: 'involved',
        message: '4. rinda, Līdzatbildīgās institūcijas: nezināma institūcija „VBTAI”',
        severity: 'error',
      },
    ])
    // The preview keeps the unknown text as written, the rest as registry codes.
    const [m1, m2, m3] = measuresOf(body.document).map((x) => x.m)
    expect(m1).toMatchObject({
      number: '1.1',
      responsible: ['VBTAI'],
      involved: ['VP'],
      deadline: { text: '2025. gada 31. decembris', due: '2025-12-31' },
    })
    expect(m2).toMatchObject({ responsible: ['VP'], involved: ['VBTAI', 'IeM'], deadline: { due: '2027-12-31' } })
    expect(m2!.budget).toEqual({
      text: '10 000 EUR (2026. gadā)',
      lines: [expect.objectContaining({ amountEur: 10000, year: 2026, source: 'state_budget' })],
    })
    expect(m3).toMatchObject({ responsible: ['VPD'], involved: [], deadline: { text: 'Pastāvīgi', due: null }, budget: { lines: [] } })
    expect(body.document.plan).toMatchObject({ title: TITLE, period: { start: '2025-01-01', end: '2027-12-31' } })

    // Unmapped, the import is refused with the same details, and nothing is written.
    const stopped = await refused(() => send(coordinator, bytes), 422, 'IMPORT_PROBLEMS')
    expect((stopped.body as { details: { unknownInstitutions: unknown[] } }).details.unknownInstitutions).toEqual(body.unknownInstitutions)

    // Mapped to an existing institution: a draft, and the name learned as an alias (audited).
    const before = await counts()
    const res = await send(coordinator, bytes, { mapping: { VBTAI: { code: 'BAC' } }, plan: { code: 'NNP-2025-A' } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const after = await counts()
    expect(after).toMatchObject({ plans: before.plans + 1, aliases: before.aliases + 1, institutions: before.institutions })
    const [alias] = await t.app.db.select().from(institutionAliases).where(eq(institutionAliases.key, 'vbtai'))
    expect(alias).toMatchObject({ text: 'VBTAI' })
    const learned = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'institution.alias.create')).orderBy(auditLog.id)
    expect(learned.at(-1)).toMatchObject({ planId: res.body.id, after: { text: 'VBTAI', key: 'vbtai', institution: 'BAC' } })
    const exported = (await coordinator.get(`/api/plans/${res.body.id}/export`)).body as PlanDocument
    expect(measuresOf(exported).map((x) => [x.m.responsible, x.m.involved])).toEqual([
      [['BAC'], ['VP']],
      [['VP'], ['BAC', 'IeM']],
      [['VPD'], []],
    ])

    // The next file naming it matches at once.
    const again = await send(coordinator, bytes, { dryRun: true, plan: { code: 'NNP-2025-B' } })
    expect(again.body.unknownInstitutions).toEqual([])
    expect(again.body.importable).toBe(true)
    expect(measuresOf(again.body.document as PlanDocument)[0]!.m.responsible).toEqual(['BAC'])
  })

  it('adds a new institution from the mapping only for an administrator', async () => {
    const bytes = await tableDocx(
      [HEADER, ['1. Drošība', '', '', '', '', ''], ['1.1.', 'Kontroles', 'Patērētāju tiesību aizsardzības centrs', '', '2025. gads', '']],
      [TITLE],
    )
    const mapping = {
      'Patērētāju tiesību aizsardzības centrs': {
        create: { code: 'PTAC', name: 'Patērētāju tiesību aizsardzības centrs', kind: 'agency', parent: null },
      },
    }
    const denied = await refused(() => send(coordinator, bytes, { mapping, plan: { code: 'PTAC-1' } }), 403, 'FORBIDDEN')
    expect(denied.body.message).toMatch(/administrator/)
    const before = await counts()
    const res = await send(admin, bytes, { mapping, plan: { code: 'PTAC-1' } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(await counts()).toMatchObject({ institutions: before.institutions + 1, plans: before.plans + 1 })
    const [ptac] = await t.app.db.select().from(institutions).where(eq(institutions.code, 'PTAC'))
    expect(ptac).toMatchObject({ name: 'Patērētāju tiesību aizsardzības centrs', kind: 'agency' })
  })

  it('refuses a mapping to a code the registry does not have, and a mapping that is no JSON', async () => {
    const bytes = await tableDocx(rows, [TITLE])
    const dry = await send(coordinator, bytes, { dryRun: true, mapping: { VBTAI: { code: 'NAV' } } })
    expect(dry.status).toBe(200)
    expect(dry.body.importable).toBe(false)
    expect((dry.body as PlanFileDryRun).problems).toContainEqual(
      expect.objectContaining({ field: 'mapping', message: expect.stringContaining('„NAV” nav reģistrā') }),
    )
    await refused(() => send(coordinator, bytes, { mapping: { VBTAI: 'BAC' } }), 400, 'VALIDATION_FAILED')
  })
})

describe('what the table writes in words', () => {
  it('keeps deadline and budget wordings, derives what they allow, and warns on the row where they do not', async () => {
    const header = ['Nr.', 'Uzdevums', 'Termiņš', 'Atbildīgā iestāde', 'Finansējuma avots']
    const bytes = await tableDocx(
      [
        header,
        ['I', 'Uzraudzība', '', '', ''],
        ['1', 'Ziņojums', 'Katru gadu līdz 1. martam', 'IeM', 'ES fondi: EUR 7 500'],
        ['2', 'Pārskats', '2024. gada II pusgads', 'Iekšlietu ministrija', 'Esošā budžeta ietvaros'],
        ['3', 'Aptauja', '2023. gada I ceturksnis', 'pašvaldības', 'EUR (summa tiks precizēta 2024. gadā)'],
      ],
      ['Uzraudzības plāns 2023.–2024. gadam'],
    )
    const res = await send(coordinator, bytes, { dryRun: true })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const body = res.body as PlanFileDryRun
    expect(body.importable).toBe(true)
    const ms: DocMeasure[] = measuresOf(body.document).map((x) => x.m)
    expect(ms.map((m) => [m.number, m.responsible, m.deadline])).toEqual([
      ['1', ['IeM'], { text: 'Katru gadu līdz 1. martam', due: null }],
      ['2', ['IeM'], { text: '2024. gada II pusgads', due: '2024-12-31' }],
      ['3', ['PASV'], { text: '2023. gada I ceturksnis', due: '2023-03-31' }],
    ])
    expect(ms[0]!.budget!.lines).toEqual([expect.objectContaining({ amountEur: 7500, source: 'eu_funds' })])
    expect(ms[1]!.budget).toEqual({ text: 'Esošā budžeta ietvaros', lines: [] })
    expect(body.problems).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'Termiņš',
        field: 'deadline.due',
        severity: 'warning',
        message: expect.stringMatching(/^3\. rinda, Termiņš: .*atkārtots/),
      }),
      expect.objectContaining({ row: 5, column: 'Finansējuma avots', field: 'budget.lines', severity: 'warning' }),
    ])
    expect(body.document.plan.actionLines).toEqual([expect.objectContaining({ number: '1', title: 'Uzraudzība' })])
  })

  it('places a duplicate measure number and a missing institution on their rows', async () => {
    const bytes = await tableDocx(
      [
        HEADER,
        ['1. Novēršana', '', '', '', '', ''],
        ['1.1.', 'Viens', 'VP', '', '2025. gads', ''],
        ['1.1.', 'Divi', '', '', '2025. gads', ''],
      ],
      [TITLE],
    )
    const res = await send(coordinator, bytes, { dryRun: true })
    expect(res.status).toBe(200)
    expect(res.body.importable).toBe(false)
    expect((res.body as PlanFileDryRun).problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          row: 4,
          field: 'responsible',
          message: '4. rinda, Atbildīgā institūcija: nav norādīta atbildīgā institūcija',
        }),
        expect.objectContaining({
          row: 4,
          field: 'number',
          code: 'duplicate_number',
          params: { value: '1.1' },
          message: '4. rinda, Nr. p. k.: numurs „1.1” atkārtojas; katram jābūt savam numuram',
        }),
      ]),
    )
  })
})

describe('files that are no plan', () => {
  it('answers 422 with a Latvian problem when no table has a plan header', async () => {
    const res = await refused(
      async () =>
        send(
          coordinator,
          await tableDocx([
            ['Vārds', 'Uzvārds', 'Amats'],
            ['Ilze', 'Koordinatore', 'vecākā referente'],
          ]),
        ),
      422,
      'IMPORT_PROBLEMS',
    )
    expect((res.body as unknown as { details: { problems: ImportProblem[] } }).details.problems).toEqual([
      expect.objectContaining({ row: null, severity: 'error', message: expect.stringMatching(/^Dokumentā nav atrasta plāna tabula: /) }),
    ])
    const none = await refused(async () => send(coordinator, await paragraphsDocx(['Tikai teksts'])), 422, 'IMPORT_PROBLEMS')
    expect(JSON.stringify(none.body)).toContain('nav nevienas tabulas')
  })

  it('answers 422 for a damaged file', async () => {
    const whole = await planDocx(demo, 'names')
    const res = await refused(() => send(coordinator, whole.subarray(0, Math.floor(whole.length / 2))), 422, 'IMPORT_PROBLEMS')
    expect(JSON.stringify(res.body)).toContain('bojāts')
    // A zip that is no Word document.
    await refused(() => send(coordinator, zipSync({ 'readme.txt': new TextEncoder().encode('nav Word') })), 422, 'IMPORT_PROBLEMS')
    // Broken XML inside a Word package.
    await refused(
      () => send(coordinator, zipSync({ 'word/document.xml': new TextEncoder().encode('<w:document xmlns:w="x"><w:body><w:p>') })),
      422,
      'IMPORT_PROBLEMS',
    )
  })

  it('answers 415 for a password-protected or old-format file, saying so', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)])
    const res = await refused(() => send(coordinator, ole), 415, 'UNSUPPORTED_MEDIA_TYPE')
    expect(res.body.message).toMatch(/password-protected or old-format file/i)
  })

  it('answers 415 for another kind of file, or a .xlsx sent here', async () => {
    await refused(
      () => send(coordinator, Buffer.from('Šis nav Word dokuments'), { filename: 'bojats.docx' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    )
    const docx = await planDocx(demo, 'names')
    const wrong = await refused(() => send(coordinator, docx, { filename: 'plans.xlsx' }), 415, 'UNSUPPORTED_MEDIA_TYPE')
    expect(wrong.body.message).toContain('/api/plans/import/xlsx')
    // Not multipart at all.
    await refused(() => coordinator.post('/api/plans/import/docx?dryRun=true', {}), 415, 'UNSUPPORTED_MEDIA_TYPE')
  })

  it('answers 400 for an empty file or no file', async () => {
    await refused(() => send(coordinator, Buffer.alloc(0)), 400, 'EMPTY_FILE')
    const { body, contentType } = multipart([{ name: 'mapping', data: '{}' }])
    await refused(
      () =>
        coordinator.agent
          .post('/api/plans/import/docx')
          .set('X-CSRF-Token', coordinator.csrfToken)
          .set('content-type', contentType)
          .send(body),
      400,
      'VALIDATION_FAILED',
    )
  })

  it('answers 413 for a 20 MB file', async () => {
    const res = await refused(() => send(coordinator, Buffer.alloc(20 * MB, 1)), 413, 'PAYLOAD_TOO_LARGE')
    expect(res.body.message).toContain('10 MB')
  })

  it('answers 413 for a zip bomb, whether its sizes are declared or lie', async () => {
    const bomb = zipSync({ '[Content_Types].xml': new Uint8Array(10), 'word/document.xml': new Uint8Array(60 * MB) }, { level: 9 })
    expect(bomb.length).toBeLessThan(MB)
    const res = await refused(() => send(coordinator, bomb), 413, 'PAYLOAD_TOO_LARGE')
    expect(res.body.message).toMatch(/zip bomb/)

    // 30 MB declared as 1 KB: caught while inflating.
    const liar = zipSync({ 'word/document.xml': new Uint8Array(30 * MB) }, { level: 9 })
    const view = new DataView(liar.buffer, liar.byteOffset, liar.byteLength)
    for (let i = 0; i + 4 <= liar.length; i++) {
      const signature = view.getUint32(i, true)
      if (signature === 0x04034b50) view.setUint32(i + 22, 1024, true)
      if (signature === 0x02014b50) view.setUint32(i + 24, 1024, true)
    }
    await refused(() => send(coordinator, liar), 413, 'PAYLOAD_TOO_LARGE')
  })

  it('refuses the import to a role that may not import plans', async () => {
    await refused(async () => send(reporter, await planDocx(demo, 'names'), { dryRun: true }), 403, 'FORBIDDEN')
  })
})

describe('a new plan from the plan workbook (.xlsx), through the same pipeline', () => {
  it('imports the demo plan’s own workbook as a draft with the same measures', async () => {
    const planId = await t.demoPlanId()
    const workbook = await asBytes(coordinator.get(`/api/plans/${planId}/plan.xlsx`))
    expect(workbook.status).toBe(200)
    const bytes = workbook.body as Buffer
    const dry = await send(coordinator, bytes, { kind: 'xlsx', filename: 'plans.xlsx', dryRun: true, plan: { code: 'BNN-XLSX-1' } })
    expect(dry.status, JSON.stringify(dry.body).slice(0, 2000)).toBe(200)
    const body = dry.body as PlanFileDryRun
    expect(body.unknownInstitutions).toEqual([])
    expect(body.importable).toBe(true)
    const want = measuresOf(demo).map((x) => [x.m.number, x.m.title, x.m.responsible, x.m.involved ?? [], x.m.deadline])
    expect(measuresOf(body.document).map((x) => [x.m.number, x.m.title, x.m.responsible, x.m.involved ?? [], x.m.deadline])).toEqual(want)

    const before = await counts()
    const res = await send(coordinator, bytes, { kind: 'xlsx', filename: 'plans.xlsx', plan: { code: 'BNN-XLSX-1' } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ code: 'BNN-XLSX-1', measures: 30 })
    const [row] = await t.app.db.select().from(plans).where(eq(plans.id, res.body.id))
    expect(row!.state).toBe('draft')
    expect((await counts()).plans).toBe(before.plans + 1)
    const audit = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'plan.import')).orderBy(auditLog.id)
    expect(audit.at(-1)).toMatchObject({ entityId: String(res.body.id), after: expect.objectContaining({ source: 'xlsx' }) })
  })

  it('answers 415 for a .docx sent to the workbook import, and 413 for a zip bomb named .xlsx', async () => {
    const docx = await planDocx(demo, 'names')
    const wrong = await refused(() => send(coordinator, docx, { kind: 'xlsx', filename: 'plans.docx' }), 415, 'UNSUPPORTED_MEDIA_TYPE')
    expect(wrong.body.message).toContain('/api/plans/import/docx')
    // Named .xlsx, but Word inside.
    await refused(() => send(coordinator, docx, { kind: 'xlsx', filename: 'plans.xlsx' }), 415, 'UNSUPPORTED_MEDIA_TYPE')
    const bomb = zipSync({ '[Content_Types].xml': new Uint8Array(10), 'xl/workbook.xml': new Uint8Array(60 * MB) }, { level: 9 })
    await refused(() => send(coordinator, bomb, { kind: 'xlsx', filename: 'plans.xlsx' }), 413, 'PAYLOAD_TOO_LARGE')
  })
})

describe('the words of a plan table, read', () => {
  const matcher = new InstitutionMatcher(
    demo.institutions.map((i, n) => ({ id: n + 1, code: i.code, name: i.name })),
    [{ key: 'vbtai', institutionId: demo.institutions.findIndex((i) => i.code === 'BAC') + 1 }],
  )

  it.each([
    ['VP', ['VP']],
    ['vp', ['VP']],
    ['Valsts policija', ['VP']],
    ['Valsts policijai', ['VP']],
    ['„Valsts policijas”', ['VP']],
    ['IeM (VP)', ['VP']],
    ['IeM (VP, VUGD)', ['VP', 'VUGD']],
    ['pašvaldības', ['PASV']],
    ['IeM, TM', ['IeM', 'TM']],
    ['IeM; TM\nLM', ['IeM', 'TM', 'LM']],
    ['Iekšlietu ministrija', ['IeM']],
    ['Izglītības un zinātnes ministrija', ['IZM']],
    ['Valsts ugunsdzēsības un glābšanas dienests', ['VUGD']],
    ['LM un pašvaldības', ['LM', 'PASV']],
    ['VBTAI', ['BAC']],
  ])('matches “%s”', (text, codes) => {
    expect(matcher.matchCell(text)).toMatchObject({ codes, unknown: [] })
  })

  it('keeps what matches nothing, in the cell’s order, with close registry codes as suggestions', () => {
    expect(matcher.matchCell('LM un Valsts izglītības satura centrs').parts).toEqual([
      { code: 'LM' },
      { text: 'Valsts izglītības satura centrs' },
    ])
    expect(matcher.suggestions('VUDG')).toContain('VUGD')
    expect(matcher.suggestions('Valsts probācijas')).toEqual(expect.arrayContaining(['VPD']))
  })

  it.each([
    ['2023.–2024. gads', '2024-12-31', false],
    ['2024. gada 31. decembris', '2024-12-31', false],
    ['līdz 2024. gada 1. jūlijam', '2024-07-01', false],
    ['31.12.2025.', '2025-12-31', false],
    ['2024. gada II pusgads', '2024-12-31', false],
    ['2024. gada I pusgads', '2024-06-30', false],
    ['2023. gada I ceturksnis', '2023-03-31', false],
    ['2023. gada decembris', '2023-12-31', false],
    ['Katru gadu līdz 1. martam', null, true],
    ['Pastāvīgi', null, false],
    ['drīzumā', null, true],
  ])('reads the deadline “%s” as %s', (text, due, warns) => {
    const reading = readDeadline(text)
    expect(reading.due).toBe(due)
    expect(reading.warning !== null).toBe(warns)
  })

  it('reads euro amounts as budget lines, with their source and year', () => {
    const line = (amountEur: number, source: string, year: number | null) => ({
      amountEur,
      source,
      year,
      institution: null,
      programme: null,
      granted: null,
    })
    expect(readBudget('46 000 euro').lines).toEqual([line(46000, 'state_budget', null)])
    expect(readBudget('EUR 7 500').lines).toEqual([line(7500, 'state_budget', null)])
    expect(readBudget('100 000 EUR (2024. gadā)').lines).toEqual([line(100000, 'state_budget', 2024)])
    expect(readBudget('ES fondi: 1,5 milj. euro').lines).toEqual([line(1500000, 'eu_funds', null)])
    expect(readBudget('2023. gadā 10 000 euro; 2024. gadā papildu 12 000 euro').lines).toEqual([
      line(10000, 'state_budget', 2023),
      line(12000, 'additional_state_budget', 2024),
    ])
    expect(readBudget('Esošā budžeta ietvaros')).toEqual({ lines: [], warning: null })
  })
})
