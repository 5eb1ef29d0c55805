// The read caches (db/read-cache.ts, db/change-feed.ts): what a credential resolves to, the
// institution tree and a plan's summary are kept between requests, and never answer with what a
// change replaced — a change through the API is seen by the very next request, one written by
// another process as soon as its notification is heard (caughtUp). On either engine.
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChangeFeed } from '../src/db/change-feed.js'
import { ReadCache } from '../src/db/read-cache.js'
import { measures } from '../src/db/schema/index.js'
import { DEMO, startTestApp, type Client, type TestApp } from './helpers/app.js'
import { draft, openRound } from './round-fixtures.js'

let t: TestApp
let planId: number
/** The statements the app sends, while `counting`. */
const statements: string[] = []
let counting = false
beforeAll(async () => {
  t = await startTestApp({ NOTIFY_INTERVAL_SECONDS: '0' }, undefined, {
    queryLogger: { logQuery: (query) => void (counting && statements.push(query)) },
  })
  planId = await t.demoPlanId()
})
afterAll(() => t.close())

/** Several reads, so whatever a route keeps is kept before the change the test makes. */
async function warm(client: Client, url: string) {
  for (let i = 0; i < 3; i++) expect((await client.get(url)).status).toBe(200)
}

/** The statements one request sends. */
async function statementsOf(client: Client, url: string): Promise<string[]> {
  statements.length = 0
  counting = true
  expect((await client.get(url)).status).toBe(200)
  counting = false
  return [...statements]
}

describe('what is kept', () => {
  it('a plan summary read again, by anyone who may see the plan, sends no statement at all', async () => {
    const [coordinator, viewer] = [await t.login(DEMO.planCoordinator), await t.login(DEMO.viewer)]
    await statementsOf(viewer, '/api/auth/me')
    expect((await statementsOf(coordinator, `/api/plans/${planId}/summary`)).length).toBeGreaterThan(0)
    expect(await statementsOf(coordinator, `/api/plans/${planId}/summary`)).toEqual([])
    expect(await statementsOf(viewer, `/api/plans/${planId}/summary`)).toEqual([])
    t.app.changes.changed('measures')
    expect((await statementsOf(viewer, `/api/plans/${planId}/summary`)).some((s) => s.includes('"measures"'))).toBe(true)
  })
})

describe('a measure list', () => {
  it('is kept as written, and follows an edit through the API at once', async () => {
    const coordinator = await t.login(DEMO.planCoordinator)
    const url = `/api/plans/${planId}/measures`
    await statementsOf(coordinator, url)
    expect(await statementsOf(coordinator, url)).toEqual([])
    const list = (await coordinator.get(url)).body as { id: number; title: string; version: number }[]
    const edited = await coordinator.patch(`/api/measures/${list[0]!.id}`, {
      version: list[0]!.version,
      title: `${list[0]!.title} (precizēts)`,
      reason: 'Pārbaude: kešatmiņa',
    })
    expect(edited.status, JSON.stringify(edited.body)).toBe(200)
    const after = await coordinator.get(url)
    expect(after.headers['content-type']).toMatch(/^application\/json/)
    expect(after.body[0].title).toBe(`${list[0]!.title} (precizēts)`)
    // The table's compact view is kept apart from the whole items.
    const table = await coordinator.get(`${url}?view=table&limit=5`)
    expect(table.body).toHaveLength(5)
    expect(table.body[0]).not.toHaveProperty('abilities')
  })
})

