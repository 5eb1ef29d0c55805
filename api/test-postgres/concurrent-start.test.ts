// Four server processes started at the same moment on one fresh PostgreSQL database (with the owner
// and runtime roles): the start lock lets one migrate and create the first admin while the others
// wait, so all four come up healthy, there is one admin, each migration ran once, and they agree.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN } from '../test/helpers/config.js'
import { connect, type FreshDatabase, freshDatabase } from './databases.js'

const API_DIR = fileURLToPath(new URL('..', import.meta.url))
const JOURNAL = fileURLToPath(new URL('../../migrations/meta/_journal.json', import.meta.url))
const PROCESSES = 4
/** The server built once for this run, beside api/dist (never replacing it): node_modules resolve from here. */
const BUILD_DIR = join(API_DIR, 'node_modules', '.cache', `apt-start-test-${process.pid}`)

interface Server {
  child: ChildProcess
  port: number
  output: string[]
  exit?: number | null
}

let fresh: FreshDatabase
let dataDir: string
const servers: Server[] = []

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** The built server, as `pnpm start` runs it, configured by the environment only. */
function startServer(port: number): Server {
  const output: string[] = []
  const child = spawn(process.execPath, [join(BUILD_DIR, 'server.js')], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: fresh.runtimeUrl,
      MIGRATION_DATABASE_URL: fresh.ownerUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const server: Server = { child, port, output }
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()))
  child.on('exit', (code) => {
    server.exit = code
  })
  return server
}

/** Polls /api/health until 200; fails early when the process has exited. */
async function healthy(server: Server, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.exit !== undefined) throw new Error(`server on ${server.port} exited with ${server.exit}:\n${server.output.join('')}`)
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/api/health`)
      if (res.status === 200) return res.status
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`server on ${server.port} not healthy in time:\n${server.output.join('')}`)
}

beforeAll(async () => {
  execFileSync('pnpm', ['exec', 'tsup', '--out-dir', BUILD_DIR], { cwd: API_DIR, stdio: 'ignore' })
  fresh = await freshDatabase('start')
  dataDir = mkdtempSync(join(tmpdir(), 'apt-start-'))
  const ports = await Promise.all(Array.from({ length: PROCESSES }, freePort))
  for (const port of ports) servers.push(startServer(port))
})

afterAll(async () => {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          if (server.exit !== undefined) return resolve()
          server.child.once('exit', () => resolve())
          server.child.kill('SIGTERM')
        }),
    ),
  )
  await fresh?.drop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  rmSync(BUILD_DIR, { recursive: true, force: true })
})

describe(`${PROCESSES} processes started at once on one fresh database`, () => {
  it('all come up healthy', async () => {
    expect(await Promise.all(servers.map((server) => healthy(server)))).toEqual(Array(PROCESSES).fill(200))
    expect(servers.map((server) => server.exit)).toEqual(Array(PROCESSES).fill(undefined))
  })

  it('made one admin and ran each migration once', async () => {
    const db = await connect(fresh.ownerUrl)
    try {
      const admins = await db.query(`select email from users where role = 'admin'`)
      expect(admins.rows).toEqual([{ email: ADMIN.email }])
      const journal = JSON.parse(readFileSync(JOURNAL, 'utf8')) as { entries: unknown[] }
      const migrations = await db.query<{ n: number; distinct: number }>(
        'select count(*)::int as n, count(distinct hash)::int as distinct from drizzle.__drizzle_migrations',
      )
      expect(migrations.rows[0]).toEqual({ n: journal.entries.length, distinct: journal.entries.length })
      const created = await db.query(`select count(*)::int as n from audit_log where action = 'user.create'`)
      expect(created.rows[0].n).toBe(1)
    } finally {
      await db.end()
    }
  })

  it('agree: a change through one is read the same by all, and the audit chain holds', async () => {
    const clients = await Promise.all(
      servers.map(async (server) => {
        const agent = supertest.agent(`http://127.0.0.1:${server.port}`)
        const login = await agent.post('/api/auth/login').send(ADMIN)
        expect(login.status).toBe(200)
        return { agent, csrf: login.body.csrfToken as string }
      }),
    )
    const first = clients[0]!
    const created = await first.agent
      .post('/api/institutions')
      .set('X-CSRF-Token', first.csrf)
      .send({ code: 'KOPA', name: 'Kopīgā iestāde', kind: 'other' })
    expect(created.status).toBe(201)

    const plans = await Promise.all(clients.map((c) => c.agent.get('/api/plans')))
    expect(plans.map((r) => r.status)).toEqual(Array(PROCESSES).fill(200))
    expect(new Set(plans.map((r) => JSON.stringify(r.body))).size).toBe(1)
    const institutions = await Promise.all(clients.map((c) => c.agent.get('/api/institutions')))
    expect(new Set(institutions.map((r) => JSON.stringify(r.body))).size).toBe(1)
    expect(institutions[0]!.body.map((i: { code: string }) => i.code)).toContain('KOPA')

    const verified = await Promise.all(clients.map((c) => c.agent.get('/api/audit/verify')))
    expect(verified.map((r) => r.body.ok)).toEqual(Array(PROCESSES).fill(true))
    expect(new Set(verified.map((r) => JSON.stringify(r.body))).size).toBe(1)
  })
})
