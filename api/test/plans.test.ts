import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanDocument } from '@apt/shared'
import { readDemoPlan } from '../src/bootstrap.js'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'

let t: TestApp
let coordinator: Client
let planId: number

beforeAll(async () => {
  t = await startTestApp()
  coordinator = await t.login(DEMO.planCoordinator)
  planId = await t.demoPlanId()
})
afterAll(() => t.close())

const withCode = (doc: PlanDocument, code: string): PlanDocument => ({ ...doc, plan: { ...doc.plan, code } })

describe('health', () => {
  it('answers with the database kind', async () => {
    const res = await t.http.get('/api/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok', db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' })
  })
})

describe('the demo plan (golden)', () => {
  it('summarises as the 2023–2024 report states', async () => {
    const res = await coordinator.get(`/api/plans/${planId}/summary`)
    expect(res.status).toBe(200)
    expect(res.body.total).toBe(30)
    expect(res.body.byStatus).toEqual({ done: 19, partial: 9, not_done: 2, pending: 0 })
    const lines = res.body.byActionLine.map((l: Record<string, unknown>) => [l.number, l.done, l.partial, l.not_done])
    expect(lines).toEqual([
      ['1', 8, 1, 0],
      ['2', 6, 4, 1],
      ['3', 3, 2, 1],
      ['4', 2, 2, 0],
    ])
    expect(res.body.bySector).toEqual([
      { sector: 'IeM', count: 12 },
      { sector: 'TM', count: 10 },
      { sector: 'several', count: 4 },
      { sector: 'LIA', count: 4 },
    ])
  })

  it('lists plans and shows one with its action lines', async () => {
    const list = await coordinator.get('/api/plans')
    expect(list.status).toBe(200)
    expect(list.body).toEqual([expect.objectContaining({ id: planId, code: 'BNN-2023-2024', coordinator: 'IeM', measureCount: 30 })])
    const plan = await coordinator.get(`/api/plans/${planId}`)
    expect(plan.body.actionLines.map((l: { measureCount: number }) => l.measureCount)).toEqual([9, 11, 6, 4])
    expect(plan.body.approvedBy).toBe('Ministru kabineta 2023. gada 22. marta rīkojums Nr. 156')
  })

  it('says what the caller may do with each plan, in the list and the detail', async () => {
    // The demo plan is active: its coordinator may close it, not activate it again; only a closed plan reopens.
    const all = {
      edit: true,
      activate: false,
      close: true,
      reopen: false,
      openRound: true,
      editReport: true,
      readReport: true,
      readAudit: true,
    }
    const readOnly = { edit: false, activate: false, close: false, reopen: false, openRound: false, editReport: false, readAudit: false }
    const clients = await t.loginAll()
    const expected = {
      admin: all,
      planCoordinator: all,
      ministryCoordinator: { ...readOnly, readReport: true },
      reporterVPD: { ...readOnly, readReport: false },
      reporterVP: { ...readOnly, readReport: false },
      viewer: { ...readOnly, readReport: true },
    }
    for (const [who, abilities] of Object.entries(expected)) {
      const client = clients[who as keyof typeof clients]
      const listed = (await client.get('/api/plans')).body.find((p: { id: number }) => p.id === planId)
      expect({ who, abilities: listed.abilities }).toEqual({ who, abilities })
      expect({ who, abilities: (await client.get(`/api/plans/${planId}`)).body.abilities }).toEqual({ who, abilities })
    }
  })

  it('exports the document it was imported from', async () => {
    const res = await coordinator.get(`/api/plans/${planId}/export`)
    expect(res.status).toBe(200)
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="BNN-2023-2024-\d{4}-\d{2}-\d{2}\.json"/)
    expect(res.body).toEqual(readDemoPlan())
  })

  it('round-trips: export → import under a new code → export gives the same document', async () => {
    const first = (await coordinator.get(`/api/plans/${planId}/export`)).body as PlanDocument
    const imported = await coordinator.post('/api/plans/import', withCode(first, 'ROUND-TRIP'))
    expect(imported.status).toBe(201)
    expect(imported.body).toMatchObject({ code: 'ROUND-TRIP', measures: 30 })
    const second = (await coordinator.get(`/api/plans/${imported.body.id}/export`)).body as PlanDocument
    expect(withCode(second, first.plan.code)).toEqual(first)
  })
})

