// Publishing and the open data (issue #17) over HTTP: a plan, its survey results, evidence and
// reports made public by their coordinator; data.json as action-plan/1, measures.csv read back,
// the DCAT-AP catalogue expanded as JSON-LD; 404 for everything unpublished; and the leak test —
// nothing non-public of the data (api/test/support/non-public-strings.ts) in any public answer.
import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import jsonld from 'jsonld'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, surveys } from '../src/db/schema/index.js'
import { PUBLIC_MEASURE_COLUMNS } from '../src/plugins/public/open-data/measures-csv.js'
import { asBytes, type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { draft, measuresByNumber, openRound, step, tinyPdf, upload } from './round-fixtures.js'
import { leaks, nonPublicStrings } from './support/non-public-strings.js'
import { parseCsv } from './helpers/csv.js'

const PLAN = 'BNN-2023-2024'
const SURVEY = 'PASV-PREV-2025'
const schema = JSON.parse(readFileSync(new URL('../../docs/formats/plan.schema.json', import.meta.url), 'utf8'))
const ajv = new Ajv2020({ allErrors: true, strict: false })
addFormats.default(ajv)
const validatePlanDocument = ajv.compile(schema)

let t: TestApp
let coordinator: Client
let admin: Client
let planId: number
let surveyId: number
/** Ids made by the fixtures below: an accepted submission's file, a file under review, a published report. */
const ids = { acceptedFile: 0, reviewFile: 0, report: 0 }

const publicRoutes = () => [
  `/p/${PLAN}/data.json`,
  `/p/${PLAN}/measures.csv`,
  `/p/${PLAN}/surveys/${SURVEY}/results.json`,
  `/p/${PLAN}/evidence/${ids.acceptedFile}`,
  `/p/${PLAN}/evidence/${ids.reviewFile}`,
  `/p/${PLAN}/reports/${ids.report}`,
]

beforeAll(async () => {
  t = await startTestApp()
  coordinator = await t.login(DEMO.planCoordinator)
  admin = await t.login(DEMO.admin)
  planId = await t.demoPlanId()
  const [survey] = await t.app.db.select({ id: surveys.id }).from(surveys).where(eq(surveys.code, SURVEY))
  surveyId = survey!.id

  // A round with one text accepted (with a file), one in review (with a file), one returned with a comment, one draft.
  const reporterVPD = await t.login(DEMO.reporterVPD)
  const reporterVP = await t.login(DEMO.reporterVP)
  const ministry = await t.login(DEMO.ministryCoordinator)
  const measures = await measuresByNumber(coordinator, planId)
  // VPD is responsible for 2.2 and 2.3 in the demo plan, VP for 1.1.
  const id = (number: string) => measures.get(number)!.id
  const round = await openRound(coordinator, planId, { measures: [id('1.1'), id('2.2'), id('2.3')] })
  const accepted = await draft(reporterVPD, round.id, id('2.3'), 'VPD', { text: 'Pieņemtais teksts par probācijas programmām.' })
  const acceptedUpload = await upload(reporterVPD, accepted.id, 'pienemta-atskaite-pielikums.pdf', tinyPdf('pieņemts'))
  expect(acceptedUpload.status, JSON.stringify(acceptedUpload.body)).toBe(201)
  ids.acceptedFile = acceptedUpload.body.id
  let now = await step(reporterVPD, accepted.id, 'submit', accepted.version)
  now = await step(ministry, accepted.id, 'endorse', now.version)
  await step(coordinator, accepted.id, 'accept', now.version)

  const inReview = await draft(reporterVP, round.id, id('1.1'), 'VP', {
    text: 'IZSKATĪŠANĀ: slepens teksts, ko vēl neviens nav pieņēmis.',
    reason: 'Iemesls, kas vēl tiek izskatīts',
  })
  const reviewUpload = await upload(reporterVP, inReview.id, 'iekseja-izskatama-atskaite.pdf', tinyPdf('izskatīšanā'))
  ids.reviewFile = reviewUpload.body.id
  await step(reporterVP, inReview.id, 'submit', inReview.version)

  const returned = await draft(reporterVPD, round.id, id('2.2'), 'VPD', {
    text: 'ATGRIEZTS: teksts, kas tika atgriezts labošanai.',
  })
  now = await step(reporterVPD, returned.id, 'submit', returned.version)
  await step(ministry, returned.id, 'return', now.version, 200, { comment: 'Atgriešanas komentārs: lūdzu papildināt ar skaitļiem.' })

  const report = await asBytes(coordinator.get(`/api/plans/${planId}/report.docx`))
  expect(report.status).toBe(200)
  ids.report = Number(report.headers['x-report-export-id'])
})
afterAll(() => t.close())

describe('before anything is published', () => {
  it('answers 404 on every public route and lists no dataset', async () => {
    for (const url of [...publicRoutes(), `/p/NO-SUCH-PLAN/data.json`, `/p/NO-SUCH-PLAN/measures.csv`]) {
      const res = await t.http.get(url)
      expect(res.status, url).toBe(404)
      expect(res.body.code, url).toBe('NOT_FOUND')
    }
    const catalog = await t.http.get('/open-data/catalog.jsonld')
    expect(catalog.status).toBe(200)
    expect(catalog.body['dcat:dataset']).toEqual([])
  })

  it('says so to the coordinator, who may publish; a viewer may not', async () => {
    const res = await coordinator.get(`/api/plans/${planId}/publication`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ publishedAt: null, paths: { page: `/p/${PLAN}`, data: `/p/${PLAN}/data.json` } })
    expect(res.body.abilities).toEqual({ publish: true, unpublish: true })
    const viewer = await t.login(DEMO.viewer)
    expect((await viewer.get(`/api/plans/${planId}/publication`)).body.abilities).toEqual({ publish: false, unpublish: false })
    expect((await viewer.post(`/api/plans/${planId}/publish`)).status).toBe(403)
  })
})

