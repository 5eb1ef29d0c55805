import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { completeness, daysFromNow, draft, measuresByNumber, type MeasureRef, openRound, step } from './round-fixtures.js'

let t: TestApp
let coordinator: Client
let ministry: Client
let reporterVP: Client
let reporterVPD: Client
let viewer: Client
let planId: number
let measures: Map<string, MeasureRef>

beforeAll(async () => {
  t = await startTestApp()
  ;({ planCoordinator: coordinator, ministryCoordinator: ministry, reporterVP, reporterVPD, viewer } = await t.loginAll())
  planId = await t.demoPlanId()
  measures = await measuresByNumber(coordinator, planId)
})
afterAll(() => t.close())

const id = (number: string) => measures.get(number)!.id

/** The demo plan's measures not rated done, and who owes a text on each. */
const NOT_DONE = ['1.2', '2.1', '2.3', '2.4', '2.7', '2.9', '3.3', '3.4', '3.5', '4.2', '4.3']

describe('opening a round', () => {
  it('asks by default about every measure not yet done, each responsible and involved institution owing its own text', async () => {
    const round = await openRound(coordinator, planId, { title: 'Noklusētā kārta' })
    expect(round.measures.map((m) => m.number)).toEqual(NOT_DONE)
    expect(round).toMatchObject({
      planId,
      title: 'Noklusētā kārta',
      period: '2023-2024',
      state: 'open',
      overdue: false,
      measureCount: 11,
      version: 1,
    })

    const c = await completeness(coordinator, round.id)
    expect(c.totals).toEqual({ total: 17, missing: 17, draft: 0, submitted: 0, endorsed: 0, returned: 0, accepted: 0, late: 0 })
    const owed = Object.fromEntries(c.byInstitution.map((i) => [i.institution, i.total]))
    expect(owed).toEqual({ IeM: 2, VP: 5, VRS: 1, LM: 4, PASV: 1, TM: 1, VPD: 1, IeVP: 1, VM: 1 })
    expect(Object.fromEntries(c.byMinistry.map((m) => [m.ministry, m.total]))).toEqual({ IeM: 8, LM: 4, PASV: 1, TM: 3, VM: 1 })
    // 3.4: VP responsible first, then LM involved.
    expect(c.items.filter((i) => i.measure.number === '3.4').map((i) => [i.institution, i.role])).toEqual([
      ['VP', 'responsible'],
      ['LM', 'involved'],
    ])
    expect(c.late).toEqual([])
  })

  it('takes an explicit list of measures, done ones included', async () => {
    const round = await openRound(coordinator, planId, { measures: [id('1.1'), id('1.6')] })
    expect(round.measures.map((m) => m.number)).toEqual(['1.1', '1.6'])
    const c = await completeness(viewer, round.id)
    // 1.6: LIA responsible, BAC and VP involved.
    expect(c.items.map((i) => `${i.measure.number}:${i.institution}`)).toEqual(['1.1:VP', '1.6:LIA', '1.6:BAC', '1.6:VP'])

    // The dashboard's summary: the same counts and who is late, without the items.
    const summary = await viewer.get(`/api/rounds/${round.id}/completeness?view=summary`)
    expect(summary.status).toBe(200)
    const { items: _items, ...counts } = c
    expect(summary.body).toEqual(counts)
    expect((await viewer.get(`/api/rounds/${round.id}/completeness?view=all`)).status).toBe(400)
  })

  it('refuses measures of another plan (422) and bad bodies (400), listing each', async () => {
    const foreign = await coordinator.post(`/api/plans/${planId}/rounds`, {
      title: 'x',
      period: '2024',
      dueDate: daysFromNow(5),
      measures: [id('1.1'), 999999],
    })
    expect(foreign.status).toBe(422)
    expect(foreign.body.code).toBe('INVALID_REFERENCE')
    expect(foreign.body.errors).toEqual([{ path: '/measures/1', message: 'is not a measure of this plan' }])

    const bad = await coordinator.post(`/api/plans/${planId}/rounds`, { title: '', dueDate: '2025-02-30', extra: 1 })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['/title', '/period', '/dueDate', '/extra']),
    )
  })

  it('is for the plan’s coordinator and admins only', async () => {
    const body = { title: 'x', period: '2024', dueDate: daysFromNow(5) }
    for (const client of [ministry, reporterVP, viewer]) {
      const res = await client.post(`/api/plans/${planId}/rounds`, body)
      expect(res.status).toBe(403)
    }
    expect((await t.http.post(`/api/plans/${planId}/rounds`).send(body)).status).toBe(401)
    expect((await coordinator.post('/api/plans/999999/rounds', body)).status).toBe(404)
    const admin = await t.login(DEMO.admin)
    expect((await admin.post(`/api/plans/${planId}/rounds`, body)).status).toBe(201)
  })

  it('is audited', async () => {
    const round = await openRound(coordinator, planId, { title: 'Auditētā' })
    const audit = await coordinator.get(`/api/audit?entity=round&entityId=${round.id}`)
    expect(audit.body.map((a: { action: string }) => a.action)).toEqual(['round.open'])
    expect(audit.body[0].after).toMatchObject({ title: 'Auditētā', measures: NOT_DONE.map(id) })
  })
})

