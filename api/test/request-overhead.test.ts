// What every request costs besides its own work: one log line (no headers, no bodies), and JSON
// written by serialisers compiled from the routes' response schemas, never by hand.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { bootstrap } from '../src/bootstrap.js'
import { connectPglite, type Database } from '../src/db/client.js'
import { ADMIN, testConfig } from './helpers/config.js'

const lines: Record<string, unknown>[] = []
let app: FastifyInstance
let database: Database

beforeAll(async () => {
  database = connectPglite(await PGlite.create())
  await database.migrate()
  const config = testConfig({ LOG_LEVEL: 'info', DEMO_DATA: 'false', AUDIT_VERIFY_MINUTES: '0', NOTIFY_INTERVAL_SECONDS: '0' })
  app = await buildApp(config, database, { logStream: { write: (line) => void lines.push(JSON.parse(line)) } })
  const print = console.log
  console.log = () => {}
  await bootstrap(app, config).finally(() => (console.log = print))
})
afterAll(async () => {
  await app?.close()
  await database?.close()
})

describe('request logging', () => {
  it('writes one line per request with method, URL, status and time — no headers, no bodies', async () => {
    lines.length = 0
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN })
    expect(login.statusCode).toBe(200)
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
    expect((await app.inject({ method: 'GET', url: '/api/plans?x=1', headers: { cookie } })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)

    const perRequest = lines.filter((l) => l.msg === 'request')
    expect(perRequest.map(({ method, url, status }) => ({ method, url, status }))).toEqual([
      { method: 'POST', url: '/api/auth/login', status: 200 },
      { method: 'GET', url: '/api/plans?x=1', status: 200 },
      { method: 'GET', url: '/api/health', status: 200 },
    ])
    for (const line of perRequest) expect(typeof line.ms).toBe('number')
    // Nothing else per request: no "incoming request", no serialised request or response.
    expect(lines.filter((l) => l.msg !== 'request' && l.msg !== 'login')).toEqual([])
    const text = JSON.stringify(lines)
    expect(text).not.toContain(ADMIN.password)
    expect(text).not.toContain(cookie.split('=')[1])
    expect(text).not.toContain('headers')
  })

  it('adds a refusal’s reason in a line of its own, under the same request id', async () => {
    lines.length = 0
    const res = await app.inject({ method: 'GET', url: '/api/plans/1/report.docx' })
    expect(res.statusCode).toBe(401)
    expect(lines.map((l) => l.msg)).toEqual(['request refused', 'request'])
    expect(lines[0]!.reqId).toBe(lines[1]!.reqId)
  })
})

/** `/api/plans/` and `/api/plans` are one route (a plugin's `/` under its prefix). */
const noSlash = (path: string) => path.replace(/(.)\/$/, '$1')

describe('response serialisation', () => {
  it('every API route declares a schema for its success answer, so its JSON comes from a compiled serialiser', async () => {
    await app.ready()
    const document = app.swagger() as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> }
    const missing = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api'))
      .flatMap(([path, operations]) =>
        Object.entries(operations)
          // A redirect (single sign-on) has no body to serialise: its 302 stands for the success answer.
          .filter(([, operation]) => !Object.keys(operation.responses ?? {}).some((status) => /^(2\d\d|302)$/.test(status)))
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      )
    expect(missing).toEqual([])
    // Every registered API route is in the document (none hidden from it).
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${noSlash(path)}`)),
    )
    const registered = app.accessRules.map((r) => `${r.method} ${noSlash(r.url.replace(/:(\w+)/g, '{$1}'))}`)
    expect(registered.filter((r) => !documented.has(r))).toEqual([])
  })

  it('no route or service writes JSON by hand (JSON.stringify) into a response', () => {
    const root = fileURLToPath(new URL('../src/routes', import.meta.url))
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]))
    const byHand = files(root).filter((file) => /JSON\.stringify|\.serializer\(/.test(readFileSync(file, 'utf8')))
    expect(byHand).toEqual([])
  })
})
