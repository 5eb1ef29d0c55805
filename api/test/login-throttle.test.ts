// The login throttle over real HTTP and a real database: counters raised atomically before the
// password check (a concurrent burst is limited like a slow one), keyed by address, by account from
// an address and by account (slows, never refuses), with TRUST_PROXY deciding what the address is.
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, loginAttempts } from '../src/db/schema/index.js'
import {
  LOGIN_WINDOW_MINUTES,
  MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS,
  MAX_ATTEMPTS_PER_ADDRESS,
  MAX_PASSWORD_CHANGE_ATTEMPTS,
  addressKey,
  delayAfter,
} from '../src/plugins/app/auth/login-throttle.js'
import { DEMO, startTestApp, type TestApp } from './helpers/app.js'

let t: TestApp
beforeAll(async () => {
  // One proxy in front: the socket's peer (127.0.0.1 here) is the proxy, the last X-Forwarded-For entry the client.
  t = await startTestApp({ TRUST_PROXY: '1' })
})
afterAll(() => t.close())

const login = (body: { email: string; password: string }, forwardedFor?: string) => {
  const request = t.http.post('/api/auth/login')
  return (forwardedFor ? request.set('X-Forwarded-For', forwardedFor) : request).send(body)
}

/** A fresh account (so tests do not share counters) and its one-time password. */
async function newAccount(local: string) {
  const admin = await t.login(DEMO.admin)
  const email = `${local}@vp.demo.lv`
  const res = await admin.post('/api/users', { email, name: `Konts ${local}`, institution: 'VP', role: 'viewer' })
  expect(res.status).toBe(201)
  return { email, password: res.body.oneTimePassword as string }
}

async function auditRows(action: string, label: string) {
  return t.app.db
    .select({ ip: auditLog.ip, actorId: auditLog.actorId })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.actorLabel, label)))
}

const statusCounts = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {})

describe('login throttle', () => {
  // First in the file: the sweep runs at most once a minute per process, on the first attempt.
  it('sweeps counters whose window has ended', async () => {
    await t.app.db.insert(loginAttempts).values({ key: 'address:192.0.2.250', windowStart: sql`now() - interval '1 day'`, count: 40 })
    await login({ email: 'nobody@nowhere.lv', password: 'whatever-password' }, '192.0.2.251')
    expect(await t.app.db.select().from(loginAttempts).where(eq(loginAttempts.key, 'address:192.0.2.250'))).toEqual([])
  })

  it('checks at most 10 passwords of a burst of 30 concurrent wrong ones, and still lets the right password in from another address', async () => {
    const account = await newAccount('burst')
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login({ email: account.email, password: `wrong-password-${i}` }, '203.0.113.30')),
    ).then((answers) => answers.map((a) => a.status))
    // Every password check that fails answers 401 and is audited; the rest were refused before any check.
    expect(statusCounts(statuses)).toEqual({ 401: MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS, 429: 30 - MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS })
    expect(await auditRows('auth.login_failed', account.email)).toHaveLength(MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS)

    // That address stays refused for this account, even with the right password…
    const throttled = await login(account, '203.0.113.30')
    expect(throttled.status).toBe(429)
    expect(throttled.body.code).toBe('TOO_MANY_ATTEMPTS')
    const retryAfter = Number(throttled.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_WINDOW_MINUTES * 60)
    // …while the owner, elsewhere, is slowed (at most 2 s) but gets in.
    const started = Date.now()
    const owner = await login(account, '198.51.100.7')
    expect(owner.status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(delayAfter(MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS) - 50)
    // The owner's success starts the account's counters again; the attacker's address stays refused.
    expect((await login(account, '203.0.113.30')).status).toBe(429)
  }, 60_000)

  it('uses the address the proxy saw: forged X-Forwarded-For entries do not escape the limits or reach the audit log', async () => {
    // Its own app: all 60 attempts count against 127.0.0.1, which the other tests log in from.
    const own = await startTestApp({ TRUST_PROXY: '1' })
    try {
      const email = DEMO.viewer.email
      const statuses: number[] = []
      for (let i = 0; i < 60; i++)
        statuses.push(
          (
            await own.http
              .post('/api/auth/login')
              .set('X-Forwarded-For', `203.0.113.${i}, 127.0.0.1`)
              .send({ email, password: `wrong-${i}` })
          ).status,
        )
      expect(statuses.slice(0, MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS).every((s) => s === 401)).toBe(true)
      expect(statuses.slice(MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS).every((s) => s === 429)).toBe(true)
      const rows = await own.app.db
        .select({ ip: auditLog.ip })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'auth.login_failed'), eq(auditLog.actorLabel, email)))
      expect(rows.map((r) => r.ip)).toEqual(Array(MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS).fill('127.0.0.1'))
      // All 60 counted for the one real address.
      const [address] = await own.app.db
        .select()
        .from(loginAttempts)
        .where(eq(loginAttempts.key, addressKey('127.0.0.1')))
      expect(address?.count).toBe(60)
    } finally {
      await own.close()
    }
  }, 60_000)

  it('refuses an address past 50 attempts whatever the accounts, and only that address', async () => {
    const address = '203.0.113.50'
    const statuses = await Promise.all(
      Array.from({ length: MAX_ATTEMPTS_PER_ADDRESS + 10 }, (_, i) =>
        login({ email: `sprayed-${i}@nowhere.lv`, password: 'Spring2024!' }, address),
      ),
    ).then((answers) => answers.map((a) => a.status))
    expect(statusCounts(statuses)).toEqual({ 401: MAX_ATTEMPTS_PER_ADDRESS, 429: 10 })
    const refused = await login(DEMO.viewer, address)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect((await login(DEMO.viewer, '203.0.113.51')).status).toBe(200)
  }, 60_000)

  it('does not count successful logins against a shared address (one ministry behind NAT)', async () => {
    const address = '203.0.113.60'
    for (let i = 0; i < MAX_ATTEMPTS_PER_ADDRESS + 5; i++) expect((await login(DEMO.reporterVP, address)).status).toBe(200)
    const [counter] = await t.app.db
      .select()
      .from(loginAttempts)
      .where(eq(loginAttempts.key, addressKey(address)))
    expect(counter?.count).toBe(0)
  }, 60_000)

  it('starts a new window once the old one has ended', async () => {
    const account = await newAccount('window')
    const address = '203.0.113.70'
    for (let i = 0; i < MAX_ATTEMPTS_PER_ACCOUNT_ADDRESS; i++)
      expect((await login({ email: account.email, password: `wrong-password-${i}` }, address)).status).toBe(401)
    expect((await login(account, address)).status).toBe(429)
    await t.app.db.execute(
      sql`update login_attempts set window_start = now() - interval '16 minutes' where key like ${`%${account.email}%`} or key = ${addressKey(address)}`,
    )
    expect((await login(account, address)).status).toBe(200)
  }, 60_000)
})

