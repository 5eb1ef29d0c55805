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

const numbers = (body: { number: string }[]) => body.map((m) => m.number)
const measureByNumber = async (number: string) =>
  (await coordinator.get(`/api/plans/${planId}/measures`)).body.find((m: { number: string }) => m.number === number)

describe('measure filters', () => {
  it('lists all 30 in plan order with institutions and sector', async () => {
    const res = await coordinator.get(`/api/plans/${planId}/measures`)
    expect(res.status).toBe(200)
    expect(res.body).toHaveLength(30)
    expect(res.body[0]).toMatchObject({ number: '1.1', responsible: ['VP'], involved: [], sector: 'IeM', status: 'done' })
    expect(res.body.find((m: { number: string }) => m.number === '2.1')).toMatchObject({
      responsible: ['IeM', 'LM', 'VM'],
      sector: 'several',
    })
  })

  it('filters by status and action line', async () => {
    const notDone = await coordinator.get(`/api/plans/${planId}/measures?status=not_done`)
    expect(notDone.body).toHaveLength(2)
    const line3partial = await coordinator.get(`/api/plans/${planId}/measures?status=partial&actionLine=3`)
    expect(line3partial.body).toHaveLength(2)
    expect(line3partial.body.every((m: { actionLine: { number: string } }) => m.actionLine.number === '3')).toBe(true)
  })

  it('filters by institution, a ministry including its agencies', async () => {
    const vpd = await coordinator.get(`/api/plans/${planId}/measures?institution=VPD`)
    expect(numbers(vpd.body)).toEqual(['2.2', '2.3', '2.5', '2.11', '3.6'])
    const tm = await coordinator.get(`/api/plans/${planId}/measures?institution=TM`)
    // TM's own measures plus those of VPD and IeVP under it.
    expect(numbers(tm.body)).toEqual(['2.2', '2.3', '2.5', '2.6', '2.7', '2.8', '2.9', '2.10', '2.11', '3.6'])
    const lm = await coordinator.get(`/api/plans/${planId}/measures?institution=LM`)
    expect(numbers(lm.body)).toContain('1.6') // BAC (under LM) is involved in 1.6
    const unknown = await coordinator.get(`/api/plans/${planId}/measures?institution=NOPE`)
    expect(unknown.status).toBe(200)
    expect(unknown.body).toEqual([])
  })

  it('searches text case- and diacritic-insensitively', async () => {
    const plain = await coordinator.get(`/api/plans/${planId}/measures?q=${encodeURIComponent('interneta policista')}`)
    const accented = await coordinator.get(`/api/plans/${planId}/measures?q=${encodeURIComponent('INTERNETA POLICISTA')}`)
    expect(numbers(plain.body)).toContain('1.1')
    expect(numbers(accented.body)).toEqual(numbers(plain.body))
    const noDiacritics = await coordinator.get(`/api/plans/${planId}/measures?q=${encodeURIComponent('probacijas')}`)
    const withDiacritics = await coordinator.get(`/api/plans/${planId}/measures?q=${encodeURIComponent('probācijas')}`)
    expect(noDiacritics.body.length).toBeGreaterThan(0)
    expect(numbers(noDiacritics.body)).toEqual(numbers(withDiacritics.body))
    const wildcard = await coordinator.get(`/api/plans/${planId}/measures?q=${encodeURIComponent('%_')}`)
    expect(wildcard.body).toEqual([])
  })

  it('sorts by deadline', async () => {
    const res = await coordinator.get(`/api/plans/${planId}/measures?sort=deadline`)
    expect(res.body).toHaveLength(30)
  })

  it('answers 400 naming bad query fields and 404 for an unknown plan', async () => {
    const bad = await coordinator.get(`/api/plans/${planId}/measures?status=finished&sort=colour`)
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['querystring/sort', 'querystring/status'])
    expect((await coordinator.get('/api/plans/999999/measures')).status).toBe(404)
    expect((await coordinator.get('/api/plans/abc/measures')).status).toBe(400)
  })
})

