// The permission matrix: every API route × every role (and own vs. other institution where the
// route is about an institution's data), driven through the real HTTP server from one table.
// A route missing from the table fails the test, so no new route slips through unreviewed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { type Fixtures, type Who, WHO, loadFixtures, ROUTES } from './helpers/permission-table.js'

let t: TestApp
let clients: Record<Exclude<Who, 'anonymous'>, Client>
let fixtures: Fixtures

beforeAll(async () => {
  t = await startTestApp()
  clients = await t.loginAll()
  fixtures = await loadFixtures(t, clients)
})
afterAll(() => t.close())

async function call(who: Who, method: string, path: string, body: object | undefined) {
  if (who === 'anonymous') {
    const req = t.http[method.toLowerCase() as 'get'](path)
    return body ? req.send(body) : req
  }
  const client = clients[who]
  switch (method) {
    case 'GET':
      return client.get(path)
    case 'DELETE':
      return client.delete(path)
    default:
      return client[method.toLowerCase() as 'post'](path, body)
  }
}

describe('permission matrix', () => {
  it('covers every registered API route, and nothing else', () => {
    const registered = t.app.accessRules.map((r) => `${r.method} ${r.url}`).sort()
    const table = [...new Set(ROUTES.map((r) => `${r.method} ${r.url}`))].sort()
    expect(table).toEqual(registered)
  })

  it('every registered route states a rule', () => {
    expect(t.app.accessRules.filter((r) => r.access === undefined)).toEqual([])
  })

  // Logging out ends the fixtures' sessions, so that route goes last.
  const isLogout = (r: (typeof ROUTES)[number]) => r.url === '/api/auth/logout'
  for (const route of [...ROUTES.filter((r) => !isLogout(r)), ...ROUTES.filter(isLogout)]) {
    it(`${route.method} ${route.url}${route.variant ? ` (${route.variant})` : ''}`, async () => {
      const mismatches: string[] = []
      for (const who of WHO) {
        const allowed =
          route.allowed === 'public' || (who !== 'anonymous' && (route.allowed === 'authenticated' || route.allowed.includes(who)))
        const res = await call(who, route.method, route.path(fixtures), route.body?.(fixtures))
        const ok = allowed ? res.status !== 401 && res.status !== 403 && res.status < 500 : res.status === (who === 'anonymous' ? 401 : 403)
        if (!ok)
          mismatches.push(
            `${who}: expected ${allowed ? 'allowed' : 'refused'}, got ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`,
          )
      }
      expect(mismatches).toEqual([])
    })
  }
})

describe('default deny', () => {
  it('refuses everyone, even an admin, on a route that states no rule', async () => {
    const app = await startTestApp({}, (fastify) => {
      fastify.get('/api/forgotten-rule', async () => ({ secret: true }))
    })
    try {
      const admin = await app.login(DEMO.admin)
      const res = await admin.get('/api/forgotten-rule')
      expect(res.status).toBe(403)
      expect(res.body.secret).toBeUndefined()
      expect((await app.http.get('/api/forgotten-rule')).status).toBe(403)
      expect(app.app.accessRules.find((r) => r.url === '/api/forgotten-rule')?.access).toBeUndefined()
    } finally {
      await app.close()
    }
  })
})