describe('reading rounds', () => {
  it('lists a plan’s rounds newest first with counts, for every logged-in user', async () => {
    const round = await openRound(coordinator, planId, { title: 'Sarakstā' })
    await draft(reporterVP, round.id, id('1.2'), 'VP')
    const list = await viewer.get(`/api/plans/${planId}/rounds`)
    expect(list.status).toBe(200)
    expect(list.body[0]).toMatchObject({ id: round.id, title: 'Sarakstā', measureCount: 11, counts: { total: 17, draft: 1, missing: 16 } })
    const ids = list.body.map((r: { id: number }) => r.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))

    const one = await reporterVPD.get(`/api/rounds/${round.id}`)
    expect(one.status).toBe(200)
    expect(one.body.measures).toHaveLength(11)
    expect((await viewer.get('/api/rounds/999999')).status).toBe(404)
    expect((await viewer.get('/api/rounds/999999/completeness')).status).toBe(404)
    expect((await viewer.get('/api/plans/999999/rounds')).status).toBe(404)
    expect((await t.http.get(`/api/rounds/${round.id}`)).status).toBe(401)
  })
})

describe('lateness', () => {
  it('after the due date, whatever is missing, draft or returned is late; handed-in work is not', async () => {
    // The real 2023–2024 round: institutions reported to IeM by 1 March 2025.
    const round = await openRound(coordinator, planId, {
      title: 'Līdz 2025. gada 1. martam',
      dueDate: '2025-03-01',
      measures: [id('2.3'), id('3.5'), id('2.7')],
    })
    const vpd = await draft(reporterVPD, round.id, id('2.3'), 'VPD')
    await step(reporterVPD, vpd.id, 'submit', vpd.version)
    await draft(reporterVP, round.id, id('3.5'), 'VP')

    const c = await completeness(coordinator, round.id)
    expect(c.overdue).toBe(true)
    expect(c.totals).toMatchObject({ total: 4, missing: 2, draft: 1, submitted: 1, late: 3 })
    expect(c.late).toEqual([
      { institution: 'LM', ministry: 'LM', outstanding: 1 },
      { institution: 'TM', ministry: 'TM', outstanding: 1 },
      { institution: 'VP', ministry: 'IeM', outstanding: 1 },
    ])
    expect(c.items.find((i) => i.institution === 'VPD')).toMatchObject({ state: 'submitted', late: false })
    expect(c.byMinistry.find((m) => m.ministry === 'TM')).toMatchObject({ total: 2, submitted: 1, missing: 1, late: 1 })
  })
})

