// Never a 500 for client input: every API route, called as an admin (who passes every role rule)
// with malformed ids, bodies and query strings, must answer with a 4xx (or succeed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { ROUTES } from './helpers/permission-table.js'

let t: TestApp
let admin: Client
/** A real id for each route's `:id`; users' routes get the viewer, so the admin never resets itself. */
let viewerId: number
beforeAll(async () => {
  t = await startTestApp()
  admin = await t.login(DEMO.admin)
  viewerId = (await admin.get('/api/users')).body.find((u: { role: string }) => u.role === 'viewer').id
})
afterAll(() => t.close())

const BAD_IDS = ['abc', '-1', '0', '1.5', '99999999999999999999', '%00', '1%20OR%201=1']
const BAD_BODIES: unknown[] = [
  null,
  [],
  'text',
  12,
  { version: 'x' },
  { version: 1e308, id: -1 },
  { version: 1, title: '\u0000'.repeat(10) },
  { version: 3_000_000_000, name: 'x', email: 'a\u0000@x.lv', password: 'p' },
  { version: 1, responsible: ['VP', 'VP'], deadline: { text: 'x', due: '0000-01-01' } },
  { title: 'x', period: '2024', dueDate: '0000-01-01' },
  { version: 0, sections: { actionLines: { '1\u0000': 'x' }, financing: null, conclusions: null } },
  { a: { b: { c: { d: { e: { f: {} } } } } } },
  { email: 'x'.repeat(10_000), password: 'y'.repeat(10_000) },
  { measureId: 2 ** 31, institution: 'VP', dueDate: '2024-02-30', period: '', title: ' ' },
  { url: 'javascript:alert(1)', title: 'x' },
  { sections: { actionLines: { '1': null } }, version: 0 },
]
const BAD_QUERIES = [
  '?entity=%00&q=%00',
  '?from=2016-12-31T23:59:60Z&offset=100000000000000000000',
  '?status=x&limit=-5&offset=abc',
  '?from=not-a-date&to=2024-99-99&actor=x',
  '?q=%25%5F%5C&sort=none&dryRun=maybe',
  '?limit=1e9',
]

const unique = [...new Map(ROUTES.map((r) => [`${r.method} ${r.url}`, r])).values()].filter((r) => r.url !== '/api/auth/logout')

async function send(method: string, path: string, body?: unknown) {
  const req = method === 'GET' ? admin.get(path) : method === 'DELETE' ? admin.delete(path) : admin[method.toLowerCase() as 'post'](path)
  if (body === undefined || method === 'GET' || method === 'DELETE') return req
  return req.set('content-type', 'application/json').send(JSON.stringify(body))
}

describe('no 500 for client input', () => {
  for (const route of unique) {
    it(`${route.method} ${route.url}`, async () => {
      expect((await admin.get('/api/auth/me')).status).toBe(200)
      const failures: string[] = []
      const paths = route.url.includes(':id') ? BAD_IDS.map((id) => route.url.replace(':id', id)) : [route.url]
      for (const path of paths) {
        const res = await send(route.method, path, {})
        if (res.status >= 500 || res.status === 401) failures.push(`${path}: ${res.status}`)
      }
      const good = route.url.replace(':id', route.url.startsWith('/api/users/') ? String(viewerId) : '1')
      for (const body of route.method === 'GET' || route.method === 'DELETE' ? [undefined] : BAD_BODIES) {
        const res = await send(route.method, good, body)
        if (res.status >= 500 || res.status === 401) failures.push(`${good} ${JSON.stringify(body)?.slice(0, 60)}: ${res.status}`)
      }
      if (route.method === 'GET') {
        for (const query of BAD_QUERIES) {
          const res = await send('GET', good + query)
          if (res.status >= 500 || res.status === 401) failures.push(`${good}${query}: ${res.status}`)
        }
      }
      expect(failures).toEqual([])
    })
  }
})

/** A query parameter as the OpenAPI document describes it. */
interface QueryParameter {
  name: string
  schema: { type?: string; format?: string; maxLength?: number; minimum?: number; maximum?: number; enum?: unknown[]; anyOf?: unknown[] }
}

/** Every route with a query string, from the app's own OpenAPI document: nothing is left out by hand. */
function routesWithQueries(): { method: string; url: string; parameters: QueryParameter[] }[] {
  const spec = t.app.swagger() as { paths: Record<string, Record<string, { parameters?: (QueryParameter & { in: string })[] }>> }
  return Object.entries(spec.paths).flatMap(([url, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) => {
      const parameters = (operation.parameters ?? []).filter((p) => p.in === 'query')
      // A provider's id: none is configured here, so its routes answer 404.
      return parameters.length
        ? [{ method: method.toUpperCase(), url: url.replace('{id}', '1').replace('{provider}', 'oidc'), parameters }]
        : []
    }),
  )
}