describe('publishing', () => {
  it('publishes the plan (audited), and publishing again changes nothing', async () => {
    const res = await coordinator.post(`/api/plans/${planId}/publish`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.publishedBy).toBe('Ilze Koordinatore')
    const again = await coordinator.post(`/api/plans/${planId}/publish`)
    expect(again.body.publishedAt).toBe(res.body.publishedAt)
    const audited = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'plan.publish'), eq(auditLog.entityId, String(planId))))
    expect(audited).toHaveLength(1)
  })

  it('publishes a closed survey’s results with the free texts marked; an open survey is 409', async () => {
    const [open] = await t.app.db.select({ id: surveys.id }).from(surveys).where(eq(surveys.state, 'open'))
    const refused = await coordinator.post(`/api/surveys/${open!.id}/publish`, { publicTextQuestions: [] })
    expect(refused.status).toBe(409)
    const unknown = await coordinator.post(`/api/surveys/${surveyId}/publish`, { publicTextQuestions: ['regulation'] })
    expect(unknown.status).toBe(422)
    const res = await coordinator.post(`/api/surveys/${surveyId}/publish`, { publicTextQuestions: ['main_issues'] })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ publicTextQuestions: ['main_issues'], path: `/p/${PLAN}/surveys/${SURVEY}/results.json` })

    const results = await t.http.get(res.body.path)
    expect(results.status).toBe(200)
    const byId = new Map(results.body.questions.map((q: { id: string }) => [q.id, q]))
    expect((byId.get('main_issues') as { texts: string[] }).texts.length).toBeGreaterThan(0)
    expect(byId.get('challenges')).not.toHaveProperty('texts')
    expect(JSON.stringify(results.body)).not.toContain('"institutions"')
    const internal = (await coordinator.get(`/api/surveys/${surveyId}/results`)).body
    expect(results.body.responded).toBe(internal.responded)
    expect(results.body.questions.map((q: { answered: number }) => q.answered)).toEqual(
      internal.questions.map((q: { answered: number }) => q.answered),
    )
  })

  it('marks an accepted submission’s file public; a file under review is 409', async () => {
    expect((await t.http.get(`/p/${PLAN}/evidence/${ids.acceptedFile}`)).status).toBe(404)
    const refused = await coordinator.put(`/api/evidence/${ids.reviewFile}/public`, { public: true })
    expect(refused.status).toBe(409)
    const res = await coordinator.put(`/api/evidence/${ids.acceptedFile}/public`, { public: true })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.public).toBe(true)
    const file = await asBytes(t.http.get(`/p/${PLAN}/evidence/${ids.acceptedFile}`))
    expect(file.status).toBe(200)
    expect(file.headers['content-type']).toBe('application/pdf')
    expect(Buffer.compare(file.body, tinyPdf('pieņemts'))).toBe(0)
    expect((await t.http.get(`/p/${PLAN}/evidence/${ids.reviewFile}`)).status).toBe(404)
  })

  it('publishes a report export with the plan', async () => {
    expect((await t.http.get(`/p/${PLAN}/reports/${ids.report}`)).status).toBe(404)
    const res = await coordinator.put(`/api/plans/${planId}/report/exports/${ids.report}/public`, { public: true })
    expect(res.status).toBe(200)
    const file = await asBytes(t.http.get(`/p/${PLAN}/reports/${ids.report}`))
    expect(file.status).toBe(200)
    expect(file.body.subarray(0, 2).toString()).toBe('PK')
    expect((await coordinator.get(`/api/plans/${planId}/publication`)).body.publishedReports).toEqual([ids.report])
  })
})

