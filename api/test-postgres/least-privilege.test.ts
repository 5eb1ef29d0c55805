// PostgreSQL with two roles, as docs/deployment.md sets them up: the owner migrates
// (MIGRATION_DATABASE_URL), the app runs as a role that may read and write the data and only append
// to the audit log. Even the owner, who can lift the triggers, cannot change a row unseen.
import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { connectPostgres, type Database } from '../src/db/client.js'
import { migrateDatabase } from '../src/db/startup.js'
import { startApp } from '../src/start.js'
import { ADMIN, testConfig } from '../test/helpers/config.js'
import { connect, type FreshDatabase, freshDatabase } from './databases.js'

let fresh: FreshDatabase
let app: FastifyInstance
let database: Database
let runtime: pg.Client
let owner: pg.Client
let admin: { get(url: string): supertest.Test; post(url: string, body: object): supertest.Test }

beforeAll(async () => {
  fresh = await freshDatabase('roles')
  // The first start prints the admin's login box; not in the test output.
  const print = vi.spyOn(console, 'log').mockImplementation(() => {})
  ;({ app, database } = await startApp(testConfig({ DATABASE_URL: fresh.runtimeUrl, MIGRATION_DATABASE_URL: fresh.ownerUrl }), {
    logger: false,
  }))
  print.mockRestore()
  await app.listen({ port: 0, host: '127.0.0.1' })
  const agent = supertest.agent(app.server)
  const login = await agent.post('/api/auth/login').send(ADMIN)
  expect(login.status).toBe(200)
  const csrf = login.body.csrfToken as string
  admin = { get: (url) => agent.get(url), post: (url, body) => agent.post(url).set('X-CSRF-Token', csrf).send(body) }
  runtime = await connect(fresh.runtimeUrl)
  owner = await connect(fresh.ownerUrl)
})

afterAll(async () => {
  await runtime?.end()
  await owner?.end()
  await app?.close()
  await database?.close()
  await fresh?.drop()
})

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (error: { code?: string; message: string }) => `${error.code}: ${error.message}`,
  )

/** As the owner, with the append-only trigger lifted: what only the owner (or a superuser) can do. */
async function forge(statement: string, values: unknown[] = []) {
  await owner.query('begin')
  await owner.query('alter table audit_log disable trigger audit_log_no_update_delete')
  await owner.query(statement, values)
  await owner.query('alter table audit_log enable trigger audit_log_no_update_delete')
  await owner.query('commit')
}

const verify = async () => {
  const res = await admin.get('/api/audit/verify')
  expect(res.status).toBe(200)
  return res.body
}

describe('the runtime role', () => {
  it('cannot change the audit log: UPDATE, DELETE, TRUNCATE and ALTER TABLE … DISABLE TRIGGER all fail', async () => {
    expect(await failure(runtime.query(`update audit_log set action = 'forged'`))).toMatch(/^42501: permission denied for table audit_log/)
    expect(await failure(runtime.query('delete from audit_log'))).toMatch(/^42501: permission denied for table audit_log/)
    expect(await failure(runtime.query('truncate audit_log'))).toMatch(/^42501: permission denied for table audit_log/)
    expect(await failure(runtime.query('alter table audit_log disable trigger audit_log_no_update_delete'))).toMatch(
      /^42501: must be owner of table audit_log/,
    )
    expect(await failure(runtime.query('alter table audit_log disable trigger all'))).toMatch(/^42501: must be owner/)
    expect(await failure(runtime.query('drop table audit_log'))).toMatch(/^42501: must be owner/)
    expect(await failure(runtime.query(`select setval(pg_get_serial_sequence('audit_log', 'id'), 1)`))).toMatch(/^42501: permission denied/)
    expect(await failure(runtime.query('create table public.stray (id int)'))).toMatch(/^42501: permission denied for schema public/)
    expect(await failure(runtime.query('select * from drizzle.__drizzle_migrations'))).toMatch(
      /^42501: permission denied for schema drizzle/,
    )
    expect((await runtime.query('select count(*)::int as n from audit_log')).rows[0].n).toBeGreaterThan(0)
  })

  it('has exactly the grants it needs and owns nothing', async () => {
    const { rows: grants } = await owner.query<{ table: string; privileges: string }>(
      `select table_name as table, string_agg(privilege_type, ',' order by privilege_type) as privileges
       from information_schema.role_table_grants where grantee = $1 group by table_name order by table_name`,
      [fresh.runtimeRole],
    )
    const { rows: tables } = await owner.query<{ table: string }>(
      `select tablename as table from pg_tables where schemaname = 'public' order by tablename`,
    )
    expect(grants).toEqual(
      tables.map(({ table }) => ({ table, privileges: table === 'audit_log' ? 'INSERT,SELECT' : 'DELETE,INSERT,SELECT,UPDATE' })),
    )
    const { rows: owned } = await owner.query(
      `select c.relname from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = $1
       union all select n.nspname from pg_namespace n join pg_roles r on r.oid = n.nspowner where r.rolname = $1`,
      [fresh.runtimeRole],
    )
    expect(owned).toEqual([])
    const { rows: migrations } = await owner.query(
      `select tableowner from pg_tables where schemaname = 'drizzle' and tablename = '__drizzle_migrations'`,
    )
    expect(migrations).toEqual([{ tableowner: fresh.ownerRole }])
  })

  it('writes the audit log through the app: a change over HTTP lands in the log and the chain holds', async () => {
    const created = await admin.post('/api/institutions', { code: 'LOMAS', name: 'Lomu iestāde', kind: 'other' })
    expect(created.status).toBe(201)
    const log = await admin.get('/api/audit?entity=institution')
    expect(log.body[0]).toMatchObject({ action: 'institution.create', entityId: String(created.body.id) })
    const { rows } = await owner.query<{ n: number }>('select count(*)::int as n from audit_log')
    expect(await verify()).toMatchObject({ ok: true, rows: rows[0]!.n, firstBroken: null })
  })
})

