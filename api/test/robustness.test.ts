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
