// The server ends the app's idle connections (a restart, a failover, an administrator's
// pg_terminate_backend): the process keeps running and the next query opens a new connection.
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { sql } from 'drizzle-orm'
import { connectPostgres, type Database } from '../src/db/client.js'
import { connect, type FreshDatabase, freshDatabase } from './databases.js'

let fresh: FreshDatabase
let database: Database

beforeAll(async () => {
  fresh = await freshDatabase('idle')
  database = connectPostgres(fresh.runtimeUrl)
})
afterAll(async () => {
  await database?.close()
  await fresh?.drop()
})

it('survives the server ending its idle connections, and answers the next query', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  try {
    // Three connections open at once, then idle in the pool.
    await Promise.all([1, 2, 3].map(() => database.db.execute(sql`select pg_sleep(0.05)`)))
    const admin = await connect(fresh.adminUrl)
    try {
      const ended = await admin.query<{ ended: boolean }>(
        'select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1 and usename = $2',
        [fresh.name, fresh.runtimeRole],
      )
      expect(ended.rows.length).toBeGreaterThanOrEqual(3)
      expect(ended.rows.every((row) => row.ended)).toBe(true)
    } finally {
      await admin.end()
    }
    // Each idle connection's end reaches the pool as an error event, heard rather than thrown.
    await vi.waitFor(() => expect(warn.mock.calls.length).toBeGreaterThanOrEqual(3))
    expect(String(warn.mock.calls[0]![0])).toContain('PostgreSQL closed an idle connection')
    const answer = (await database.db.execute(sql`select 1 as one`)) as unknown as { rows: unknown[] }
    expect(answer.rows).toEqual([{ one: 1 }])
  } finally {
    warn.mockRestore()
  }
})