describe('closing a round', () => {
  it('stops new drafts and frozen drafts, but reviewing and returned corrections go on', async () => {
    const round = await openRound(coordinator, planId, { measures: [id('2.3'), id('3.5'), id('1.2')] })
    const handedIn = await draft(reporterVPD, round.id, id('2.3'), 'VPD')
    const submitted = await step(reporterVPD, handedIn.id, 'submit', handedIn.version)
    const frozen = await draft(reporterVP, round.id, id('3.5'), 'VP')

    expect((await ministry.post(`/api/rounds/${round.id}/close`)).status).toBe(403)
    expect((await reporterVP.post(`/api/rounds/${round.id}/close`)).status).toBe(403)
    const closed = await coordinator.post(`/api/rounds/${round.id}/close`)
    expect(closed.status).toBe(200)
    expect(closed.body).toMatchObject({ state: 'closed', version: 2 })
    expect(closed.body.closedAt).toEqual(expect.any(String))
    const again = await coordinator.post(`/api/rounds/${round.id}/close`)
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('INVALID_TRANSITION')

    const late = await reporterVP.post(`/api/rounds/${round.id}/submissions`, { measureId: id('1.2'), institution: 'VP', text: 'x' })
    expect(late.status).toBe(409)
    expect(late.body.code).toBe('ROUND_CLOSED')
    const edit = await reporterVP.patch(`/api/submissions/${frozen.id}`, { version: frozen.version, text: 'vēlāk' })
    expect(edit.body.code).toBe('ROUND_CLOSED')
    expect((await step(reporterVP, frozen.id, 'submit', frozen.version, 409)).code).toBe('ROUND_CLOSED')

    // The coordinator still reviews: returns the handed-in one, which the institution may correct and resubmit.
    const returned = await step(coordinator, submitted.id, 'return', submitted.version, 200, { comment: 'Lūdzu papildināt ar skaitļiem' })
    const corrected = await reporterVPD.patch(`/api/submissions/${submitted.id}`, {
      version: returned.version,
      text: 'Papildināts: 12 gadījumi.',
    })
    expect(corrected.status).toBe(200)
    const resubmitted = await step(reporterVPD, submitted.id, 'submit', corrected.body.version)
    expect(resubmitted.state).toBe('submitted')
    expect((await step(coordinator, submitted.id, 'accept', resubmitted.version)).state).toBe('accepted')

    const audit = await coordinator.get(`/api/audit?entity=round&entityId=${round.id}`)
    expect(audit.body.map((a: { action: string }) => a.action)).toEqual(['round.close', 'round.open'])
  })
})

describe('round abilities', () => {
  it('lets the plan’s coordinator and admins close an open round, nobody a closed one', async () => {
    const round = await openRound(coordinator, planId, { title: 'Spējas', measures: [id('1.2')] })
    const admin = await t.login(DEMO.admin)
    const closeOf = async (client: Client) => {
      const one = await client.get(`/api/rounds/${round.id}`)
      const listed = (await client.get(`/api/plans/${planId}/rounds`)).body.find((r: { id: number }) => r.id === round.id)
      expect(listed.abilities).toEqual(one.body.abilities)
      return one.body.abilities.close
    }
    expect(round.abilities).toEqual({ close: true })
    expect(await closeOf(coordinator)).toBe(true)
    expect(await closeOf(admin)).toBe(true)
    for (const client of [ministry, reporterVP, viewer]) expect(await closeOf(client)).toBe(false)
    const closed = await coordinator.post(`/api/rounds/${round.id}/close`)
    expect(closed.body.abilities).toEqual({ close: false })
    expect(await closeOf(coordinator)).toBe(false)
  })
})

