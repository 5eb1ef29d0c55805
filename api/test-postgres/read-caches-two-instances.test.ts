// The read caches (db/read-cache.ts) with two API processes on one PostgreSQL database: a change made
// through one is heard by the other (LISTEN apt_changes), and a listening connection that drops keeps
// nothing from being heard once it listens again.
import type { FastifyInstance } from 'fastify'
import supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Database } from '../src/db/client.js'
import { ADMIN, DEMO_PASSWORD } from '../test/helpers/config.js'
import { connect, type FreshDatabase, freshDatabase, startInstances } from './databases.js'

let fresh: FreshDatabase
const instances: Array<{ app: FastifyInstance; database: Database }> = []

beforeAll(async () => {
  fresh = await freshDatabase('caches')
  instances.push(...(await startInstances(fresh, 2, { DEMO_DATA: 'true', NOTIFY_INTERVAL_SECONDS: '0', AUDIT_VERIFY_MINUTES: '0' })))
  for (const { app } of instances) await app.ready()
})

afterAll(async () => {
  for (const { app, database } of instances) {
    await app.close()
    await database.close()
  }
  await fresh?.drop()
})

/** A logged-in client of one instance. */
async function login(app: FastifyInstance, who: { email: string; password: string }) {
  const agent = supertest.agent(app.server)
  const res = await agent.post('/api/auth/login').send(who)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  const csrf = res.body.csrfToken as string
  return {
    get: (url: string) => agent.get(url),
    patch: (url: string, body: object) => agent.patch(url).set('X-CSRF-Token', csrf).send(body),
  }
}

describe('two API instances on one PostgreSQL database', () => {
  it('a deactivation through one is refused by the other once heard, and a rating shows in its kept summary', async () => {
    const [a, b] = instances.map((i) => i.app) as [FastifyInstance, FastifyInstance]
    const viewerOnB = await login(b, { email: 'skatitajs@vk.demo.lv', password: DEMO_PASSWORD })
    const adminOnA = await login(a, ADMIN)
    const coordinatorOnA = await login(a, { email: 'koordinators@iem.demo.lv', password: DEMO_PASSWORD })
    const coordinatorOnB = await login(b, { email: 'koordinators@iem.demo.lv', password: DEMO_PASSWORD })
    const planId = ((await coordinatorOnB.get('/api/plans')).body as { id: number }[])[0]!.id
    for (let i = 0; i < 3; i++) {
      expect((await viewerOnB.get('/api/auth/me')).status).toBe(200)
      expect((await coordinatorOnB.get(`/api/plans/${planId}/summary`)).status).toBe(200)
    }

    const summaryBefore = (await coordinatorOnB.get(`/api/plans/${planId}/summary`)).body as { byStatus: Record<string, number> }
    const list = (await coordinatorOnA.get(`/api/plans/${planId}/measures`)).body as { id: number; status: string; version: number }[]
    const measure = list.find((m) => m.status === 'partial')!
    const rated = await coordinatorOnA.patch(`/api/measures/${measure.id}`, {
      version: measure.version,
      status: 'done',
      reason: 'Divi procesi',
      keepAssessment: true,
    })
    expect(rated.status, JSON.stringify(rated.body)).toBe(200)
    const users = (await adminOnA.get('/api/users')).body as { id: number; email: string; version: number }[]
    const viewer = users.find((u) => u.email === 'skatitajs@vk.demo.lv')!
    expect((await adminOnA.patch(`/api/users/${viewer.id}`, { version: viewer.version, active: false })).status).toBe(200)

    await b.changes.caughtUp()
    expect((await viewerOnB.get('/api/auth/me')).status).toBe(401)
    const summaryAfter = (await coordinatorOnB.get(`/api/plans/${planId}/summary`)).body as { byStatus: Record<string, number> }
    expect([summaryAfter.byStatus.partial, summaryAfter.byStatus.done]).toEqual([
      summaryBefore.byStatus.partial! - 1,
      summaryBefore.byStatus.done! + 1,
    ])
  })

  it('a dropped listening connection is opened again, and changes are heard after it', async () => {
    const [a, b] = instances.map((i) => i.app) as [FastifyInstance, FastifyInstance]
    expect(b.changes.live).toBe(true)
    const admin = await connect(fresh.adminUrl)
    try {
      const ended = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and query ilike 'LISTEN%' and pid <> pg_backend_pid()`,
        [fresh.name],
      )
      expect(ended.rowCount).toBe(2)
    } finally {
      await admin.end()
    }
    await vi.waitFor(() => expect(b.changes.live).toBe(false), { timeout: 10_000 })
    await vi.waitFor(() => expect(b.changes.live && a.changes.live).toBe(true), { timeout: 10_000 })

    const coordinatorOnA = await login(a, { email: 'koordinators@iem.demo.lv', password: DEMO_PASSWORD })
    const coordinatorOnB = await login(b, { email: 'koordinators@iem.demo.lv', password: DEMO_PASSWORD })
    const planId = ((await coordinatorOnB.get('/api/plans')).body as { id: number }[])[0]!.id
    await coordinatorOnB.get(`/api/plans/${planId}/measures`)
    const list = (await coordinatorOnA.get(`/api/plans/${planId}/measures`)).body as { id: number; title: string; version: number }[]
    const renamed = await coordinatorOnA.patch(`/api/measures/${list[0]!.id}`, {
      version: list[0]!.version,
      title: 'Pēc savienojuma zuduma',
      reason: 'Divi procesi',
    })
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
    await b.changes.caughtUp()
    expect(((await coordinatorOnB.get(`/api/plans/${planId}/measures`)).body as { title: string }[])[0]!.title).toBe(
      'Pēc savienojuma zuduma',
    )
  })
})