describe('my work, a round’s completeness and a measure', () => {
  it('follow a draft saved and evidence added through the API at once', async () => {
    const [coordinator, reporter] = [await t.login(DEMO.planCoordinator), await t.login(DEMO.reporterVPD)]
    const round = await openRound(coordinator, planId)
    type Work = { kind: string; round?: { id: number }; measure?: { id: number }; institution?: string; state: string }
    const owed = async () => ((await reporter.get('/api/my/work')).body as Work[]).filter((w) => w.round?.id === round.id)
    await warm(reporter, '/api/my/work')
    const [item] = await owed()
    expect(item!.state).toBe('missing')
    await warm(reporter, `/api/measures/${item!.measure!.id}`)
    expect(await statementsOf(reporter, `/api/measures/${item!.measure!.id}`)).toEqual([])

    const completeness = async () =>
      ((await coordinator.get(`/api/rounds/${round.id}/completeness?view=summary`)).body as { totals: { draft: number } }).totals
    await warm(coordinator, `/api/rounds/${round.id}/completeness?view=summary`)
    const draftsBefore = (await completeness()).draft

    const submission = await draft(reporter, round.id, item!.measure!.id, item!.institution!)
    expect((await owed()).find((w) => w.measure!.id === item!.measure!.id)!.state).toBe('draft')
    expect((await completeness()).draft).toBe(draftsBefore + 1)

    const renamed = await coordinator.patch(`/api/measures/${item!.measure!.id}`, {
      version: (await coordinator.get(`/api/measures/${item!.measure!.id}`)).body.version,
      title: 'Pasākums ar jaunu nosaukumu',
      reason: 'Pārbaude: kešatmiņa',
    })
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
    expect((await reporter.get(`/api/measures/${item!.measure!.id}`)).body.title).toBe('Pasākums ar jaunu nosaukumu')
    expect(submission.state).toBe('draft')
  })
})

describe('credentials', () => {
  it('a logout ends the session for the very next request', async () => {
    const viewer = await t.login(DEMO.viewer)
    await warm(viewer, '/api/auth/me')
    expect((await viewer.post('/api/auth/logout')).status).toBe(204)
    expect((await viewer.get('/api/auth/me')).status).toBe(401)
  })

  it('a deactivation and a role change count from the very next request', async () => {
    const admin = await t.login(DEMO.admin)
    const reporter = await t.login(DEMO.reporterVP)
    const users = (await admin.get('/api/users')).body as { id: number; email: string; version: number }[]
    const user = users.find((u) => u.email === DEMO.reporterVP.email)!
    await warm(reporter, '/api/my/work')

    const demoted = await admin.patch(`/api/users/${user.id}`, { version: user.version, role: 'viewer' })
    expect(demoted.status).toBe(200)
    expect((await reporter.get('/api/auth/me')).body.user.role).toBe('viewer')

    const deactivated = await admin.patch(`/api/users/${user.id}`, { version: demoted.body.version, active: false })
    expect(deactivated.status).toBe(200)
    expect((await reporter.get('/api/my/work')).status).toBe(401)
  })

  it('a session ended by another process (a row deleted in the database) is refused once heard', async () => {
    const viewer = await t.login(DEMO.viewer)
    await warm(viewer, '/api/auth/me')
    await t.app.db.execute(sql`delete from sessions where user_id = (select id from users where email = ${DEMO.viewer.email})`)
    await t.app.changes.caughtUp()
    expect((await viewer.get('/api/auth/me')).status).toBe(401)
  })
})

