// The first start: the system acts (no logged-in user), and the policy lets it do what an admin may —
// import the demo plan with its new institutions, create the first admin and the demo users.
import { PGlite } from '@electric-sql/pglite'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { bootstrap, DEMO_OPEN_SURVEY, DEMO_USERS, readDemoPlan, readDemoSurvey } from '../src/bootstrap.js'
import { connectPglite, type Database } from '../src/db/client.js'
import { auditLog, institutions, plans, surveys, users } from '../src/db/schema/index.js'
import { systemActor } from '../src/plugins/app/auth/actor.js'
import { ADMIN, testConfig } from './helpers/config.js'

const opened: { close(): Promise<void> }[] = []
afterAll(async () => {
  for (const o of opened.reverse()) await o.close()
})

async function freshApp(overrides: Record<string, string>) {
  const database: Database = connectPglite(await PGlite.create())
  await database.migrate()
  const config = testConfig(overrides)
  const app = await buildApp(config, database, { logger: false })
  opened.push(database, app)
  return { app, config }
}

const quietly = async (run: () => Promise<void>) => {
  const log = console.log
  console.log = () => {}
  try {
    await run()
  } finally {
    console.log = log
  }
}

describe('first start', () => {
  it('imports the demo plan and creates the demo users as the system, once', async () => {
    const { app, config } = await freshApp({})
    await quietly(() => bootstrap(app, config))
    expect(await app.db.select({ code: plans.code }).from(plans)).toEqual([{ code: readDemoPlan().plan.code }])
    const emails = (await app.db.select({ email: users.email }).from(users)).map((u) => u.email).sort()
    expect(emails).toEqual([ADMIN.email, ...DEMO_USERS.map((u) => u.email)].sort())
    // The system's rows name no user.
    const rows = await app.db.select().from(auditLog)
    expect(rows.find((r) => r.action === 'plan.import')).toMatchObject({ actorId: null, actorLabel: null })
    // The plan's institutions, then the survey's municipalities (its coordinator IeM is the plan's).
    const planCodes = new Set(readDemoPlan().institutions.map((i) => i.code))
    const surveyOnly = readDemoSurvey().institutions.filter((i) => !planCodes.has(i.code))
    expect(surveyOnly.length).toBe(43)
    expect(rows.filter((r) => r.action === 'institution.create').length).toBe(planCodes.size + surveyOnly.length)
    // The demo survey closed with its answers, and its next period's copy open for the municipalities.
    const surveyRows = await app.db.select({ code: surveys.code, state: surveys.state, copiedFromId: surveys.copiedFromId }).from(surveys)
    expect(surveyRows.map(({ code, state }) => ({ code, state })).sort((a, b) => a.code.localeCompare(b.code))).toEqual([
      { code: readDemoSurvey().survey.code, state: 'closed' },
      { code: DEMO_OPEN_SURVEY.code, state: 'open' },
    ])
    expect(rows.filter((r) => r.action.startsWith('survey.')).map((r) => r.action)).toEqual([
      'survey.import',
      'survey.copy',
      'survey.update',
      'survey.open',
    ])
    expect(rows.filter((r) => r.action === 'user.create').every((r) => r.actorId === null)).toBe(true)
    // A second start finds users and writes nothing.
    await quietly(() => bootstrap(app, config))
    expect((await app.db.select().from(users)).length).toBe(emails.length)
  })

  it('without demo data creates only the first admin, in an institution of its own', async () => {
    const { app, config } = await freshApp({ DEMO_DATA: 'false' })
    await quietly(() => bootstrap(app, config))
    const all = await app.db
      .select({ email: users.email, role: users.role, code: institutions.code })
      .from(users)
      .innerJoin(institutions, eq(institutions.id, users.institutionId))
    expect(all).toEqual([{ email: ADMIN.email, role: 'admin', code: 'ADMIN' }])
    expect(await app.db.select().from(plans)).toEqual([])
  })

  it('lets the system import a plan with new institutions, as an admin may', async () => {
    const { app } = await freshApp({ DEMO_DATA: 'false' })
    const result = await app.planImporter.import(systemActor(), readDemoPlan())
    expect(result).toMatchObject({ code: readDemoPlan().plan.code, measures: 30 })
    expect((await app.db.select().from(institutions)).length).toBe(readDemoPlan().institutions.length)
  })
})
