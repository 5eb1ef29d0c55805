// Idle expiry for any SESSION_IDLE_MINUTES: time is moved by moving last_seen_at in the database,
// so nothing sleeps. With 1 minute, last_seen_at is written when more than 15 s old. And what a
// credential resolves to: kept between requests (db/read-cache.ts), never past an admin's change.
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiTokens, sessions, users } from '../src/db/schema/index.js'
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
  await t.app.changes.caughtUp()
  return t.login(DEMO.viewer)
}

/** The viewer's one session, `seconds` further in the past than it is. */
async function age(seconds: number) {
  await t.app.db.execute(
    sql`update sessions set last_seen_at = last_seen_at - make_interval(secs => ${seconds})
        where user_id = (select id from users where email = ${DEMO.viewer.email})`,
  )
  // Written as another process would: the app's kept session is dropped once the change is heard.
  await t.app.changes.caughtUp()
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

// What a session resolves to is kept between requests, and dropped by any change to sessions,
// users or institutions, so what an admin changes holds from the user's very next request.
describe('the lookup on every request', () => {
  it('sees a role change and an institution move at once, on the session already open', async () => {
    const admin = await t.login(DEMO.admin)
    const created = await admin.post('/api/users', {
      email: 'parcelts@vp.demo.lv',
      name: 'Pārcelts Lietotājs',
      institution: 'VP',
      role: 'viewer',
    })
    const user = await t.login({ email: 'parcelts@vp.demo.lv', password: created.body.oneTimePassword })
    expect(
      (await user.post('/api/auth/password', { currentPassword: created.body.oneTimePassword, newPassword: 'Ilgs-un-drošs-2025' })).status,
    ).toBe(200)
    expect((await user.get('/api/auth/me')).body.user).toMatchObject({ role: 'viewer', institution: 'VP' })
    expect((await user.get('/api/users')).status).toBe(403)

    const { id, version } = created.body.user
    expect((await admin.patch(`/api/users/${id}`, { version: version + 1, role: 'admin', institution: 'TM' })).status).toBe(200)
    expect((await user.get('/api/auth/me')).body.user).toMatchObject({ role: 'admin', institution: 'TM' })
    expect((await user.get('/api/users')).status).toBe(200)

    expect((await admin.patch(`/api/users/${id}`, { version: version + 2, role: 'viewer' })).status).toBe(200)
    expect((await user.get('/api/users')).status).toBe(403)
    expect((await user.post('/api/auth/logout')).status).toBe(204)
    expect((await user.get('/api/auth/me')).status).toBe(401)
  })

  it('writes a token’s last use when it is more than a minute old, not on every request', async () => {
    const client = await t.login(DEMO.reporterVPD)
    const created = await client.post('/api/auth/tokens', { name: 'lookup' })
    const asToken = () => t.http.get('/api/auth/me').set('Authorization', `Bearer ${created.body.token}`)
    const lastUsed = async () => {
      const [row] = await t.app.db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, created.body.id))
      return row!.at
    }
    expect(await lastUsed()).toBeNull()
    expect((await asToken()).status).toBe(200)
    const first = await lastUsed()
    expect(first).toBeInstanceOf(Date)
    expect((await asToken()).status).toBe(200)
    expect(await lastUsed()).toEqual(first)
    await t.app.db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now() - interval '61 seconds'` })
      .where(eq(apiTokens.id, created.body.id))
    await t.app.changes.caughtUp()
    expect((await asToken()).status).toBe(200)
    expect(Date.now() - (await lastUsed())!.getTime()).toBeLessThan(30_000)
  })
})