describe('editing a measure', () => {
  it('returns the measure with progress and budget', async () => {
    const m = await measureByNumber('1.2')
    const res = await coordinator.get(`/api/measures/${m.id}`)
    expect(res.status).toBe(200)
    expect(res.body.budget.lines).toEqual([
      {
        amountEur: 46000,
        source: 'additional_state_budget',
        institution: 'IeM',
        programme: '06.01.01 Valsts policija',
        year: 2024,
        granted: false,
      },
    ])
    expect(res.body.acceptedEvidenceCount).toBe(0)
  })

  it('updates with the version last read and answers 409 when stale', async () => {
    const m = await measureByNumber('1.3')
    const first = await coordinator.patch(`/api/measures/${m.id}`, { version: m.version, title: 'Jauns nosaukums' })
    expect(first.status).toBe(200)
    expect(first.body.measure).toMatchObject({ title: 'Jauns nosaukums', version: m.version + 1 })
    const stale = await coordinator.patch(`/api/measures/${m.id}`, { version: m.version, title: 'Cits nosaukums' })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('VERSION_CONFLICT')
    expect((await coordinator.get(`/api/measures/${m.id}`)).body.title).toBe('Jauns nosaukums')
  })

  it('needs a reason to change the status, keeps it in the history, and warns on done without evidence', async () => {
    const m = await measureByNumber('2.7')
    expect(m.status).toBe('partial')
    const noReason = await coordinator.patch(`/api/measures/${m.id}`, { version: m.version, status: 'done' })
    expect(noReason.status).toBe(400)
    expect(noReason.body.code).toBe('REASON_REQUIRED')
    const done = await coordinator.patch(`/api/measures/${m.id}`, {
      version: m.version,
      status: 'done',
      reason: 'Likumprojekts pieņemts Saeimā',
      keepAssessment: true,
    })
    expect(done.status).toBe(200)
    expect(done.body.warnings).toEqual(['NO_ACCEPTED_EVIDENCE'])
    const history = await coordinator.get(`/api/measures/${m.id}/history`)
    expect(history.body).toEqual([
      expect.objectContaining({
        from: 'partial',
        to: 'done',
        reason: 'Likumprojekts pieņemts Saeimā',
        actor: { id: expect.any(Number), name: 'Ilze Koordinatore' },
      }),
    ])
    // Names only: every logged-in user reads the history, and the e-mail addresses are not theirs.
    const asViewer = await (await t.login(DEMO.viewer)).get(`/api/measures/${m.id}/history`)
    expect(asViewer.status).toBe(200)
    expect(asViewer.body[0].actor).toEqual({ id: expect.any(Number), name: 'Ilze Koordinatore' })
    expect(JSON.stringify(asViewer.body)).not.toContain('@')
    const summary = await coordinator.get(`/api/plans/${planId}/summary`)
    expect(summary.body.byStatus).toMatchObject({ done: 20, partial: 8 })
  })

  it('changes institutions and refuses unknown codes with 422', async () => {
    const m = await measureByNumber('4.4')
    const res = await coordinator.patch(`/api/measures/${m.id}`, { version: m.version, involved: ['VP', 'VUGD'] })
    expect(res.status).toBe(200)
    expect(res.body.measure.involved).toEqual(['VP', 'VUGD'])
    const bad = await coordinator.patch(`/api/measures/${m.id}`, { version: m.version + 1, responsible: ['NOPE'] })
    expect(bad.status).toBe(422)
    expect((await coordinator.get(`/api/measures/${m.id}`)).body.responsible).toEqual(['IeM'])
  })

  it('refuses empty updates, unknown fields and wrong types', async () => {
    const m = await measureByNumber('1.4')
    expect((await coordinator.patch(`/api/measures/${m.id}`, { version: m.version })).status).toBe(400)
    expect((await coordinator.patch(`/api/measures/${m.id}`, { version: m.version, colour: 'red' })).status).toBe(400)
    expect((await coordinator.patch(`/api/measures/${m.id}`, { version: String(m.version), title: 'x' })).status).toBe(400)
    expect((await coordinator.patch('/api/measures/999999', { version: 1, title: 'x' })).status).toBe(404)
  })

  it('lets only the plan’s coordinating institution edit', async () => {
    const m = await measureByNumber('1.5')
    const ministry = await t.login(DEMO.ministryCoordinator)
    expect((await ministry.patch(`/api/measures/${m.id}`, { version: m.version, title: 'x' })).status).toBe(403)
    const admin = await t.login(DEMO.admin)
    const other = await admin.post('/api/users', {
      email: 'citas@lm.demo.lv',
      name: 'Citas Koordinatore',
      institution: 'LM',
      role: 'plan_coordinator',
    })
    const lmCoordinator = await t.login({ email: 'citas@lm.demo.lv', password: created(other) })
    await lmCoordinator.post('/api/auth/password', { currentPassword: created(other), newPassword: 'Labklājība-2025-ok' })
    const res = await lmCoordinator.patch(`/api/measures/${m.id}`, { version: m.version, title: 'x' })
    expect(res.status).toBe(403)
  })
})

