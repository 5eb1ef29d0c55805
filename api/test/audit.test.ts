import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readDemoPlan } from '../src/bootstrap.js'
import { DEMO, startTestApp, type TestApp } from './helpers/app.js'

let t: TestApp
// drizzle wraps the database error; the trigger's message is in its cause.
const appendOnly = (e: unknown) => /append-only/.test(String((e as Error & { cause?: Error }).cause?.message ?? e))
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

async function auditCount() {
  const result = (await t.app.db.execute(sql`select count(*)::int as n from audit_log`)) as unknown as { rows: { n: number }[] }
  return result.rows[0]!.n
}

describe('the audit log', () => {
  it('is append-only in the database itself: UPDATE, DELETE and TRUNCATE are rejected', async () => {
    const before = await auditCount()
    expect(before).toBeGreaterThan(0)
    await expect(t.app.db.execute(sql`update audit_log set action = 'forged'`)).rejects.toSatisfy(appendOnly)
    await expect(t.app.db.execute(sql`delete from audit_log`)).rejects.toSatisfy(appendOnly)
    await expect(t.app.db.execute(sql`truncate audit_log`)).rejects.toSatisfy(appendOnly)
    const after = await auditCount()
    expect(after).toBe(before)
  })

  it('records logins, failed logins and logouts with request id and address', async () => {
    await t.http.post('/api/auth/login').send({ email: DEMO.viewer.email, password: 'wrong-password-1' })
    const viewer = await t.login(DEMO.viewer)
    await viewer.post('/api/auth/logout')
    const admin = await t.login(DEMO.admin)
    const res = await admin.get('/api/audit?entity=user&limit=20')
    expect(res.status).toBe(200)
    const actions = res.body.map((r: { action: string }) => r.action)
    expect(actions).toEqual(expect.arrayContaining(['auth.login_failed', 'auth.login', 'auth.logout']))
    const failed = res.body.find((r: { action: string }) => r.action === 'auth.login_failed')
    expect(failed).toMatchObject({ actorId: null, actorLabel: DEMO.viewer.email, ip: expect.stringMatching(/127\.0\.0\.1/) })
    expect(failed.requestId).toBeTruthy()
  })

  it('records a user change with before and after, without secrets', async () => {
    const admin = await t.login(DEMO.admin)
    const created = await admin.post('/api/users', { email: 'audit@vp.demo.lv', name: 'Audits', institution: 'VP', role: 'viewer' })
    await admin.patch(`/api/users/${created.body.user.id}`, { version: created.body.user.version, name: 'Audits Otrais' })
    const res = await admin.get(`/api/audit?entity=user&entityId=${created.body.user.id}`)
    const update = res.body.find((r: { action: string }) => r.action === 'user.update')
    expect(update.before.name).toBe('Audits')
    expect(update.after.name).toBe('Audits Otrais')
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2/)
  })

  it('records measure changes, institution changes and imports, filtered by actor and time', async () => {
    const coordinator = await t.login(DEMO.planCoordinator)
    const me = (await coordinator.get('/api/auth/me')).body.user
    const planId = await t.demoPlanId()
    const m = (await coordinator.get(`/api/plans/${planId}/measures`)).body[0]
    const from = new Date(Date.now() - 1000).toISOString()
    await coordinator.patch(`/api/measures/${m.id}`, { version: m.version, assessment: 'Novērtēts' })
    const res = await coordinator.get(`/api/audit?actor=${me.id}&from=${encodeURIComponent(from)}`)
    expect(res.status).toBe(200)
    expect(res.body.map((r: { action: string }) => r.action)).toContain('measure.update')
    const admin = await t.login(DEMO.admin)
    const inst = await admin.post('/api/institutions', {
      code: 'RPIVA',
      name: 'Rīgas pedagoģijas augstskola',
      kind: 'agency',
      parent: 'IZM',
    })
    expect(inst.status).toBe(201)
    expect(inst.body).toMatchObject({ parent: 'IZM', sector: 'IZM' })
    const log = await admin.get('/api/audit?entity=institution')
    expect(log.body[0]).toMatchObject({ action: 'institution.create', entityId: String(inst.body.id) })
    const imports = await admin.get('/api/audit?entity=plan')
    expect(imports.body.map((r: { action: string }) => r.action)).toContain('plan.import')
  })

  it('is readable by admins and plan coordinators only', async () => {
    for (const who of [DEMO.viewer, DEMO.reporterVPD, DEMO.ministryCoordinator]) {
      const client = await t.login(who)
      expect((await client.get('/api/audit')).status).toBe(403)
    }
  })
})

interface Row {
  action: string
  entityType: string
  planId: number | null
  actorName: string | null
  entityLabel: string | null
}