describe('import errors', () => {
  it('lists every schema error with its JSON path and writes nothing', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberately breaking a typed document
    const doc = structuredClone(readDemoPlan()) as unknown as Record<string, any>
    doc.plan.code = 'BROKEN'
    doc.plan.actionLines[0].measures[0].status = 'finished'
    doc.plan.actionLines[1].title = ''
    delete doc.plan.actionLines[2].measures[1].responsible
    doc.plan.actionLines[3].measures[0].budget = { lines: [{ amountEur: '46000', source: 'state_budget' }] }
    doc.extra = true
    const res = await coordinator.post('/api/plans/import', doc)
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('VALIDATION_FAILED')
    const paths = res.body.errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        '/plan/actionLines/0/measures/0/status',
        '/plan/actionLines/1/title',
        '/plan/actionLines/2/measures/1/responsible',
        '/plan/actionLines/3/measures/0/budget/lines/0/amountEur',
        '/extra',
      ]),
    )
    const plans = await coordinator.get('/api/plans')
    expect(plans.body.map((p: { code: string }) => p.code)).not.toContain('BROKEN')
  })

  it('reports duplicate measure and action line numbers with their paths', async () => {
    const doc = withCode(structuredClone(readDemoPlan()), 'DUPES')
    doc.plan.actionLines[1]!.measures[0]!.number = '1.1'
    doc.plan.actionLines[2]!.number = '1'
    const res = await coordinator.post('/api/plans/import', doc)
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
      '/plan/actionLines/2/number',
      '/plan/actionLines/1/measures/0/number',
    ])
  })

  it('answers 422 naming institution codes used but not listed', async () => {
    const doc = withCode(structuredClone(readDemoPlan()), 'UNKNOWN-CODES')
    doc.plan.actionLines[0]!.measures[0]!.responsible = ['NOPE']
    doc.plan.actionLines[0]!.measures[1]!.involved = ['ALSO-NOPE']
    const res = await coordinator.post('/api/plans/import', doc)
    expect(res.status).toBe(422)
    expect(res.body.code).toBe('UNKNOWN_INSTITUTIONS')
    expect(res.body.details.codes.map((c: { code: string }) => c.code)).toEqual(['NOPE', 'ALSO-NOPE'])
    expect(res.body.message).toContain('NOPE')
  })

  it('answers 409 when the plan code exists', async () => {
    const res = await coordinator.post('/api/plans/import', readDemoPlan())
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('ALREADY_EXISTS')
  })

  it('dry run validates and writes nothing', async () => {
    const admin = await t.login(DEMO.admin)
    const doc = withCode(readDemoPlan(), 'DRY')
    doc.institutions.push({ code: 'NEWINST', name: 'Jauna iestāde', kind: 'other', parent: null })
    const res = await admin.post('/api/plans/import?dryRun=true', doc)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ valid: true, code: 'DRY', measures: 30, newInstitutions: ['NEWINST'] })
    const after = await admin.get('/api/plans')
    expect(after.body.map((p: { code: string }) => p.code)).not.toContain('DRY')
    const institutions = await admin.get('/api/institutions')
    expect(institutions.body.map((i: { code: string }) => i.code)).not.toContain('NEWINST')
  })

  it('lets only an admin add institutions through an import, and audits each one', async () => {
    const doc = withCode(readDemoPlan(), 'NEW-INST')
    doc.institutions.push({ code: 'ZZZ', name: 'Jauna aģentūra', kind: 'agency', parent: 'TM' })
    for (const dryRun of ['?dryRun=true', '']) {
      const refused = await coordinator.post(`/api/plans/import${dryRun}`, doc)
      expect(refused.status).toBe(403)
      expect(refused.body.details.codes).toEqual([{ code: 'ZZZ' }])
    }
    const admin = await t.login(DEMO.admin)
    expect((await admin.post('/api/plans/import', doc)).status).toBe(201)
    const log = await admin.get('/api/audit?entity=institution')
    expect(log.body.find((r: { after: { code: string } }) => r.after?.code === 'ZZZ')).toMatchObject({ action: 'institution.create' })
  })

  it('finds a parent cycle among new institutions in the dry run already', async () => {
    const admin = await t.login(DEMO.admin)
    const doc = withCode(readDemoPlan(), 'CYCLE')
    doc.institutions.push(
      { code: 'AAA', name: 'A', kind: 'agency', parent: 'BBB' },
      { code: 'BBB', name: 'B', kind: 'agency', parent: 'AAA' },
    )
    const n = doc.institutions.length
    for (const dryRun of ['?dryRun=true', '']) {
      const res = await admin.post(`/api/plans/import${dryRun}`, doc)
      expect(res.status).toBe(400)
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
        `/institutions/${n - 2}/parent`,
        `/institutions/${n - 1}/parent`,
      ])
    }
  })

  it('reuses existing institutions instead of duplicating them', async () => {
    const before = (await coordinator.get('/api/institutions')).body.length
    const res = await coordinator.post('/api/plans/import', withCode(readDemoPlan(), 'REUSE'))
    expect(res.status).toBe(201)
    expect((await coordinator.get('/api/institutions')).body.length).toBe(before)
  })

  it('answers 413 for a body over the limit and 400 for malformed JSON', async () => {
    const huge = { ...readDemoPlan(), padding: 'x'.repeat(21 * 1024 * 1024) }
    const tooBig = await coordinator.post('/api/plans/import', huge)
    expect(tooBig.status).toBe(413)
    expect(tooBig.body.code).toBe('PAYLOAD_TOO_LARGE')
    const malformed = await coordinator.agent
      .post('/api/plans/import')
      .set('X-CSRF-Token', coordinator.csrfToken)
      .set('content-type', 'application/json')
      .send('{"format": ')
    expect(malformed.status).toBe(400)
  })
})

