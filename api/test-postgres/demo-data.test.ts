// DEMO_DATA on PostgreSQL: unset, a first start creates only the first admin; DEMO_DATA=true set
// explicitly loads the demo plan, survey and users there too (through the same start as production).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_USERS, readDemoPlan } from '../src/bootstrap.js'
import { plans, surveys, users } from '../src/db/schema/index.js'
import { startApp } from '../src/start.js'
import { ADMIN, DEMO_PASSWORD, testConfig } from '../test/helpers/config.js'
import { type FreshDatabase, freshDatabase } from './databases.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function firstStart(env: Record<string, string>) {
  const fresh: FreshDatabase = await freshDatabase('demo')
  cleanups.push(() => fresh.drop())
  // The first start prints its login box; not in the test output.
  const print = vi.spyOn(console, 'log').mockImplementation(() => {})
  const { app, database } = await startApp(testConfig({ DATABASE_URL: fresh.runtimeUrl, MIGRATION_DATABASE_URL: fresh.ownerUrl, ...env }), {
    logger: false,
  }).finally(() => print.mockRestore())
  cleanups.push(async () => {
    await app.close()
    await database.close()
  })
  return app
}

describe('DEMO_DATA on PostgreSQL', () => {
  it('unset: only the first admin, no plan', async () => {
    const app = await firstStart({})
    expect((await app.db.select({ email: users.email }).from(users)).map((u) => u.email)).toEqual([ADMIN.email])
    expect(await app.db.select().from(plans)).toEqual([])
  })

  it('DEMO_DATA=true: the demo plan, its surveys and the demo users, who can log in', async () => {
    const app = await firstStart({ DEMO_DATA: 'true' })
    expect(await app.db.select({ code: plans.code }).from(plans)).toEqual([{ code: readDemoPlan().plan.code }])
    expect((await app.db.select().from(surveys)).length).toBe(2)
    const emails = (await app.db.select({ email: users.email }).from(users)).map((u) => u.email).sort()
    expect(emails).toEqual([ADMIN.email, ...DEMO_USERS.map((u) => u.email)].sort())
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: DEMO_USERS[0]!.email, password: DEMO_PASSWORD },
    })
    expect(login.statusCode).toBe(200)
  })
})
