// Each user's last plan (PUT /api/my/preferences { lastPlanId }): the web app stores the plan the
// user opens and starts there next time. Only a plan the user may open is stored — an unknown plan
// and someone else's draft are the same 400 — and a plan the user can no longer see reads as none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { auditLog, users } from '../src/db/schema/index.js'

let t: TestApp
let admin: Client
let coordinator: Client
let viewer: Client
let planId: number
let draftId: number

beforeAll(async () => {
  t = await startTestApp()
  ;({ admin, planCoordinator: coordinator, viewer } = await t.loginAll())
  planId = await t.demoPlanId()
  const draft = await coordinator.post('/api/plans', {
    code: 'BNN-2025-2027',
    title: 'Nākamais plāns',
    period: { start: '2025-01-01', end: '2027-12-31' },
    coordinator: 'IeM',
  })
  expect(draft.status).toBe(201)
  draftId = draft.body.id
})
afterAll(() => t.close())

async function userId(email: string) {
  const [row] = await t.app.db.select({ id: users.id }).from(users).where(eq(users.email, email))
  return row!.id
}
const audited = async (email: string) =>
  t.app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'preferences.update'), eq(auditLog.entityId, String(await userId(email)))))

describe('the last plan a user worked in', () => {
  it('is none at first, then the plan stored, per user; storing it again changes and audits nothing', async () => {
    expect((await viewer.get('/api/my/preferences')).body.lastPlanId).toBeNull()

    const stored = await viewer.put('/api/my/preferences', { lastPlanId: planId })
    expect(stored.status).toBe(200)
    expect(stored.body).toEqual({ language: 'lv', emailOff: [], lastPlanId: planId })
    expect((await viewer.get('/api/my/preferences')).body.lastPlanId).toBe(planId)
    // Another user's is their own.
    expect((await coordinator.get('/api/my/preferences')).body.lastPlanId).toBeNull()

    const log = await audited(DEMO.viewer.email)
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ before: { lastPlanId: null }, after: { lastPlanId: planId } })
    // The app stores the plan each time one opens: the same value again is no change.
    expect((await viewer.put('/api/my/preferences', { lastPlanId: planId })).status).toBe(200)
    expect(await audited(DEMO.viewer.email)).toHaveLength(1)
    // Other preferences stay as they were.
    expect((await viewer.put('/api/my/preferences', { language: 'en' })).body).toEqual({ language: 'en', emailOff: [], lastPlanId: planId })
  })

  it('refuses a plan that does not exist or that the user may not open, with the same 400, and keeps the one stored', async () => {
    const unknown = await viewer.put('/api/my/preferences', { lastPlanId: 999999 })
    expect(unknown.status).toBe(400)
    expect(unknown.body.code).toBe('VALIDATION_FAILED')
    expect(unknown.body.errors).toEqual([{ path: '/lastPlanId', message: 'is not a plan you may open' }])
    // The coordinator's draft is the coordinator's business: to a viewer it does not exist.
    const draft = await viewer.put('/api/my/preferences', { lastPlanId: draftId })
    expect(draft.status).toBe(400)
    expect(draft.body.errors).toEqual(unknown.body.errors)
    expect((await viewer.get('/api/my/preferences')).body.lastPlanId).toBe(planId)
    // Nor may the refused plan ride along with a valid change.
    expect((await viewer.put('/api/my/preferences', { language: 'lv', lastPlanId: draftId })).status).toBe(400)
    expect((await viewer.get('/api/my/preferences')).body.language).toBe('en')
    for (const bad of [0, -1, 'BNN', 1.5]) expect((await viewer.put('/api/my/preferences', { lastPlanId: bad })).status).toBe(400)
  })

  it('stores a draft for those who may open it, and null clears it', async () => {
    const res = await coordinator.put('/api/my/preferences', { lastPlanId: draftId })
    expect(res.status).toBe(200)
    expect(res.body.lastPlanId).toBe(draftId)
    expect((await admin.put('/api/my/preferences', { lastPlanId: draftId })).status).toBe(200)
    const cleared = await admin.put('/api/my/preferences', { lastPlanId: null })
    expect(cleared.status).toBe(200)
    expect(cleared.body.lastPlanId).toBeNull()
    expect((await admin.get('/api/my/preferences')).body.lastPlanId).toBeNull()
  })

  it('reads as none once the user may no longer see that plan (moved to another institution)', async () => {
    const ieMCoordinator = await userId(DEMO.planCoordinator.email)
    expect((await coordinator.get('/api/my/preferences')).body.lastPlanId).toBe(draftId)
    const before = await admin.get('/api/users')
    const me = before.body.find((u: { id: number }) => u.id === ieMCoordinator)
    const moved = await admin.patch(`/api/users/${ieMCoordinator}`, { version: me.version, institution: 'TM' })
    expect(moved.status).toBe(200)
    const again = await t.login(DEMO.planCoordinator)
    expect((await again.get('/api/my/preferences')).body.lastPlanId).toBeNull()
  })
})