describe('unknown routes', () => {
  it('answer 404 JSON', async () => {
    const res = await t.http.get('/api/nothing-here')
    expect(res.status).toBe(404)
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'NOT_FOUND' })
  })
})

describe('OpenAPI', () => {
  it('is public at /docs/json and describes every API route with tags', async () => {
    const res = await t.http.get('/docs/json')
    expect(res.status).toBe(200)
    expect(res.body.openapi).toMatch(/^3\./)
    const operations = Object.values(res.body.paths as Record<string, Record<string, { tags?: string[]; responses: object }>>).flatMap(
      (p) => Object.values(p),
    )
    expect(operations.length).toBeGreaterThan(30)
    expect(operations.every((op) => op.tags && op.tags.length > 0)).toBe(true)
    expect((await t.http.get('/docs/')).status).toBe(200)
  })
})

describe('the next plan', () => {
  it('carries the unfinished measures into a successor, pending and linked', async () => {
    const res = await coordinator.post(`/api/plans/${planId}/successor`, {
      code: 'BNN-2025-2027',
      title: 'Bērnu noziedzības novēršanas un bērnu aizsardzības pret noziedzīgu nodarījumu plāns 2025.-2027. gadam',
      period: { start: '2025-01-01', end: '2027-12-31' },
      reportDue: '2028-06-01',
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ code: 'BNN-2025-2027', measures: 11 })
    const summary = await coordinator.get(`/api/plans/${res.body.id}/summary`)
    expect(summary.body.byStatus).toEqual({ done: 0, partial: 0, not_done: 0, pending: 11 })
    const plan = await coordinator.get(`/api/plans/${res.body.id}`)
    expect(plan.body.predecessorId).toBe(planId)
    const measures = (await coordinator.get(`/api/plans/${res.body.id}/measures`)).body
    const old = (await coordinator.get(`/api/plans/${planId}/measures`)).body
    const m29 = measures.find((m: { number: string }) => m.number === '2.9')
    expect(m29.carriedFromId).toBe(old.find((m: { number: string }) => m.number === '2.9').id)
    const again = await coordinator.post(`/api/plans/${planId}/successor`, {
      code: 'BNN-2025-2027',
      title: 'x',
      period: { start: '2025-01-01', end: '2027-12-31' },
    })
    expect(again.status).toBe(409)
  })
})