describe('abilities on measures', () => {
  /** A second plan, coordinated by TM, and a plan coordinator of TM: a coordinator, but of another plan. */
  async function otherPlanCoordinator() {
    const admin = await t.login(DEMO.admin)
    const doc: PlanDocument = readDemoPlan()
    const imported = await admin.post('/api/plans/import', { ...doc, plan: { ...doc.plan, code: 'TM-PLAN', coordinator: 'TM' } })
    expect(imported.status).toBe(201)
    const user = await admin.post('/api/users', {
      email: 'koordinators@tm-plans.demo.lv',
      name: 'Tieslietu Plānotāja',
      institution: 'TM',
      role: 'plan_coordinator',
    })
    expect(user.status).toBe(201)
    const client = await t.login({ email: 'koordinators@tm-plans.demo.lv', password: created(user) })
    await client.post('/api/auth/password', { currentPassword: created(user), newPassword: 'Tieslietas-2025-plāns' })
    return { client, tmPlanId: imported.body.id as number }
  }

  it('a plan coordinator of another plan may not edit this plan’s measures: edit false in list and detail, 403 on PATCH', async () => {
    const { client: tmCoordinator, tmPlanId } = await otherPlanCoordinator()
    const list = await tmCoordinator.get(`/api/plans/${planId}/measures`)
    expect(list.status).toBe(200)
    expect(list.body.every((m: { abilities: { edit: boolean; rate: boolean } }) => !m.abilities.edit && !m.abilities.rate)).toBe(true)
    const m = list.body.find((x: { number: string }) => x.number === '1.6')
    const detail = await tmCoordinator.get(`/api/measures/${m.id}`)
    expect(detail.body.abilities).toEqual({ edit: false, rate: false })
    const patch = await tmCoordinator.patch(`/api/measures/${m.id}`, { version: m.version, title: 'Ne mans plāns' })
    expect(patch.status).toBe(403)
    expect(patch.body.code).toBe('FORBIDDEN')
    expect((await coordinator.get(`/api/measures/${m.id}`)).body.title).toBe(m.title)

    // The real coordinator of this plan may; and the TM coordinator may on its own plan.
    const mine = await coordinator.get(`/api/plans/${planId}/measures`)
    expect(mine.body.every((x: { abilities: { edit: boolean } }) => x.abilities.edit)).toBe(true)
    expect((await coordinator.get(`/api/measures/${m.id}`)).body.abilities).toEqual({ edit: true, rate: true })
    const own = (await tmCoordinator.get(`/api/plans/${tmPlanId}/measures`)).body[0]
    expect(own.abilities).toEqual({ edit: true, rate: true })
    expect((await tmCoordinator.patch(`/api/measures/${own.id}`, { version: own.version, title: 'Mans plāns' })).status).toBe(200)
    expect((await coordinator.get(`/api/measures/${own.id}`)).body.abilities.edit).toBe(false)

    // The plan itself says the same.
    expect((await tmCoordinator.get(`/api/plans/${planId}`)).body.abilities).toMatchObject({
      edit: false,
      openRound: false,
      editReport: false,
      readAudit: false,
    })
    expect((await coordinator.get(`/api/plans/${planId}`)).body.abilities).toMatchObject({
      edit: true,
      openRound: true,
      editReport: true,
      readAudit: true,
    })
  })

  it('gives everyone but the coordinator and admins read-only measures', async () => {
    const clients = await t.loginAll()
    const m = await measureByNumber('1.7')
    for (const [who, client] of Object.entries(clients)) {
      const expected = who === 'admin' || who === 'planCoordinator'
      const detail = await client.get(`/api/measures/${m.id}`)
      expect({ who, abilities: detail.body.abilities }).toEqual({ who, abilities: { edit: expected, rate: expected } })
      const listed = (await client.get(`/api/plans/${planId}/measures?q=${encodeURIComponent(m.number)}`)).body
      expect(listed[0].abilities.edit).toBe(expected)
    }
  })
})

const created = (res: { body: { oneTimePassword: string } }) => res.body.oneTimePassword
