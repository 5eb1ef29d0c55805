// What a careful clerk notices (issue 15): a status change that would leave the old assessment, a
// taken e-mail or code named in the 409, the same file attached twice, and asking who is logged in
// without an error status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NO_USER_ABILITIES } from '@apt/shared'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { draft, type MeasureRef, measuresByNumber, openRound, tinyPdf, upload } from './round-fixtures.js'

let t: TestApp
let admin: Client
let coordinator: Client
let planId: number
let measures: Map<string, MeasureRef>

beforeAll(async () => {
  t = await startTestApp()
  ;({ admin, planCoordinator: coordinator } = await t.loginAll())
  planId = await t.demoPlanId()
  measures = await measuresByNumber(coordinator, planId)
})
afterAll(() => t.close())

const measure = async (number: string) => (await coordinator.get(`/api/measures/${measures.get(number)!.id}`)).body

describe('a status change reviews the assessment', () => {
  it('refuses a new status beside the assessment written for the old one, and writes nothing', async () => {
    const before = await measure('1.2')
    expect(before.status).toBe('partial')
    expect(before.assessment).toBeTruthy()
    const change = { version: before.version, status: 'done', reason: 'Pabeigts' }

    const unchanged = await coordinator.patch(`/api/measures/${before.id}`, change)
    expect(unchanged.status).toBe(409)
    expect(unchanged.body).toMatchObject({
      code: 'ASSESSMENT_REVIEW_REQUIRED',
      details: { field: '/assessment', status: { from: 'partial', to: 'done' } },
    })
    // The same text sent back (give or take spaces) is no review either.
    const same = await coordinator.patch(`/api/measures/${before.id}`, { ...change, assessment: ` ${before.assessment} ` })
    expect(same.status).toBe(409)
    expect(same.body.code).toBe('ASSESSMENT_REVIEW_REQUIRED')
    expect(await measure('1.2')).toMatchObject({ status: 'partial', version: before.version, assessment: before.assessment })
    expect((await coordinator.get(`/api/measures/${before.id}/history`)).body).toEqual([])
  })

  it('keeps the assessment when told so, and takes a rewritten one', async () => {
    const kept = await measure('3.3')
    const keep = await coordinator.patch(`/api/measures/${kept.id}`, {
      version: kept.version,
      status: 'done',
      reason: 'Pabeigts',
      keepAssessment: true,
    })
    expect(keep.status).toBe(200)
    expect(keep.body.measure).toMatchObject({ status: 'done', assessment: kept.assessment })

    const rewritten = await measure('4.2')
    const res = await coordinator.patch(`/api/measures/${rewritten.id}`, {
      version: rewritten.version,
      status: 'done',
      reason: 'Pabeigts',
      assessment: 'Izpildīts: visas darbības pabeigtas 2024. gadā.',
    })
    expect(res.status).toBe(200)
    expect(res.body.measure).toMatchObject({ status: 'done', assessment: 'Izpildīts: visas darbības pabeigtas 2024. gadā.' })
    const cleared = await coordinator.patch(`/api/measures/${rewritten.id}`, {
      version: res.body.measure.version,
      status: 'partial',
      reason: 'Atvērts no jauna',
      assessment: null,
    })
    expect(cleared.status).toBe(200)
    expect(cleared.body.measure.assessment).toBeNull()
  })

  it('asks nothing when there is no assessment to review, or the status stays', async () => {
    const bare = await measure('1.1')
    expect(bare.assessment).toBeNull()
    const res = await coordinator.patch(`/api/measures/${bare.id}`, { version: bare.version, status: 'partial', reason: 'Pārskatīts' })
    expect(res.status).toBe(200)
    const other = await measure('2.1')
    const title = await coordinator.patch(`/api/measures/${other.id}`, { version: other.version, status: other.status, title: 'Cits' })
    expect(title.status).toBe(200)
  })
})

