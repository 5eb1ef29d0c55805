import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