describe('the owner', () => {
  it('can lift the triggers and change a row, but /api/audit/verify names it; a removed row is named by the next', async () => {
    for (const code of ['ROLES-A', 'ROLES-B', 'ROLES-C'])
      expect((await admin.post('/api/institutions', { code, name: `Iestāde ${code}`, kind: 'other' })).status).toBe(201)
    const { rows } = await owner.query<{ id: string }>('select id::text from audit_log order by id')
    const middle = rows[Math.floor(rows.length / 2)]!.id
    await forge(`update audit_log set actor_label = 'kāds cits' where id = $1`, [middle])
    expect(await verify()).toMatchObject({ ok: false, rows: rows.length, firstBroken: { id: Number(middle), reason: 'content' } })

    // Before the changed row: the row after the gap is the first that does not fit.
    await forge('delete from audit_log where id = $1', [rows[1]!.id])
    expect(await verify()).toMatchObject({ ok: false, rows: rows.length - 1, firstBroken: { id: Number(rows[2]!.id), reason: 'link' } })
  })
})

describe('the start refuses a runtime role with more than it needs', () => {
  it('the owner itself, a superuser, a role that owns a table; then starts again as before', async () => {
    const attempt = async (runtimeUrl: string) => {
      const runtimeDatabase = connectPostgres(runtimeUrl)
      try {
        await migrateDatabase({ DATABASE_URL: runtimeUrl, MIGRATION_DATABASE_URL: fresh.ownerUrl }, runtimeDatabase)
        return 'started'
      } catch (error) {
        return (error as Error).message
      } finally {
        await runtimeDatabase.close()
      }
    }
    expect(await attempt(fresh.ownerUrl)).toMatch(/connect as the same role/)
    // TEST_DATABASE_URL's role creates databases and roles: a superuser, or one with CREATEROLE.
    expect(await attempt(fresh.adminUrl)).toMatch(/is a superuser|has CREATEROLE/)

    const superuser = await connect(fresh.adminUrl)
    try {
      await superuser.query('create table stray (id int)')
      await superuser.query(`alter table stray owner to ${fresh.runtimeRole}`)
      expect(await attempt(fresh.runtimeUrl)).toMatch(
        new RegExp(`owns stray: .* REASSIGN OWNED BY ${fresh.runtimeRole} TO ${fresh.ownerRole}`),
      )
      await superuser.query('drop table stray')
    } finally {
      await superuser.end()
    }
    // Every start migrates and grants again: nothing to migrate, the same grants.
    expect(await attempt(fresh.runtimeUrl)).toBe('started')
    expect((await admin.get('/api/health')).status).toBe(200)
  })
})
