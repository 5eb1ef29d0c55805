import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { NO_USER_ABILITIES } from '@apt/shared'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

const cookieOf = (res: { headers: Record<string, unknown> }) => [res.headers['set-cookie']].flat().join(';')

describe('login and sessions', () => {
  it('sets an httpOnly SameSite=Lax cookie and returns the user and a CSRF token', async () => {
    const res = await t.http.post('/api/auth/login').send(DEMO.reporterVPD)
    expect(res.status).toBe(200)
    expect(res.body.user).toMatchObject({ email: DEMO.reporterVPD.email, role: 'reporter', institution: 'VPD' })
    expect(res.body.csrfToken).toMatch(/^[\w-]{40,}$/)
    expect(res.body.user.passwordHash).toBeUndefined()
    const cookie = cookieOf(res)
    expect(cookie).toMatch(/apt_session=/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).not.toMatch(/Secure/i)
  })

  it('marks the cookie Secure when COOKIE_SECURE is set', async () => {
    const secure = await startTestApp({ COOKIE_SECURE: 'true' })
    try {
      const res = await secure.http.post('/api/auth/login').send(DEMO.viewer)
      expect(cookieOf(res)).toMatch(/Secure/i)
    } finally {
      await secure.close()
    }
  })

  it('matches the e-mail case-insensitively', async () => {
    const res = await t.http.post('/api/auth/login').send({ ...DEMO.viewer, email: DEMO.viewer.email.toUpperCase() })
    expect(res.status).toBe(200)
  })

  it('gives one generic answer for an unknown e-mail and a wrong password', async () => {
    const unknown = await t.http.post('/api/auth/login').send({ email: 'nobody@nowhere.lv', password: 'whatever-password' })
    const wrong = await t.http.post('/api/auth/login').send({ email: DEMO.viewer.email, password: 'wrong-password-here' })
    expect(unknown.status).toBe(401)
    expect(wrong.status).toBe(401)
    expect(unknown.body.message).toBe(wrong.body.message)
    expect(unknown.body.code).toBe('INVALID_CREDENTIALS')
  })

  it('refuses with 429 after repeated failures for one e-mail from one address, with Retry-After', async () => {
    const admin = await t.login(DEMO.admin)
    const email = 'minetajs@vp.demo.lv'
    expect((await admin.post('/api/users', { email, name: 'Minētājs', institution: 'VP', role: 'viewer' })).status).toBe(201)
    const statuses: number[] = []
    for (let i = 0; i < 11; i++)
      statuses.push((await t.http.post('/api/auth/login').send({ email, password: `wrong-password-${i}` })).status)
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true)
    expect(statuses[10]).toBe(429)
    const refused = await t.http.post('/api/auth/login').send({ email, password: 'wrong-password-x' })
    expect(refused.status).toBe(429)
    expect(refused.body.code).toBe('TOO_MANY_ATTEMPTS')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(15 * 60)
  }, 60_000)

  it('answers 401 without a session and after logout', async () => {
    expect((await t.http.get('/api/auth/me')).status).toBe(401)
    const client = await t.login(DEMO.viewer)
    expect((await client.get('/api/auth/me')).status).toBe(200)
    expect((await client.post('/api/auth/logout')).status).toBe(204)
    const after = await client.get('/api/auth/me')
    expect(after.status).toBe(401)
    expect(after.body.code).toBe('NOT_AUTHENTICATED')
  })

  it('rotates the session id at login: the old cookie stops working', async () => {
    const first = await t.http.post('/api/auth/login').send(DEMO.viewer)
    const oldCookie = cookieOf(first).split(';')[0]!
    const second = await t.http.post('/api/auth/login').set('Cookie', oldCookie).send(DEMO.viewer)
    expect(cookieOf(second).split(';')[0]).not.toBe(oldCookie)
    expect((await t.http.get('/api/auth/me').set('Cookie', oldCookie)).status).toBe(401)
  })

  it('ends an idle session', async () => {
    const client = await t.login(DEMO.viewer)
    await t.app.db.execute(sql`update sessions set last_seen_at = now() - interval '1 day'`)
    await t.app.changes.caughtUp()
    expect((await client.get('/api/auth/me')).status).toBe(401)
  })

  it('requires the CSRF header on unsafe cookie-authenticated requests', async () => {
    const client = await t.login(DEMO.planCoordinator)
    const without = await client.agent.post('/api/auth/tokens').send({ name: 'no csrf' })
    expect(without.status).toBe(403)
    expect(without.body.code).toBe('CSRF_TOKEN_INVALID')
    const wrong = await client.agent.post('/api/auth/tokens').set('X-CSRF-Token', 'forged').send({ name: 'forged' })
    expect(wrong.status).toBe(403)
    const right = await client.post('/api/auth/tokens', { name: 'with csrf' })
    expect(right.status).toBe(201)
  })
})

