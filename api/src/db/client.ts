// The one database factory: PGlite (PostgreSQL in WebAssembly, persisted under DATA_DIR) when no
// DATABASE_URL is set, a pg Pool when it is. Both get the same drizzle API and the same migrations.
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import type { Logger } from 'drizzle-orm/logger'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { type ListenHandlers, listenPglite, listenPostgres, type StopListening } from './listen.js'
import { scheduled, useFastBytea } from './pglite-scheduler.js'
import * as schema from './schema/index.js'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

export interface Database {
  db: Db
  kind: 'pglite' | 'postgres'
  migrate(): Promise<void>
  /** Hears a notification channel (./listen.ts) until the returned function is called. */
  listen(channel: string, handlers: ListenHandlers): Promise<StopListening>
  close(): Promise<void>
}

/** The migrations folder sits at the repository root; find it from src/ (tests, dev) and dist/ (built) alike. */
export function migrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'migrations')
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate
    dir = dirname(dir)
  }
  throw new Error('migrations folder not found')
}

/** `logger` sees every statement drizzle sends (a test counts a route's queries with it). */
export function connectPostgres(url: string, options: { logger?: Logger } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  // An idle connection the server ends (a restart, a failover, an administrator's terminate) is
  // dropped from the pool, which opens a new one when asked; unheard, its error would end the process.
  pool.on('error', (error) => console.warn(`PostgreSQL closed an idle connection: ${error.message}`))
  const db = drizzlePg(pool, { schema, logger: options.logger }) as unknown as Db
  return {
    db,
    kind: 'postgres',
    migrate: () => migratePg(db as never, { migrationsFolder: migrationsFolder() }),
    listen: (channel, handlers) => listenPostgres(url, channel, handlers),
    close: () => pool.end(),
  }
}

/**
 * PGlite behind a fair queue (./pglite-scheduler.ts): reads keep answering under a burst of write
 * transactions. `fairQueue: false` hands drizzle the bare client — PGlite's own FIFO — and exists
 * only so a benchmark can show the difference.
 */
export function connectPglite(client: PGlite, options: { fairQueue?: boolean; logger?: Logger } = {}): Database {
  useFastBytea(client)
  const db = drizzlePglite(options.fairQueue === false ? client : scheduled(client), { schema, logger: options.logger }) as unknown as Db
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder: migrationsFolder() }),
    listen: (channel, handlers) => listenPglite(client, channel, handlers),
    close: () => client.close(),
  }
}

export async function openDatabase(config: { DATABASE_URL?: string; DATA_DIR: string }): Promise<Database> {
  if (config.DATABASE_URL) return connectPostgres(config.DATABASE_URL)
  const dataDir = resolve(config.DATA_DIR, 'pglite')
  mkdirSync(dataDir, { recursive: true })
  return connectPglite(await PGlite.create({ dataDir }))
}