describe('a taken unique value is named in the 409', () => {
  it('names the user’s e-mail as stored, whatever its case', async () => {
    const res = await admin.post('/api/users', {
      email: DEMO.viewer.email.toUpperCase(),
      name: 'Otrs',
      institution: 'VP',
      role: 'viewer',
    })
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({ code: 'ALREADY_EXISTS', details: { entity: 'user', field: '/email', value: DEMO.viewer.email } })
  })

  it('names an institution’s code, a plan’s code and a measure’s number', async () => {
    const institution = await admin.post('/api/institutions', { code: 'VP', name: 'Vēl viena policija', kind: 'agency' })
    expect(institution.status).toBe(409)
    expect(institution.body.details).toEqual({ entity: 'institution', field: '/code', value: 'VP' })

    const code = (await coordinator.get(`/api/plans/${planId}`)).body.code as string
    const plan = await coordinator.post('/api/plans', {
      code,
      title: 'Dubults',
      coordinator: 'IeM',
      period: { start: '2025-01-01', end: '2026-12-31' },
    })
    expect(plan.status).toBe(409)
    expect(plan.body.details).toEqual({ entity: 'plan', field: '/code', value: code })

    const m = await measure('1.3')
    const renumbered = await coordinator.patch(`/api/measures/${m.id}`, { version: m.version, number: '1.4', reason: 'Pārnumurēts' })
    expect(renumbered.status).toBe(409)
    expect(renumbered.body.details).toEqual({ entity: 'measure', field: '/number', value: '1.4' })
  })
})

describe('the same file attached twice', () => {
  it('answers 200 with the evidence already there, under its first name, and adds nothing', async () => {
    const reporter = await t.login(DEMO.reporterVP)
    const round = await openRound(coordinator, planId)
    const vpMeasure = round.measures.find((m) => m.number === '1.1')!
    const d = await draft(reporter, round.id, vpMeasure.id, 'VP')
    const first = await upload(reporter, d.id, 'protokols.pdf', tinyPdf('Dublikāts'))
    expect(first.status).toBe(201)
    const again = await upload(reporter, d.id, 'protokols (kopija).pdf', tinyPdf('Dublikāts'))
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ id: first.body.id, fileName: 'protokols.pdf' })
    const evidence = (await reporter.get(`/api/submissions/${d.id}`)).body.evidence
    expect(evidence.map((e: { fileName: string }) => e.fileName)).toEqual(['protokols.pdf'])
  })
})

describe('GET /api/auth/session', () => {
  it('answers 200 with no user when nobody is logged in', async () => {
    const res = await t.http.get('/api/auth/session')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ user: null, csrfToken: null, abilities: NO_USER_ABILITIES })
  })

  it('gives the logged-in user, abilities and CSRF token, as /me does', async () => {
    const viewer = await t.login(DEMO.viewer)
    const session = await viewer.get('/api/auth/session')
    expect(session.status).toBe(200)
    expect(session.body).toEqual((await viewer.get('/api/auth/me')).body)
    expect(session.body).toMatchObject({ user: { email: DEMO.viewer.email }, csrfToken: viewer.csrfToken })
  })

  it('gives a token’s user without a CSRF token', async () => {
    const viewer = await t.login(DEMO.viewer)
    const token = (await viewer.post('/api/auth/tokens', { name: 'skripts' })).body.token as string
    const res = await t.http.get('/api/auth/session').set('Authorization', `Bearer ${token}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ user: { email: DEMO.viewer.email }, csrfToken: null })
  })

  it('clears a session cookie that is no longer valid, and answers no user after logout', async () => {
    const stale = await t.http.get('/api/auth/session').set('Cookie', 'apt_session=not-a-session')
    expect(stale.status).toBe(200)
    expect(stale.body.user).toBeNull()
    expect([stale.headers['set-cookie']].flat().join(';')).toMatch(/apt_session=;/)

    const reporter = await t.login(DEMO.reporterVPD)
    expect((await reporter.post('/api/auth/logout', {})).status).toBe(204)
    const after = await reporter.get('/api/auth/session')
    expect(after.status).toBe(200)
    expect(after.body.user).toBeNull()
  })

  it('tells a user who must still change a one-time password', async () => {
    const created = await admin.post('/api/users', { email: 'jauna@vp.demo.lv', name: 'Jauna', institution: 'VP', role: 'viewer' })
    const fresh = await t.login({ email: 'jauna@vp.demo.lv', password: created.body.oneTimePassword })
    const res = await fresh.get('/api/auth/session')
    expect(res.status).toBe(200)
    expect(res.body.user).toMatchObject({ email: 'jauna@vp.demo.lv', mustChangePassword: true })
  })
})