describe('abilities of the current user', () => {
  const none = NO_USER_ABILITIES
  const expected = {
    admin: {
      ...none,
      administer: true,
      manageUsers: true,
      manageInstitutions: true,
      importPlans: true,
      manageRounds: true,
      manageSurveys: true,
      review: true,
      readReport: true,
      readAudit: true,
    },
    planCoordinator: {
      ...none,
      administer: true,
      importPlans: true,
      manageRounds: true,
      manageSurveys: true,
      review: true,
      readReport: true,
      readAudit: true,
    },
    ministryCoordinator: { ...none, review: true, fileProgress: true, readReport: true },
    reporterVPD: { ...none, fileProgress: true },
    reporterVP: { ...none, fileProgress: true },
    viewer: { ...none, readReport: true },
  }

  it('come with /api/auth/me and with the login, per role', async () => {
    for (const [who, abilities] of Object.entries(expected)) {
      const login = await t.http.post('/api/auth/login').send(DEMO[who as keyof typeof DEMO])
      expect({ who, abilities: login.body.abilities }).toEqual({ who, abilities })
      const me = await t.http.get('/api/auth/me').set('Cookie', cookieOf(login).split(';')[0]!)
      expect({ who, abilities: me.body.abilities }).toEqual({ who, abilities })
    }
  })
})