describe('the open data of the published plan', () => {
  it('data.json is action-plan/1 with the accepted texts only, cached by ETag', async () => {
    const res = await t.http.get(`/p/${PLAN}/data.json`)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(validatePlanDocument(res.body), JSON.stringify(validatePlanDocument.errors)).toBe(true)
    const exported = (await coordinator.get(`/api/plans/${planId}/export`)).body
    expect(res.body).toEqual(exported)
    const texts = res.body.plan.actionLines.flatMap((l: { measures: { progress?: { text: string }[] }[] }) =>
      l.measures.flatMap((m) => (m.progress ?? []).map((p) => p.text)),
    )
    expect(texts).toContain('Pieņemtais teksts par probācijas programmām.')
    expect(res.headers['cache-control']).toBe('public, max-age=300')
    expect(res.headers['last-modified']).toBeTruthy()
    const again = await t.http.get(`/p/${PLAN}/data.json`).set('If-None-Match', res.headers.etag!)
    expect(again.status).toBe(304)
  })

  it('measures.csv reads back: BOM, the documented header, one row per measure', async () => {
    const res = await asBytes(t.http.get(`/p/${PLAN}/measures.csv`))
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    const text = (res.body as Buffer).toString('utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const [header, ...rows] = parseCsv(text.slice(1))
    expect(header).toEqual(PUBLIC_MEASURE_COLUMNS.map((c) => c.name))
    const docs = readFileSync(new URL('../../docs/formats/measures-csv.md', import.meta.url), 'utf8')
    for (const name of header!) expect(docs, name).toContain(`\`${name}\``)
    const exported = (await coordinator.get(`/api/plans/${planId}/export`)).body
    const numbers = exported.plan.actionLines.flatMap((l: { measures: { number: string }[] }) => l.measures.map((m) => m.number))
    expect(rows.map((r) => r[header!.indexOf('number')])).toEqual(numbers)
    expect(rows.every((r) => r.length === header!.length && r[0] === PLAN)).toBe(true)
  })

  it('the catalogue expands as JSON-LD, naming every dataset and distribution', async () => {
    const res = await t.http
      .get('/open-data/catalog.jsonld')
      .buffer(true)
      .parse((r, done) => {
        let body = ''
        r.setEncoding('utf8')
        r.on('data', (c: string) => (body += c))
        r.on('end', () => done(null, body))
      })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/)
    const expanded = (await jsonld.expand(JSON.parse(res.body as string))) as Record<string, unknown[]>[]
    const DCAT = 'http://www.w3.org/ns/dcat#'
    const DCT = 'http://purl.org/dc/terms/'
    const catalog = expanded.find((node) => (node['@type'] as string[] | undefined)?.includes(`${DCAT}Catalog`))!
    expect(catalog).toBeTruthy()
    const datasets = catalog[`${DCAT}dataset`] as Record<string, unknown[]>[]
    expect(datasets).toHaveLength(2)
    const titleOf = (node: Record<string, unknown[]>) => (node[`${DCT}title`] as { '@value': string }[] | undefined)?.[0]?.['@value']
    const exported = (await coordinator.get(`/api/plans/${planId}/export`)).body
    expect(datasets.map(titleOf)).toEqual([exported.plan.title, expect.stringContaining('apkopotie rezultāti')])
    for (const dataset of datasets) {
      expect(titleOf(dataset)).toBeTruthy()
      expect(dataset[`${DCT}publisher`]).toHaveLength(1)
      expect(dataset[`${DCT}license`]).toEqual([{ '@id': 'https://creativecommons.org/licenses/by/4.0/' }])
      expect(dataset[`${DCT}modified`]).toHaveLength(1)
      const distributions = dataset[`${DCAT}distribution`] as Record<string, unknown[]>[]
      expect(distributions.length).toBeGreaterThan(0)
      for (const d of distributions) {
        expect(titleOf(d)).toBeTruthy()
        expect((d[`${DCAT}accessURL`] as { '@id': string }[])[0]!['@id']).toMatch(/^http:\/\/127\.0\.0\.1:3000\/p\//)
        expect(d[`${DCAT}mediaType`]).toHaveLength(1)
        expect(d[`${DCT}format`]).toHaveLength(1)
      }
    }
    const planDataset = datasets[0]!
    const urls = (planDataset[`${DCAT}distribution`] as Record<string, { '@id': string }[]>[]).map(
      (d) => d[`${DCAT}downloadURL`]![0]!['@id'],
    )
    expect(urls).toEqual([
      `http://127.0.0.1:3000/p/${PLAN}/data.json`,
      `http://127.0.0.1:3000/p/${PLAN}/measures.csv`,
      `http://127.0.0.1:3000/p/${PLAN}/reports/${ids.report}`,
    ])
  })

  it('leaks nothing that is not public: texts in review, returned comments, e-mails, private evidence names', async () => {
    const strings = await nonPublicStrings(t.app.db)
    const kinds = new Set(strings.map((s) => s.kind.replace(/ \d+/g, '')))
    // The collector found each kind the fixtures made, so the check below is not empty by accident.
    for (const kind of ['submission (submitted) text', 'submission return comment', 'user e-mail', 'evidence file name'])
      expect(kinds, kind).toContain(kind)
    expect(strings.some((s) => s.text === 'iekseja-izskatama-atskaite.pdf')).toBe(true)
    expect(strings.some((s) => s.text === 'pienemta-atskaite-pielikums.pdf')).toBe(false)
    for (const url of [
      `/p/${PLAN}/data.json`,
      `/p/${PLAN}/measures.csv`,
      `/p/${PLAN}/surveys/${SURVEY}/results.json`,
      '/open-data/catalog.jsonld',
    ]) {
      const res = await t.http
        .get(url)
        .buffer(true)
        .parse((r, done) => {
          let body = ''
          r.setEncoding('utf8')
          r.on('data', (c: string) => (body += c))
          r.on('end', () => done(null, body))
        })
      expect(res.status, url).toBe(200)
      expect(leaks(strings, res.body as string), url).toEqual([])
    }
  })
})

describe('the licence and taking it back', () => {
  it('the admin’s licence is stated by the data and the catalogue', async () => {
    const before = await admin.get('/api/admin/open-data')
    expect(before.body).toEqual({
      licence: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
      isSet: false,
      version: 0,
    })
    const licence = { name: 'CC0 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' }
    const res = await admin.put('/api/admin/open-data', { licence, version: 0 })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect((await admin.put('/api/admin/open-data', { licence, version: 0 })).status).toBe(409)
    expect((await admin.put('/api/admin/open-data', { licence: { name: 'x', url: 'ftp://x' }, version: 1 })).status).toBe(400)
    const catalog = await t.http.get('/open-data/catalog.jsonld')
    expect(catalog.body['dcat:dataset'][0]['dct:license']).toEqual({ '@id': licence.url })
  })

  it('unpublishing answers 404 on every public route again', async () => {
    expect((await coordinator.post(`/api/plans/${planId}/unpublish`)).status).toBe(200)
    for (const url of publicRoutes()) expect((await t.http.get(url)).status, url).toBe(404)
    expect((await t.http.get('/open-data/catalog.jsonld')).body['dcat:dataset']).toEqual([])
  })
})