const LONG = 'x'.repeat(5000)
/** Values no valid request has: each must be a 400. */
function invalidValues(p: QueryParameter): string[] {
  const { type, format, maxLength, minimum, maximum, enum: allowed } = p.schema
  const values = [LONG, '%00']
  if (format === 'date-time')
    values.push(
      '0000-01-01T00:00:00Z',
      '0000-12-31T23:59:59Z',
      '9999-12-31T23:59:59-14:00',
      '9999-12-31T23:59:59.999-00:01',
      '1969-12-31T23:59:59Z',
      '1970-01-01T00:00:00+00:01',
      '+275760-09-13T00:00:00Z',
      '-000001-01-01T00:00:00Z',
      '2024-02-30T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2016-12-31T23:59:60Z',
      '2024-01-01',
      '1e308',
      '-1',
      'not-a-date',
    )
  if (type === 'integer')
    values.push(
      '-1',
      '1.5',
      '1e308',
      '-1e308',
      '99999999999999999999',
      'NaN',
      'Infinity',
      'abc',
      `${(maximum ?? 0) + 1}`,
      `${(minimum ?? 0) - 1}`,
    )
  if (type === 'boolean') values.push('maybe', '2', 'yes please')
  if (allowed || p.schema.anyOf) values.push('nope', 'DONE')
  if (type === 'string' && maxLength !== undefined) values.push('y'.repeat(maxLength + 1))
  return values
}
/** Values at the edges of what is allowed: each must be answered without a 5xx (2xx, or 4xx for a missing record). */
function edgeValues(p: QueryParameter): string[] {
  const { type, format, maxLength, minimum, maximum, enum: allowed } = p.schema
  if (format === 'date-time')
    return ['1970-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59+14:00', '2024-02-29T12:00:00.123456+02:00']
  if (type === 'integer') return [String(minimum ?? 0), String(maximum ?? 2_147_483_647)]
  if (type === 'boolean') return ['true', 'false']
  if (allowed) return allowed.map(String)
  if (type === 'string') return ['', 'ā%25_\\', 'y'.repeat(maxLength ?? 100)]
  return []
}

describe('date and range filters on every route', () => {
  it('finds the routes with query strings, and every parameter of theirs is bounded', () => {
    const routes = routesWithQueries()
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['GET /api/audit/', 'GET /api/plans/1/measures', 'GET /api/rounds/1/submissions']),
    )
    const unbounded = routes.flatMap((r) =>
      r.parameters
        .filter(({ schema: s }) =>
          s.type === 'string'
            ? s.maxLength === undefined && !s.enum
            : s.type === 'integer' || s.type === 'number'
              ? s.minimum === undefined || s.maximum === undefined
              : false,
        )
        .map((p) => `${r.url}?${p.name}`),
    )
    expect(unbounded).toEqual([])
  })

  it('answers extreme and malformed values of every query parameter with a 400, and edge values without a 5xx', async () => {
    const failures: string[] = []
    for (const route of routesWithQueries()) {
      for (const parameter of route.parameters) {
        for (const value of invalidValues(parameter)) {
          const path = `${route.url}?${parameter.name}=${encodeURIComponent(value).replaceAll('%2500', '%00')}`
          const res = await send(route.method, path, route.method === 'GET' ? undefined : {})
          if (res.status !== 400) failures.push(`${route.method} ${path.slice(0, 120)}: ${res.status}`)
        }
        // Twice the same parameter is an array where one value is expected.
        const twice = await send(
          route.method,
          `${route.url}?${parameter.name}=1&${parameter.name}=2`,
          route.method === 'GET' ? undefined : {},
        )
        if (twice.status >= 500 || twice.status === 401)
          failures.push(`${route.method} ${route.url}?${parameter.name} twice: ${twice.status}`)
        for (const value of edgeValues(parameter)) {
          const path = `${route.url}?${parameter.name}=${encodeURIComponent(value)}`
          const res = await send(route.method, path, route.method === 'GET' ? undefined : {})
          if (res.status >= 500 || res.status === 401 || (route.method === 'GET' && res.status === 400))
            failures.push(`${route.method} ${path.slice(0, 120)}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`)
        }
      }
    }
    expect(failures).toEqual([])
  }, 120_000)

  it('refuses a time range that ends before it starts, and takes one that starts and ends at the same moment', async () => {
    const failures: string[] = []
    for (const route of routesWithQueries()) {
      const names = route.parameters.map((p) => p.name)
      if (!names.includes('from') || !names.includes('to')) continue
      const reversed = await send(route.method, `${route.url}?from=2025-01-01T00:00:00Z&to=2024-12-31T23:59:59Z`)
      if (reversed.status !== 400 || reversed.body.errors?.[0]?.path !== 'querystring/to')
        failures.push(`${route.url} reversed: ${reversed.status}`)
      // The same moment in two offsets is not reversed.
      const same = await send(route.method, `${route.url}?from=2025-01-01T02:00:00%2B02:00&to=2025-01-01T00:00:00Z`)
      if (same.status !== 200) failures.push(`${route.url} same moment: ${same.status}`)
      const widest = await send(
        route.method,
        `${route.url}?from=1970-01-01T00:00:00Z&to=9999-12-31T23:59:59%2B14:00&limit=500&offset=1000000000`,
      )
      if (widest.status !== 200) failures.push(`${route.url} widest: ${widest.status}`)
    }
    expect(failures).toEqual([])
  })

  it('names the issue’s three audit dates as 400s, not 500s', async () => {
    for (const query of ['from=0000-01-01T00:00:00Z', 'to=0000-12-31T23:59:59Z', 'from=9999-12-31T23:59:59-14:00']) {
      const res = await admin.get(`/api/audit?${query}`)
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('VALIDATION_FAILED')
    }
  })
})
