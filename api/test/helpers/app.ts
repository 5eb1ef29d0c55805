// Each test file gets its own copy of the seeded template database and the real app listening on
// a real port; clients talk HTTP to it through supertest, with cookies and the CSRF header.
import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import supertest from 'supertest'
import { inject } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'drizzle-orm/logger'
import { Role } from '@apt/shared'
import { buildApp } from '../../src/app.js'
import { DEMO_USERS } from '../../src/bootstrap.js'
import { connectPglite, connectPostgres, type Database } from '../../src/db/client.js'
import { ADMIN, DEMO_PASSWORD, testConfig } from './config.js'

async function copyTemplate(logger?: Logger): Promise<Database> {
  const template = inject('template')
  if (template.kind === 'pglite') {
    const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(template.dumpPath)]) })
    return connectPglite(client, { logger })
  }
  const name = `apt_test_${process.ppid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: template.url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.name}`)
  await admin.end()
  const url = new URL(template.url)
  url.pathname = `/${name}`
  return connectPostgres(url.toString(), { logger })
}

export type Agent = ReturnType<typeof supertest.agent>

/** A logged-in browser-like client: keeps the cookie, sends the CSRF token on unsafe requests. */
export interface Client {
  agent: Agent
  csrfToken: string
  get(url: string): supertest.Test
  post(url: string, body?: object): supertest.Test
  put(url: string, body?: object): supertest.Test
  patch(url: string, body?: object): supertest.Test
  delete(url: string): supertest.Test
}

export const CREDENTIALS: Record<string, { email: string; password: string }> = {
  admin: ADMIN,
  ...Object.fromEntries(DEMO_USERS.map((u) => [u.email, { email: u.email, password: DEMO_PASSWORD }])),
}
/** The demo user of each role: the plan coordinator (IeM), ministry coordinator (TM), reporters (VPD, VP), viewer (VK). */
export const DEMO = {
  admin: ADMIN,
  planCoordinator: { email: DEMO_USERS.find((u) => u.role === Role.planCoordinator)!.email, password: DEMO_PASSWORD },
  ministryCoordinator: { email: DEMO_USERS.find((u) => u.role === Role.ministryCoordinator)!.email, password: DEMO_PASSWORD },
  reporterVPD: { email: 'zinotajs@vpd.demo.lv', password: DEMO_PASSWORD },
  reporterVP: { email: 'zinotajs@vp.demo.lv', password: DEMO_PASSWORD },
  viewer: { email: DEMO_USERS.find((u) => u.role === Role.viewer)!.email, password: DEMO_PASSWORD },
}

export interface TestApp {
  app: FastifyInstance
  database: Database
  http: ReturnType<typeof supertest>
  login(who: { email: string; password: string }): Promise<Client>
  /** One logged-in client per demo user (see DEMO). */
  loginAll(): Promise<Record<keyof typeof DEMO, Client>>
  /** The demo plan's id (BNN-2023-2024). */
  demoPlanId(): Promise<number>
  close(): Promise<void>
}

export async function startTestApp(
  overrides: Record<string, string> = {},
  /** Adds routes or hooks before the app starts, e.g. to prove a route without a rule is refused. */
  extend?: (app: FastifyInstance) => void,
  /**
   * `queryLogger` sees every statement the app sends (api/test/query-counts.test.ts counts them);
   * `port`: a known port, for a PUBLIC_URL given before the app starts (single sign-on's redirect URIs).
   */
  options: { queryLogger?: Logger; port?: number } = {},
): Promise<TestApp> {
  const database = await copyTemplate(options.queryLogger)
  const app = await buildApp(testConfig(overrides), database, { logger: false })
  extend?.(app)
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' })
  const http = supertest(app.server)

  async function login(who: { email: string; password: string }): Promise<Client> {
    const agent = supertest.agent(app.server)
    const res = await agent.post('/api/auth/login').send(who)
    if (res.status !== 200) throw new Error(`login ${who.email} failed: ${res.status} ${JSON.stringify(res.body)}`)
    const csrfToken = res.body.csrfToken as string
    const withCsrf = (test: supertest.Test) => test.set('X-CSRF-Token', csrfToken)
    return {
      agent,
      csrfToken,
      get: (url) => agent.get(url),
      post: (url, body) => withCsrf(agent.post(url)).send(body),
      put: (url, body) => withCsrf(agent.put(url)).send(body),
      patch: (url, body) => withCsrf(agent.patch(url)).send(body),
      delete: (url) => withCsrf(agent.delete(url)),
    }
  }

  return {
    app,
    database,
    http,
    login,
    async loginAll() {
      const entries = await Promise.all(Object.entries(DEMO).map(async ([who, credentials]) => [who, await login(credentials)] as const))
      return Object.fromEntries(entries) as Record<keyof typeof DEMO, Client>
    },
    async demoPlanId() {
      const { plans } = await import('../../src/db/schema/index.js')
      const [plan] = await app.db.select({ id: plans.id }).from(plans)
      return plan!.id
    },
    async close() {
      await app.close()
      await database.close()
    },
  }
}

/** Reads a response body as raw bytes (downloads: DOCX, XLSX, evidence files). */
export function asBytes(test: supertest.Test): supertest.Test {
  return test.buffer(true).parse((res, done) => {
    const stream = res as unknown as NodeJS.ReadableStream
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => done(null, Buffer.concat(chunks)))
  })
}