describe('personal API tokens', () => {
  it('work without CSRF with the user’s own permissions, are shown once, and stop when revoked', async () => {
    const client = await t.login(DEMO.reporterVPD)
    const created = await client.post('/api/auth/tokens', { name: 'script' })
    expect(created.status).toBe(201)
    const token = created.body.token as string
    expect(token).toMatch(/^apt_/)
    const listed = await client.get('/api/auth/tokens')
    expect(JSON.stringify(listed.body)).not.toContain(token)

    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`)
    expect(me.body.user.email).toBe(DEMO.reporterVPD.email)
    expect(me.body.csrfToken).toBeNull()
    // Unsafe request without CSRF header works with a token, but the reporter's role still applies.
    const importAttempt = await t.http.post('/api/plans/import').set('Authorization', `Bearer ${token}`).send({})
    expect(importAttempt.status).toBe(403)
    const ownToken = await t.http.post('/api/auth/tokens').set('Authorization', `Bearer ${token}`).send({ name: 'via token' })
    expect(ownToken.status).toBe(201)

    expect((await client.delete(`/api/auth/tokens/${created.body.id}`)).status).toBe(204)
    expect((await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(401)
  })

  it('cannot be revoked by another user', async () => {
    const owner = await t.login(DEMO.reporterVPD)
    const other = await t.login(DEMO.reporterVP)
    const created = await owner.post('/api/auth/tokens', { name: 'mine' })
    expect((await other.delete(`/api/auth/tokens/${created.body.id}`)).status).toBe(404)
  })
})

describe('accounts', () => {
  it('admin creates a user with a one-time password that must be changed first', async () => {
    const admin = await t.login(DEMO.admin)
    const created = await admin.post('/api/users', {
      email: 'Jauns.Lietotajs@vp.demo.lv',
      name: 'Jānis Jaunais',
      institution: 'VP',
      role: 'reporter',
    })
    expect(created.status).toBe(201)
    expect(created.body.user).toMatchObject({ institution: 'VP', role: 'reporter', mustChangePassword: true, active: true })
    const otp = created.body.oneTimePassword as string

    const user = await t.login({ email: 'jauns.lietotajs@vp.demo.lv', password: otp })
    const blocked = await user.get('/api/plans')
    expect(blocked.status).toBe(403)
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED')
    expect((await user.get('/api/auth/me')).body.user.mustChangePassword).toBe(true)

    const short = await user.post('/api/auth/password', { currentPassword: otp, newPassword: 'short' })
    expect(short.status).toBe(400)
    expect(short.body.code).toBe('WEAK_PASSWORD')
    const withEmail = await user.post('/api/auth/password', { currentPassword: otp, newPassword: 'jauns.lietotajs-2025' })
    expect(withEmail.status).toBe(400)
    const common = await user.post('/api/auth/password', { currentPassword: otp, newPassword: 'password1234' })
    expect(common.status).toBe(400)
    for (const weak of ['aaaaaaaaaaab', '12345678901234', '😀😁😂🤣😃😄', 'Parole123456!']) {
      const refused = await user.post('/api/auth/password', { currentPassword: otp, newPassword: weak })
      expect(refused.status).toBe(400)
      expect(refused.body.code).toBe('WEAK_PASSWORD')
      expect(refused.body.errors).toEqual([{ path: '/newPassword', message: expect.stringMatching(/words that are not related/) }])
    }
    const wrongCurrent = await user.post('/api/auth/password', {
      currentPassword: 'not-the-otp-at-all',
      newPassword: 'Saules-puķe-2025-rudens',
    })
    expect(wrongCurrent.status).toBe(400)
    const changed = await user.post('/api/auth/password', { currentPassword: otp, newPassword: 'Saules-puķe-2025-rudens' })
    expect(changed.status).toBe(200)
    expect(changed.body.mustChangePassword).toBe(false)
    expect((await user.get('/api/plans')).status).toBe(200)
  })

  it('refuses a duplicate e-mail (case-insensitive) and an unknown institution', async () => {
    const admin = await t.login(DEMO.admin)
    const dupe = await admin.post('/api/users', { email: DEMO.viewer.email.toUpperCase(), name: 'X', institution: 'VP', role: 'viewer' })
    expect(dupe.status).toBe(409)
    const unknown = await admin.post('/api/users', { email: 'x@y.lv', name: 'X', institution: 'NOPE', role: 'viewer' })
    expect(unknown.status).toBe(422)
    const badRole = await admin.post('/api/users', { email: 'x@y.lv', name: 'X', institution: 'VP', role: 'superuser' })
    expect(badRole.status).toBe(400)
  })

  it('deactivation stops the user’s sessions and tokens at once', async () => {
    const admin = await t.login(DEMO.admin)
    const created = await admin.post('/api/users', { email: 'aiziet@vp.demo.lv', name: 'Aiziet Prom', institution: 'VP', role: 'viewer' })
    const user = await t.login({ email: 'aiziet@vp.demo.lv', password: created.body.oneTimePassword })
    await user.post('/api/auth/password', { currentPassword: created.body.oneTimePassword, newPassword: 'Ilgs-un-drošs-2025' })
    const token = (await user.post('/api/auth/tokens', { name: 't' })).body.token
    expect((await user.get('/api/plans')).status).toBe(200)

    const res = await admin.patch(`/api/users/${created.body.user.id}`, { version: created.body.user.version + 1, active: false })
    expect(res.status).toBe(200)
    expect(res.body.active).toBe(false)
    expect((await user.get('/api/plans')).status).toBe(401)
    expect((await t.http.get('/api/plans').set('Authorization', `Bearer ${token}`)).status).toBe(401)
    expect((await t.http.post('/api/auth/login').send({ email: 'aiziet@vp.demo.lv', password: 'Ilgs-un-drošs-2025' })).status).toBe(401)
  })

  it('admin changes role and institution with the version last read (409 when stale) and resets a password', async () => {
    const admin = await t.login(DEMO.admin)
    const created = await admin.post('/api/users', { email: 'maina@vp.demo.lv', name: 'Maina Lomu', institution: 'VP', role: 'reporter' })
    const { id, version } = created.body.user
    const moved = await admin.patch(`/api/users/${id}`, { version, role: 'ministry_coordinator', institution: 'TM' })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ role: 'ministry_coordinator', institution: 'TM' })
    const stale = await admin.patch(`/api/users/${id}`, { version, name: 'Stale' })
    expect(stale.status).toBe(409)
    const reset = await admin.post(`/api/users/${id}/reset-password`)
    expect(reset.status).toBe(200)
    expect(reset.body.user.mustChangePassword).toBe(true)
    expect((await t.http.post('/api/auth/login').send({ email: 'maina@vp.demo.lv', password: reset.body.oneTimePassword })).status).toBe(
      200,
    )
  })

  it('nobody raises their own role or moves their own institution', async () => {
    const admin = await t.login(DEMO.admin)
    const me = (await admin.get('/api/auth/me')).body.user
    const selfDemote = await admin.patch(`/api/users/${me.id}`, { version: me.version, role: 'viewer' })
    expect(selfDemote.status).toBe(403)
    const selfMove = await admin.patch(`/api/users/${me.id}`, { version: me.version, institution: 'VP' })
    expect(selfMove.status).toBe(403)
    const reporter = await t.login(DEMO.reporterVPD)
    const reporterMe = (await reporter.get('/api/auth/me')).body.user
    const raise = await reporter.patch(`/api/users/${reporterMe.id}`, { version: reporterMe.version, role: 'admin' })
    expect(raise.status).toBe(403)
    expect((await reporter.get('/api/auth/me')).body.user.role).toBe('reporter')
  })
})

describe('hardening', () => {
  it('sends helmet headers and a request id, and never a stack trace', async () => {
    const res = await t.http.get('/api/health')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers['x-request-id']).toBeTruthy()
    const bad = await t.http.post('/api/auth/login').set('content-type', 'application/json').send('{"email": ')
    expect(bad.status).toBe(400)
    expect(bad.body.requestId).toBe(bad.headers['x-request-id'])
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.(ts|js):\d+/)
  })

  it('rate-limits the auth routes per address', async () => {
    const limited = await startTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3' })
    try {
      const statuses = []
      for (let i = 0; i < 4; i++)
        statuses.push((await limited.http.post('/api/auth/login').send({ email: 'a@b.lv', password: 'x' })).status)
      expect(statuses).toEqual([401, 401, 401, 429])
    } finally {
      await limited.close()
    }
  })
})
