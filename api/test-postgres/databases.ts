// A fresh PostgreSQL database per test file, owned by a role of its own, with a second role for the
// app at runtime: what docs/deployment.md tells an operator to create. Unique names per run; the
// database and both roles are dropped afterwards. Needs TEST_DATABASE_URL (a role that may create
// databases and roles); vitest.config.ts adds this project only when it is set.
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { vi } from 'vitest'
import type { Database } from '../src/db/client.js'
import { startApp } from '../src/start.js'
import { testConfig } from '../test/helpers/config.js'

export interface FreshDatabase {
  name: string
  ownerRole: string
  runtimeRole: string
  /** As the tables' owner: MIGRATION_DATABASE_URL. */
  ownerUrl: string
  /** As the app's runtime role: DATABASE_URL. */
  runtimeUrl: string
  /** As the test's administrator (TEST_DATABASE_URL's role), in this database. */
  adminUrl: string
  drop(): Promise<void>
}

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL
  if (!url) throw new Error('TEST_DATABASE_URL is not set')
  return url
}

function urlFor(base: string, database: string, role?: string): string {
  const url = new URL(base)
  url.pathname = `/${database}`
  if (role) {
    url.username = role
    url.password = ''
  }
  return url.toString()
}

/** Runs statements as TEST_DATABASE_URL's role, on its own database. */
async function asAdmin(statements: string[]) {
  const client = new pg.Client({ connectionString: testDatabaseUrl() })
  await client.connect()
  try {
    for (const statement of statements) await client.query(statement)
  } finally {
    await client.end()
  }
}

export async function freshDatabase(label: string): Promise<FreshDatabase> {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`
  const name = `apt_${label}_${suffix}`
  const ownerRole = `apt_owner_${suffix}`
  const runtimeRole = `apt_runtime_${suffix}`
  // Trust authentication in the test server: the roles need no password.
  await asAdmin([
    `CREATE ROLE ${ownerRole} LOGIN`,
    `CREATE ROLE ${runtimeRole} LOGIN`,
    `CREATE DATABASE ${name} OWNER ${ownerRole}`,
    `REVOKE ALL ON DATABASE ${name} FROM PUBLIC`,
    `GRANT CONNECT ON DATABASE ${name} TO ${runtimeRole}`,
  ])
  const base = testDatabaseUrl()
  return {
    name,
    ownerRole,
    runtimeRole,
    ownerUrl: urlFor(base, name, ownerRole),
    runtimeUrl: urlFor(base, name, runtimeRole),
    adminUrl: urlFor(base, name),
    drop: () =>
      asAdmin([`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `DROP ROLE IF EXISTS ${runtimeRole}`, `DROP ROLE IF EXISTS ${ownerRole}`]),
  }
}

/** One connection, for a few statements. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return client
}

/**
 * `n` API instances on one fresh database, as deployed: the owner role migrates, the runtime role
 * serves; each its own app and pool (what two server processes would have). The start's printed
 * logins are kept out of the test's output.
 */
export async function startInstances(
  fresh: FreshDatabase,
  n: number,
  overrides: Record<string, string> = {},
): Promise<Array<{ app: FastifyInstance; database: Database }>> {
  const print = vi.spyOn(console, 'log').mockImplementation(() => {})
  try {
    const instances = []
    for (let i = 0; i < n; i++)
      instances.push(
        await startApp(testConfig({ DATABASE_URL: fresh.runtimeUrl, MIGRATION_DATABASE_URL: fresh.ownerUrl, ...overrides }), {
          logger: false,
        }),
      )
    return instances
  } finally {
    print.mockRestore()
  }
}
