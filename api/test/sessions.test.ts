// Idle expiry for any SESSION_IDLE_MINUTES: time is moved by moving last_seen_at in the database,
// so nothing sleeps. With 1 minute, last_seen_at is written when more than 15 s old.
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessions, users } from '../src/db/schema/index.js'
import { idleTimes } from '../src/plugins/app/auth/sessions.js'
import { DEMO, startTestApp, type Client, type TestApp } from './helpers/app.js'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp({ SESSION_IDLE_MINUTES: '1' })
})
afterAll(() => t.close())

/** Logs the viewer in with no other session of theirs left, so the helpers below see this one. */
async function loginAlone(): Promise<Client> {
  await t.app.db.execute(sql`delete from sessions where user_id = (select id from users where email = ${DEMO.viewer.email})`)
  return t.login(DEMO.viewer)
}

/** The viewer's one session, `seconds` further in the past than it is. */
async function age(seconds: number) {
  await t.app.db.execute(
    sql`update sessions set last_seen_at = last_seen_at - make_interval(secs => ${seconds})
        where user_id = (select id from users where email = ${DEMO.viewer.email})`,
  )
}
async function unseenSeconds() {
  const [row] = await t.app.db
    .select({ s: sql<number>`extract(epoch from now() - ${sessions.lastSeenAt})::float8` })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(users.email, DEMO.viewer.email))
  return row ? Number(row.s) : null
}

describe('idle expiry', () => {
  it('refreshes a quarter of the idle time, at most a minute, and ends sessions idle + refresh after last being seen', () => {
    expect(idleTimes(1)).toEqual({ idleMs: 60_000, refreshMs: 15_000, endAfterMs: 75_000 })
    expect(idleTimes(2)).toEqual({ idleMs: 120_000, refreshMs: 30_000, endAfterMs: 150_000 })
    expect(idleTimes(120)).toEqual({ idleMs: 7_200_000, refreshMs: 60_000, endAfterMs: 7_260_000 })
  })

  it('with SESSION_IDLE_MINUTES=1 keeps a session used every 15 s (and every 59 s) for ten minutes', async () => {
    const client = await loginAlone()
    for (let i = 0; i < 40; i++) {
      await age(15)
      expect((await client.get('/api/auth/me')).status).toBe(200)
    }
    for (let i = 0; i < 5; i++) {
      await age(59)
      expect((await client.get('/api/auth/me')).status).toBe(200)
      // A use after more than 15 s wrote last_seen_at.
      expect(await unseenSeconds()).toBeLessThan(5)
    }
  })

  it('does not write last_seen_at on every request, only when it is older than the refresh interval', async () => {
    const client = await loginAlone()
    await age(10)
    expect((await client.get('/api/auth/me')).status).toBe(200)
    expect(await unseenSeconds()).toBeGreaterThanOrEqual(10)
    await age(6)
    expect((await client.get('/api/auth/me')).status).toBe(200)
    expect(await unseenSeconds()).toBeLessThan(5)
  })

  it('ends an unused session within idle + refresh: 74 s unseen still lives, 76 s does not', async () => {
    const client = await loginAlone()
    await age(74)
    expect((await client.get('/api/auth/me')).status).toBe(200)
    await age(76)
    const ended = await client.get('/api/auth/me')
    expect(ended.status).toBe(401)
    expect(ended.body.code).toBe('NOT_AUTHENTICATED')
    expect(await unseenSeconds()).toBeNull()
  })
})