describe('names and labels, by plan', () => {
  it('?plan= returns only that plan’s rows, naming who acted and what the record is', async () => {
    const admin = await t.login(DEMO.admin)
    const coordinator = await t.login(DEMO.planCoordinator)
    const reporter = await t.login(DEMO.reporterVPD)
    const planId = await t.demoPlanId()
    // A second plan, coordinated by TM, with a change of its own.
    const doc = readDemoPlan()
    const other = await admin.post('/api/plans/import', { ...doc, plan: { ...doc.plan, code: 'AUDIT-OTHER', coordinator: 'TM' } })
    expect(other.status).toBe(201)
    const otherMeasure = (await admin.get(`/api/plans/${other.body.id}/measures`)).body[0]
    await admin.patch(`/api/measures/${otherMeasure.id}`, { version: otherMeasure.version, assessment: 'Citā plānā' })
    // In the demo plan: a measure change, a round and a VPD draft.
    const measures = (await coordinator.get(`/api/plans/${planId}/measures`)).body
    const m = measures.find((x: { number: string }) => x.number === '2.3')
    expect((await coordinator.patch(`/api/measures/${m.id}`, { version: m.version, assessment: 'Novērtēts' })).status).toBe(200)
    const round = await coordinator.post(`/api/plans/${planId}/rounds`, { title: 'Pārskats 2025', period: '2025', dueDate: '2030-03-01' })
    expect(round.status).toBe(201)
    const draft = await reporter.post(`/api/rounds/${round.body.id}/submissions`, {
      measureId: m.id,
      institution: 'VPD',
      text: 'Melnraksts',
      proposedStatus: 'partial',
      reason: 'Turpinās',
    })
    expect(draft.status).toBe(201)

    const res = await coordinator.get(`/api/audit?plan=${planId}`)
    expect(res.status).toBe(200)
    const rows = res.body as Row[]
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.planId === planId)).toBe(true)
    expect(rows.find((r) => r.action === 'measure.update')).toMatchObject({
      entityType: 'measure',
      actorName: 'Ilze Koordinatore',
      entityLabel: '2.3. pasākums',
    })
    expect(rows.find((r) => r.entityType === 'round')).toMatchObject({ actorName: 'Ilze Koordinatore', entityLabel: 'Pārskats 2025' })
    expect(rows.find((r) => r.entityType === 'submission')).toMatchObject({
      actorName: 'Vija Probācija',
      entityLabel: '2.3. pasākums — VPD',
    })
    expect(rows.find((r) => r.action === 'plan.import')).toMatchObject({ actorName: null, entityLabel: 'BNN-2023-2024' })

    const otherRows = (await admin.get(`/api/audit?plan=${other.body.id}`)).body as Row[]
    expect(otherRows.every((r) => r.planId === other.body.id)).toBe(true)
    expect(otherRows.map((r) => [r.action, r.actorName, r.entityLabel])).toEqual([
      ['measure.update', 'Administrators', `${otherMeasure.number}. pasākums`],
      ['plan.import', 'Administrators', 'AUDIT-OTHER'],
    ])
  })

  it('lets a plan coordinator read only its plans’ rows: 403 for another plan, 404 for none', async () => {
    const coordinator = await t.login(DEMO.planCoordinator)
    const planId = await t.demoPlanId()
    const admin = await t.login(DEMO.admin)
    const other = (await admin.get('/api/plans')).body.find((p: { code: string }) => p.code === 'AUDIT-OTHER')
    expect(other.abilities.readAudit).toBe(true)
    const refused = await coordinator.get(`/api/audit?plan=${other.id}`)
    expect(refused.status).toBe(403)
    expect((await coordinator.get('/api/audit?plan=999999')).status).toBe(404)
    const all = (await coordinator.get('/api/audit?limit=500')).body as Row[]
    expect(all.length).toBeGreaterThan(0)
    expect(all.every((r) => r.planId === planId)).toBe(true)
    expect((await coordinator.get('/api/plans')).body.find((p: { id: number }) => p.id === other.id).abilities.readAudit).toBe(false)
  })

  it('labels users, institutions and tokens by name, and failed logins by the e-mail tried', async () => {
    const admin = await t.login(DEMO.admin)
    await admin.post('/api/users', { email: 'nosaukums@vp.demo.lv', name: 'Nosaukta Lietotāja', institution: 'VP', role: 'viewer' })
    await admin.post('/api/institutions', { code: 'LBL', name: 'Iestāde ar nosaukumu', kind: 'other' })
    await admin.post('/api/auth/tokens', { name: 'skripts' })
    await t.http.post('/api/auth/login').send({ email: 'nezinams@vp.demo.lv', password: 'wrong-password-1' })
    const rows = (await admin.get('/api/audit?limit=20')).body as Row[]
    expect(rows.find((r) => r.action === 'user.create')).toMatchObject({ actorName: 'Administrators', entityLabel: 'Nosaukta Lietotāja' })
    expect(rows.find((r) => r.action === 'institution.create')).toMatchObject({ entityLabel: 'LBL' })
    expect(rows.find((r) => r.action === 'token.create')).toMatchObject({ entityLabel: 'skripts' })
    expect(rows.find((r) => r.action === 'auth.login_failed')).toMatchObject({ actorName: 'nezinams@vp.demo.lv' })
  })
})
