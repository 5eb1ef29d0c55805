// Runs once per test run: migrates a database and loads the demo data into it, as a template every
// test file copies. PGlite by default (a data-dir dump on disk); PostgreSQL when TEST_DATABASE_URL
// is set (a template database).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { buildApp } from '../src/app.js'
import { bootstrap } from '../src/bootstrap.js'
import { connectPglite, connectPostgres, type Database } from '../src/db/client.js'
import { testConfig } from './helpers/config.js'

declare module 'vitest' {
  export interface ProvidedContext {
    template: { kind: 'pglite'; dumpPath: string } | { kind: 'postgres'; url: string; name: string }
  }
}

async function seed(database: Database) {
  await database.migrate()
  const app = await buildApp(testConfig(), database, { logger: false })
  const log = console.log
  console.log = () => {}
  try {
    await bootstrap(app, testConfig())
  } finally {
    console.log = log
    await app.close()
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL
  if (url) {
    const name = `apt_template_${process.pid}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${name}`)
    await admin.query(`CREATE DATABASE ${name}`)
    const templateUrl = new URL(url)
    templateUrl.pathname = `/${name}`
    const database = connectPostgres(templateUrl.toString())
    await seed(database)
    await database.close()
    project.provide('template', { kind: 'postgres', url, name })
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `apt_test_${process.pid}_%`,
      ])
      for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`)
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    }
  }

  const client = await PGlite.create()
  await seed(connectPglite(client))
  const dir = mkdtempSync(join(tmpdir(), 'apt-test-'))
  const dumpPath = join(dir, 'template.tar.gz')
  const dump = await client.dumpDataDir('gzip')
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()))
  await client.close()
  project.provide('template', { kind: 'pglite', dumpPath })
  return () => rmSync(dir, { recursive: true, force: true })
}