describe('my work', () => {
  it('lists what each caller owes in open rounds, overdue first', async () => {
    const future = await openRound(coordinator, planId, {
      title: 'Nākotnē',
      dueDate: daysFromNow(20),
      measures: [id('2.3'), id('2.9'), id('3.5')],
    })
    const past = await openRound(coordinator, planId, { title: 'Nokavēta', dueDate: '2025-03-01', measures: [id('2.3'), id('1.2')] })
    const vpdWork = await reporterVPD.get('/api/my/work')
    expect(vpdWork.status).toBe(200)
    const mine = vpdWork.body.filter((w: { round: { id: number } }) => [future.id, past.id].includes(w.round.id))
    expect(
      mine.map((w: { round: { title: string }; measure: { number: string }; institution: string; state: string; overdue: boolean }) => [
        w.round.title,
        w.measure.number,
        w.institution,
        w.state,
        w.overdue,
      ]),
    ).toEqual([
      ['Nokavēta', '2.3', 'VPD', 'missing', true],
      ['Nākotnē', '2.3', 'VPD', 'missing', false],
    ])
    // Every overdue item of every open round comes before any that is not.
    const flags = vpdWork.body.map((w: { overdue: boolean }) => w.overdue)
    expect(flags).toEqual([...flags].sort((a: boolean, b: boolean) => Number(b) - Number(a)))
    expect(vpdWork.body.every((w: { institution: string }) => w.institution === 'VPD')).toBe(true)

    const started = await draft(reporterVPD, future.id, id('2.3'), 'VPD')
    const after = await reporterVPD.get('/api/my/work')
    expect(after.body.find((w: { round: { id: number } }) => w.round.id === future.id)).toMatchObject({
      state: 'draft',
      submissionId: started.id,
      version: started.version,
    })

    // The TM sector: TM, VPD and IeVP.
    const tm = await ministry.get('/api/my/work')
    const tmFuture = tm.body
      .filter((w: { round: { id: number } }) => w.round.id === future.id)
      .map((w: { institution: string }) => w.institution)
    expect(tmFuture).toEqual(['VPD', 'IeVP'])
    expect((await viewer.get('/api/my/work')).body).toEqual([])
    const all = await coordinator.get('/api/my/work')
    expect(all.body.filter((w: { round: { id: number } }) => w.round.id === past.id)).toHaveLength(2)
  })
})

describe('OpenAPI', () => {
  it('documents every round, submission and evidence route with its schemas', async () => {
    const paths = (t.app.swagger() as { paths: unknown }).paths as Record<
      string,
      Record<string, { responses: Record<string, unknown>; requestBody?: { content: Record<string, unknown> } }>
    >
    const expected: [string, string, string[]][] = [
      ['/api/plans/{id}/rounds', 'post', ['201', '400', '401', '403', '404', '422']],
      ['/api/plans/{id}/rounds', 'get', ['200']],
      ['/api/rounds/{id}', 'get', ['200', '404']],
      ['/api/rounds/{id}/close', 'post', ['200', '409']],
      ['/api/rounds/{id}/completeness', 'get', ['200']],
      ['/api/my/work', 'get', ['200']],
      ['/api/my/review', 'get', ['200', '403']],
      ['/api/rounds/{id}/submissions', 'post', ['201', '409', '422']],
      ['/api/rounds/{id}/submissions', 'get', ['200']],
      ['/api/measures/{id}/submissions', 'get', ['200']],
      ['/api/submissions/{id}', 'get', ['200', '403']],
      ['/api/submissions/{id}', 'patch', ['200', '409']],
      ['/api/submissions/{id}/submit', 'post', ['200', '409', '422']],
      ['/api/submissions/{id}/endorse', 'post', ['200', '409']],
      ['/api/submissions/{id}/return', 'post', ['200', '409']],
      ['/api/submissions/{id}/accept', 'post', ['200', '409']],
      ['/api/submissions/{id}/evidence', 'post', ['200', '201', '409', '413', '415']],
      ['/api/evidence/{id}', 'get', ['200', '403', '404']],
      ['/api/evidence/{id}', 'delete', ['204', '409']],
    ]
    for (const [path, method, statuses] of expected) {
      const operation = paths[path]?.[method]
      expect(operation, `${method} ${path}`).toBeDefined()
      expect(Object.keys(operation!.responses)).toEqual(expect.arrayContaining(statuses))
    }
    expect(Object.keys(paths['/api/submissions/{id}/evidence']!.post!.requestBody!.content)).toEqual([
      'multipart/form-data',
      'application/json',
    ])
  })
})