describe('a plan summary', () => {
  const summaryOf = async (client: Client) =>
    (await client.get(`/api/plans/${planId}/summary`)).body as { byStatus: Record<string, number> }

  it('follows a rating through the API at once', async () => {
    const coordinator = await t.login(DEMO.planCoordinator)
    await warm(coordinator, `/api/plans/${planId}/summary`)
    const before = await summaryOf(coordinator)
    const list = (await coordinator.get(`/api/plans/${planId}/measures`)).body as { id: number; status: string; version: number }[]
    const measure = list.find((m) => m.status !== 'done')!
    const rated = await coordinator.patch(`/api/measures/${measure.id}`, {
      version: measure.version,
      status: 'done',
      reason: 'Pārbaude: kešatmiņa',
      keepAssessment: true,
    })
    expect(rated.status, JSON.stringify(rated.body)).toBe(200)
    const after = await summaryOf(coordinator)
    expect(after.byStatus.done).toBe(before.byStatus.done! + 1)
    expect(after.byStatus[measure.status]).toBe(before.byStatus[measure.status]! - 1)
  })

  it('follows a change written by another process once it is heard', async () => {
    const viewer = await t.login(DEMO.viewer)
    await warm(viewer, `/api/plans/${planId}/summary`)
    const before = await summaryOf(viewer)
    const [measure] = await t.app.db.select({ id: measures.id }).from(measures).where(eq(measures.status, 'partial')).limit(1)
    await t.app.db.update(measures).set({ status: 'not_done' }).where(eq(measures.id, measure!.id))
    await t.app.changes.caughtUp()
    const after = await summaryOf(viewer)
    expect([after.byStatus.partial, after.byStatus.not_done]).toEqual([before.byStatus.partial! - 1, before.byStatus.not_done! + 1])
  })

  it('is not shown to someone who may not see the plan, kept or not', async () => {
    const coordinator = await t.login(DEMO.planCoordinator)
    const draft = await coordinator.post('/api/plans', {
      code: 'KESATMINA-1',
      title: 'Melnraksts',
      period: { start: '2027-01-01', end: '2027-12-31' },
      coordinator: 'IeM',
    })
    expect(draft.status, JSON.stringify(draft.body)).toBe(201)
    await warm(coordinator, `/api/plans/${draft.body.id}/summary`)
    const viewer = await t.login(DEMO.viewer)
    expect((await viewer.get(`/api/plans/${draft.body.id}/summary`)).status).toBe(404)
  })
})

describe('ReadCache', () => {
  /** A feed that is live with nothing behind it: the test says what changed. */
  const liveFeed = async () => {
    const feed = await ChangeFeed.start({
      db: t.app.db,
      listen: async (_channel, handlers) => {
        handlers.live(true)
        return async () => handlers.live(false)
      },
    })
    return feed
  }

  it('shares one read among concurrent misses and keeps it until a table it reads changes', async () => {
    const feed = await liveFeed()
    const cache = new ReadCache<string, number>(feed, { tables: ['measures'], maxEntries: 10, maxAgeMs: 60_000 })
    let reads = 0
    const read = async () => ++reads
    expect(await Promise.all([cache.get('a', read), cache.get('a', read), cache.get('a', read)])).toEqual([1, 1, 1])
    feed.changed('users')
    expect(await cache.get('a', read)).toBe(1)
    feed.changed('measures')
    expect(await cache.get('a', read)).toBe(2)
  })

  it('does not keep a read that a change overtook, nor one that failed or found nothing', async () => {
    const feed = await liveFeed()
    const cache = new ReadCache<string, number | undefined>(feed, { tables: ['measures'], maxEntries: 10, maxAgeMs: 60_000 })
    let release!: () => void
    const slow = cache.get('a', () => new Promise((resolve) => (release = () => resolve(1))))
    feed.changed('measures')
    release()
    expect(await slow).toBe(1)
    expect(await cache.get('a', async () => 2)).toBe(2)

    await expect(cache.get('b', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await cache.get('b', async () => 3)).toBe(3)
    expect(await cache.get('c', async () => undefined)).toBeUndefined()
    expect(await cache.get('c', async () => 4)).toBe(4)
  })

  it('keeps nothing while the feed is not live, and at most maxEntries', async () => {
    const silent = await ChangeFeed.start(null)
    const uncached = new ReadCache<string, number>(silent, { tables: [], maxEntries: 10, maxAgeMs: 60_000 })
    let reads = 0
    await uncached.get('a', async () => ++reads)
    await uncached.get('a', async () => ++reads)
    expect(reads).toBe(2)

    const feed = await liveFeed()
    const small = new ReadCache<string, string>(feed, { tables: [], maxEntries: 2, maxAgeMs: 60_000 })
    for (const key of ['a', 'b', 'c']) await small.get(key, async () => `${key}1`)
    expect(await small.get('a', async () => 'a2')).toBe('a2')
    expect(await small.get('c', async () => 'c2')).toBe('c1')
    await feed.close()
    expect(await small.get('c', async () => 'c3')).toBe('c3')
  })
})