describe('password change throttle', () => {
  it('audits a wrong current password and refuses with 429 past 5 in the window', async () => {
    const account = await newAccount('changer')
    const client = await t.login(account)
    const statuses: number[] = []
    for (let i = 0; i <= MAX_PASSWORD_CHANGE_ATTEMPTS; i++)
      statuses.push(
        (await client.post('/api/auth/password', { currentPassword: `wrong-current-${i}`, newPassword: 'Zilais kalns pie Daugavas 7' }))
          .status,
      )
    expect(statuses.slice(0, MAX_PASSWORD_CHANGE_ATTEMPTS).every((s) => s === 400)).toBe(true)
    expect(statuses[MAX_PASSWORD_CHANGE_ATTEMPTS]).toBe(429)
    const refused = await client.post('/api/auth/password', {
      currentPassword: account.password,
      newPassword: 'Zilais kalns pie Daugavas 7',
    })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    const rows = await t.app.db
      .select({ actorId: auditLog.actorId, ip: auditLog.ip })
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.password_change_failed'))
    const me = (await client.get('/api/auth/me')).body.user
    expect(rows.filter((r) => r.actorId === me.id)).toHaveLength(MAX_PASSWORD_CHANGE_ATTEMPTS)
  }, 60_000)

  it('lets the right current password through and starts the count again', async () => {
    const account = await newAccount('changer2')
    const client = await t.login(account)
    for (let i = 0; i < MAX_PASSWORD_CHANGE_ATTEMPTS - 1; i++)
      await client.post('/api/auth/password', { currentPassword: `wrong-current-${i}`, newPassword: 'Zilais kalns pie Daugavas 7' })
    const changed = await client.post('/api/auth/password', {
      currentPassword: account.password,
      newPassword: 'Zilais kalns pie Daugavas 7',
    })
    expect(changed.status).toBe(200)
    expect(
      await t.app.db
        .select()
        .from(loginAttempts)
        .where(eq(loginAttempts.key, `password-change:${changed.body.id}`)),
    ).toEqual([])
  }, 60_000)
})
