import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { eq } from 'drizzle-orm'
import { PublishedPlanSchema } from '@apt/shared'
import { plans } from '../src/db/schema/index.js'
import { loadPublishedPlan } from '../src/plugins/public/published-plan.js'
import { loadPublishedSurveyResults } from '../src/plugins/public/published-survey.js'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'

const ajv = new Ajv({ allErrors: true, strict: false })
addFormats.default(ajv)
const validatePlan = ajv.compile(PublishedPlanSchema)

const statements: string[] = []
let counting = false
const queryLogger = { logQuery: (query: string) => void (counting && statements.push(query)) }

/** The statements `load` sends. */
async function countQueries(load: () => Promise<unknown>): Promise<number> {
  // Counted cold: nothing the read caches kept from an earlier read (db/read-cache.ts).
  t.app.changes.changed()
  statements.length = 0
  counting = true
  try {
    await load()
  } finally {
    counting = false
  }
  return statements.length
}

let t: TestApp
let coordinator: Client
let planId: number

beforeAll(async () => {
  t = await startTestApp({}, undefined, { queryLogger })
  coordinator = await t.login(DEMO.planCoordinator)
  planId = await t.demoPlanId()
})
afterAll(() => t.close())

describe('the public read model of a plan', () => {
  it('is null for an unknown plan and for one not published', async () => {
    expect(await loadPublishedPlan(t.app.db, 'NO-SUCH-PLAN')).toBeNull()
    expect(await loadPublishedPlan(t.app.db, 'BNN-2023-2024')).toBeNull()
    expect(await loadPublishedSurveyResults(t.app.db, 'BNN-2023-2024', 'anything')).toBeNull()
  })

  it('of the published demo plan: every measure, the dashboard figures, the default licence', async () => {
    await t.app.db.update(plans).set({ publishedAt: new Date() }).where(eq(plans.id, planId))
    await t.app.changes.caughtUp()
    const model = await loadPublishedPlan(t.app.db, 'BNN-2023-2024')
    expect(model).not.toBeNull()
    expect(validatePlan(model), JSON.stringify(validatePlan.errors)).toBe(true)
    const exported = (await coordinator.get(`/api/plans/${planId}/export`)).body
    const measures = model!.actionLines.flatMap((l) => l.measures)
    expect(measures.map((m) => [m.number, m.title, m.status])).toEqual(
      exported.plan.actionLines.flatMap((l: { measures: { number: string; title: string; status: string }[] }) =>
        l.measures.map((m) => [m.number, m.title, m.status]),
      ),
    )
    expect(model!.summary).toEqual((await coordinator.get(`/api/plans/${planId}/summary`)).body)
    expect(model!.licence).toEqual({ name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' })
    expect(Date.parse(model!.updatedAt)).toBeGreaterThanOrEqual(Date.parse(model!.publishedAt))
  })

  it('reads a plan of any size with the same number of queries', async () => {
    const exported = (await coordinator.get(`/api/plans/${planId}/export`)).body
    const small = { ...exported, plan: { ...exported.plan, code: 'MAZS-1', actionLines: exported.plan.actionLines.slice(0, 1) } }
    const imported = await coordinator.post('/api/plans/import', small)
    expect(imported.status, JSON.stringify(imported.body)).toBe(201)
    await t.app.db.update(plans).set({ publishedAt: new Date() }).where(eq(plans.id, imported.body.id))
    await t.app.changes.caughtUp()
    const big = await countQueries(() => loadPublishedPlan(t.app.db, 'BNN-2023-2024'))
    const little = await countQueries(() => loadPublishedPlan(t.app.db, 'MAZS-1'))
    expect(little).toBe(big)
    expect(await countQueries(() => loadPublishedPlan(t.app.db, 'NO-SUCH-PLAN'))).toBe(1)
  })
})
