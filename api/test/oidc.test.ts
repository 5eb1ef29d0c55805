// Single sign-on (issue 18) against a real OpenID Connect provider in this process (oidc-provider)
// and, for ID tokens with one defect each, a small provider that signs them (helpers/fake-token-provider).
// The app listens on a real port; the browser's part is fetch with a cookie jar, redirects followed by hand.
import { writeFileSync, mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, desc, eq } from 'drizzle-orm'
import { auditLog, userIdentities, users } from '../src/db/schema/index.js'
import { DEMO, startTestApp, type TestApp } from './helpers/app.js'
import { Browser, startTestProvider, type TestAccount, type TestProvider } from './helpers/oidc-provider.js'
import { startFakeTokenProvider } from './helpers/fake-token-provider.js'

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

const ACCOUNTS = {
  reporter: { sub: 'sub-vpd-1', email: DEMO.reporterVPD.email.toUpperCase(), email_verified: true, name: 'VPD ziņotājs' },
  stranger: { sub: 'sub-stranger', email: 'neviens@nekur.lv', email_verified: true, name: 'Svešinieks' },
  unverified: { sub: 'sub-unverified', email: DEMO.reporterVP.email, email_verified: false },
  newcomer: { sub: 'sub-new', email: 'jauns@vpd.demo.lv', email_verified: true, name: 'Jauna Darbiniece', institution: 'VPD' },
  nowhere: { sub: 'sub-nowhere', email: 'kur@nekur.lv', email_verified: true, name: 'Bez iestādes', institution: 'NAV-TADAS' },
} satisfies Record<string, TestAccount>

let t: TestApp
let provider: TestProvider
let fake: Awaited<ReturnType<typeof startFakeTokenProvider>>
let app: string

beforeAll(async () => {
  const port = await freePort()
  app = `http://127.0.0.1:${port}`
  const client = (id: string) => ({
    clientId: `apt-${id}`,
    clientSecret: `secret-of-${id}-0123456789`,
    redirectUri: `${app}/api/auth/oidc/${id}/callback`,
    postLogoutRedirectUri: `${app}/login`,
  })
  provider = await startTestProvider([client('ministry'), client('auto')], Object.values(ACCOUNTS))
  fake = await startFakeTokenProvider(client('fake'), { sub: 'sub-fake', email: DEMO.viewer.email, email_verified: true })
  const dir = mkdtempSync(join(tmpdir(), 'apt-oidc-'))
  const file = join(dir, 'providers.json')
  writeFileSync(
    file,
    JSON.stringify([
      {
        id: 'auto',
        label: 'Auto',
        issuer: provider.issuer,
        clientId: 'apt-auto',
        clientSecretEnv: 'APT_TEST_AUTO_SECRET',
        autoAccounts: { enabled: true, role: 'reporter', institutionClaim: 'institution' },
      },
      { id: 'fake', label: 'Fake', issuer: fake.issuer, clientId: 'apt-fake', clientSecret: client('fake').clientSecret },
    ]),
  )
  t = await startTestApp(
    {
      PUBLIC_URL: app,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: 'apt-ministry',
      OIDC_CLIENT_SECRET: client('ministry').clientSecret,
      OIDC_ID: 'ministry',
      OIDC_LABEL: 'Ienākt ar ministrijas kontu',
      OIDC_PROVIDERS_FILE: file,
      APT_TEST_AUTO_SECRET: client('auto').clientSecret,
    },
    undefined,
    { port },
  )
})

afterAll(async () => {
  await t?.close()
  await provider?.close()
  await fake?.close()
})

/** A browser's whole sign-on: the login route, the provider, back to the callback; its final redirect and the browser. */
async function signOn(providerId: string, account?: TestAccount, browser = new Browser()) {
  if (account) provider.signInAs(account)
  const toCallback = await browser.follow(`${app}/api/auth/oidc/${providerId}/login`, `${app}/api/auth/oidc/${providerId}/callback`)
  expect(toCallback.last).toMatch(/\/callback\?/)
  const callback = await browser.fetch(toCallback.last)
  expect(callback.status).toBe(302)
  return { browser, callbackUrl: toCallback.last, location: callback.headers.get('location') }
}

async function lastAudit(action: string) {
  const [row] = await t.app.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1)
  return row
}

describe('providers', () => {
  it('lists the configured providers, to anyone', async () => {
    const res = await t.http.get('/api/auth/providers')
    expect(res.status).toBe(200)
    expect(res.body).toEqual([
      { id: 'ministry', label: 'Ienākt ar ministrijas kontu' },
      { id: 'auto', label: 'Auto' },
      { id: 'fake', label: 'Fake' },
    ])
  })

  it('answers 404 for a provider that is not configured', async () => {
    expect((await t.http.get('/api/auth/oidc/nope/login')).status).toBe(404)
    expect((await t.http.get('/api/auth/oidc/nope/callback?code=x&state=y')).status).toBe(404)
    expect((await t.http.get('/api/auth/oidc/Not_An_Id/login')).status).toBe(400)
  })

  it('begins with a redirect to the provider: PKCE (S256), state, nonce, our callback', async () => {
    const res = await new Browser().fetch(`${app}/api/auth/oidc/ministry/login`)
    expect(res.status).toBe(302)
    const to = new URL(res.headers.get('location')!)
    expect(to.origin).toBe(provider.issuer)
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: 'apt-ministry',
      redirect_uri: `${app}/api/auth/oidc/ministry/callback`,
      response_type: 'code',
      code_challenge_method: 'S256',
      scope: 'openid email profile',
    })
    expect(to.searchParams.get('state')).toMatch(/^[\w-]{20,}$/)
    expect(to.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/)
    expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('apt_sso_state='))!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/Path=\/api\/auth\/oidc/)
    expect(cookie).toMatch(/SameSite=Lax/i)
  })
})

describe('signing in', () => {
  it('signs in to the existing account with the verified e-mail, with the session and CSRF token of a password login', async () => {
    const { browser, location } = await signOn('ministry', ACCOUNTS.reporter)
    expect(location).toBe('/')
    const me = await browser.fetch(`${app}/api/auth/me`)
    expect(me.status).toBe(200)
    const info = (await me.json()) as { user: { email: string; ssoProviders: string[]; passwordSignIn: boolean }; csrfToken: string }
    expect(info.user.email).toBe(DEMO.reporterVPD.email)
    expect(info.user.ssoProviders).toEqual(['ministry'])
    expect(info.user.passwordSignIn).toBe(true)
    // An unsafe request works with the CSRF header, and is refused without it.
    const without = await browser.fetch(`${app}/api/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'sso' }),
    })
    expect(without.status).toBe(403)
    const created = await browser.fetch(`${app}/api/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': info.csrfToken },
      body: JSON.stringify({ name: 'sso' }),
    })
    expect(created.status).toBe(201)

    const [identity] = await t.app.db.select().from(userIdentities).where(eq(userIdentities.subject, ACCOUNTS.reporter.sub))
    expect(identity).toMatchObject({ provider: 'ministry' })
    const login = await lastAudit('auth.login')
    expect(login).toMatchObject({ actorLabel: DEMO.reporterVPD.email, after: { method: 'sso', provider: 'ministry' } })
    expect((await lastAudit('user.sso_link'))?.after).toEqual({ provider: 'ministry', subject: ACCOUNTS.reporter.sub })
  })

  it('matches by the stored subject afterwards, even when the provider’s e-mail changed', async () => {
    const { browser, location } = await signOn('ministry', {
      ...ACCOUNTS.reporter,
      email: 'cits.epasts@vpd.demo.lv',
      email_verified: false,
    })
    expect(location).toBe('/')
    const me = (await (await browser.fetch(`${app}/api/auth/me`)).json()) as { user: { email: string } }
    expect(me.user.email).toBe(DEMO.reporterVPD.email)
  })

  it('logout ends the session here and sends the browser to the provider’s end_session_endpoint', async () => {
    const { browser } = await signOn('ministry', ACCOUNTS.reporter)
    const me = (await (await browser.fetch(`${app}/api/auth/me`)).json()) as { csrfToken: string }
    const res = await browser.fetch(`${app}/api/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: '{}',
    })
    expect(res.status).toBe(200)
    const { endSessionUrl } = (await res.json()) as { endSessionUrl: string }
    const to = new URL(endSessionUrl)
    expect(to.origin).toBe(provider.issuer)
    expect(to.searchParams.get('post_logout_redirect_uri')).toBe(`${app}/login`)
    expect(to.searchParams.get('id_token_hint')).toMatch(/^ey/)
    // The provider accepts it: its logout confirmation page, not an error.
    const atProvider = await browser.fetch(endSessionUrl)
    expect(atProvider.status).toBe(200)
    expect(await atProvider.text()).toMatch(/logout/i)
    expect((await browser.fetch(`${app}/api/auth/me`)).status).toBe(401)
  })

  it('a password login still logs out with 204', async () => {
    const client = await t.login(DEMO.viewer)
    expect((await client.post('/api/auth/logout', {})).status).toBe(204)
  })
})

describe('refusals, each audited with its reason', () => {
  it('an unknown e-mail: back to the login screen, nothing created', async () => {
    const { location } = await signOn('ministry', ACCOUNTS.stranger)
    expect(location).toBe('/login?sso_error=unknown_account')
    expect(await lastAudit('auth.sso_refused')).toMatchObject({ reason: 'unknown_account', actorLabel: ACCOUNTS.stranger.email })
    expect(await t.app.db.select().from(users).where(eq(users.email, ACCOUNTS.stranger.email))).toEqual([])
  })

  it('an e-mail the provider has not verified, though an account has it', async () => {
    const { location } = await signOn('ministry', ACCOUNTS.unverified)
    expect(location).toBe('/login?sso_error=email_unverified')
    expect(await lastAudit('auth.sso_refused')).toMatchObject({ reason: 'email_unverified' })
    expect(await t.app.db.select().from(userIdentities).where(eq(userIdentities.subject, ACCOUNTS.unverified.sub))).toEqual([])
  })

  it('a state that is not the one this browser was given', async () => {
    provider.signInAs(ACCOUNTS.reporter)
    const browser = new Browser()
    const { last } = await browser.follow(`${app}/api/auth/oidc/ministry/login`, `${app}/api/auth/oidc/ministry/callback`)
    const forged = new URL(last)
    forged.searchParams.set('state', 'not-the-state-we-gave')
    const res = await browser.fetch(forged)
    expect(res.headers.get('location')).toBe('/login?sso_error=state_mismatch')
    expect(await lastAudit('auth.sso_refused')).toMatchObject({ reason: 'state_mismatch' })
    // Nor the right state from another browser (no state cookie there): a login forced on someone else.
    const other = await new Browser().fetch(last)
    expect(other.headers.get('location')).toBe('/login?sso_error=state_mismatch')
  })

  it('a replayed callback, and a replayed code under a new state', async () => {
    const { browser, callbackUrl, location } = await signOn('ministry', ACCOUNTS.reporter)
    expect(location).toBe('/')
    // The same callback again: its state was used up.
    const again = await browser.fetch(callbackUrl)
    expect(again.headers.get('location')).toBe('/login?sso_error=state_mismatch')
    // The used code with a state of a new sign-on in the same browser: the provider refuses the code.
    const begun = await browser.fetch(`${app}/api/auth/oidc/ministry/login`)
    const state = new URL(begun.headers.get('location')!).searchParams.get('state')!
    const replay = new URL(callbackUrl)
    replay.searchParams.set('state', state)
    const res = await browser.fetch(replay)
    expect(res.headers.get('location')).toBe('/login?sso_error=code_rejected')
    expect(await lastAudit('auth.sso_refused')).toMatchObject({
      reason: 'code_rejected',
      after: { provider: 'ministry', error: 'invalid_grant' },
    })
  })

  it('the provider’s own error (the user cancelled)', async () => {
    const browser = new Browser()
    const begun = await browser.fetch(`${app}/api/auth/oidc/ministry/login`)
    const state = new URL(begun.headers.get('location')!).searchParams.get('state')!
    const res = await browser.fetch(
      `${app}/api/auth/oidc/ministry/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(provider.issuer)}`,
    )
    expect(res.headers.get('location')).toBe('/login?sso_error=provider_error')
    expect(await lastAudit('auth.sso_refused')).toMatchObject({ reason: 'provider_error', after: { error: 'access_denied' } })
  })

  it('a deactivated account', async () => {
    const admin = await t.login(DEMO.admin)
    const viewer = (await admin.get('/api/users')).body.find((u: { email: string }) => u.email === DEMO.viewer.email)
    const account = { sub: 'sub-viewer', email: DEMO.viewer.email, email_verified: true }
    expect((await admin.patch(`/api/users/${viewer.id}`, { version: viewer.version, active: false })).status).toBe(200)
    try {
      const { location } = await signOn('ministry', account)
      expect(location).toBe('/login?sso_error=deactivated')
      expect(await lastAudit('auth.sso_refused')).toMatchObject({ reason: 'deactivated', entityId: String(viewer.id) })
    } finally {
      const now = (await admin.get('/api/users')).body.find((u: { email: string }) => u.email === DEMO.viewer.email)
      await admin.patch(`/api/users/${viewer.id}`, { version: now.version, active: true })
    }
  })

  describe('ID tokens with one defect (a provider that signs them)', () => {
    it('a token without a defect signs in: the provider itself is sound', async () => {
      fake.setDefect('none')
      const { location } = await signOn('fake')
      expect(location).toBe('/')
    })

    // Each with the check that failed, as openid-client names it.
    for (const [defect, failed] of [
      ['expired', { error: 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED' }],
      ['wrong_key', { error: 'OAUTH_INVALID_RESPONSE', cause: expect.stringMatching(/signature verification failed/) }],
      ['wrong_audience', { error: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' }],
    ] as const) {
      it(`${defect.replace('_', ' ')}: refused as token_invalid`, async () => {
        fake.setDefect(defect)
        const { browser, location } = await signOn('fake')
        expect(location).toBe('/login?sso_error=token_invalid')
        expect(browser.cookie(app, 'apt_session')).toBeUndefined()
        expect(await lastAudit('auth.sso_refused')).toMatchObject({ reason: 'token_invalid', after: { provider: 'fake', ...failed } })
      })
    }
  })
})

describe('automatic accounts', () => {
  it('creates an account without a password, in the institution of the claim, with the provider’s role', async () => {
    const { browser, location } = await signOn('auto', ACCOUNTS.newcomer)
    expect(location).toBe('/')
    const me = (await (await browser.fetch(`${app}/api/auth/me`)).json()) as {
      user: { email: string; name: string; role: string; institution: string; passwordSignIn: boolean; ssoProviders: string[] }
    }
    expect(me.user).toMatchObject({
      email: ACCOUNTS.newcomer.email,
      name: 'Jauna Darbiniece',
      role: 'reporter',
      institution: 'VPD',
      passwordSignIn: false,
      ssoProviders: ['auto'],
    })
    const created = await lastAudit('user.create')
    expect(created).toMatchObject({ actorId: null, reason: expect.stringMatching(/automatic account.*auto/) })
    // No password signs in to it.
    expect((await t.http.post('/api/auth/login').send({ email: ACCOUNTS.newcomer.email, password: 'anything-at-all-1' })).status).toBe(401)
  })

  it('refuses when the claim names no known institution', async () => {
    const { location } = await signOn('auto', ACCOUNTS.nowhere)
    expect(location).toBe('/login?sso_error=unknown_institution')
    expect(await lastAudit('auth.sso_refused')).toMatchObject({ reason: 'unknown_institution', after: { institution: 'NAV-TADAS' } })
    expect(await t.app.db.select().from(users).where(eq(users.email, ACCOUNTS.nowhere.email))).toEqual([])
  })

  it('a provider without automatic accounts still refuses the unknown', async () => {
    const { location } = await signOn('ministry', { ...ACCOUNTS.newcomer, sub: 'sub-new-elsewhere', email: 'vel.jauns@vpd.demo.lv' })
    expect(location).toBe('/login?sso_error=unknown_account')
  })
})

describe('an institution that requires single sign-on', () => {
  it('refuses its users’ passwords (audited), ends their password sessions, keeps single sign-on working', async () => {
    const admin = await t.login(DEMO.admin)
    const vp = await t.login(DEMO.reporterVP)
    const institution = (await admin.get('/api/institutions')).body.find((i: { code: string }) => i.code === 'VP')
    expect(institution.ssoRequired).toBe(false)
    const changed = await admin.patch(`/api/institutions/${institution.id}`, { version: institution.version, ssoRequired: true })
    expect(changed.status).toBe(200)
    expect(changed.body.ssoRequired).toBe(true)
    expect(await lastAudit('institution.sso_required')).toMatchObject({ entityId: String(institution.id) })

    expect((await vp.get('/api/auth/me')).status).toBe(401)
    const refused = await t.http.post('/api/auth/login').send(DEMO.reporterVP)
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('SSO_REQUIRED')
    const [failed] = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login_failed'), eq(auditLog.reason, 'sso_required')))
      .orderBy(desc(auditLog.id))
    expect(failed?.actorLabel).toBe(DEMO.reporterVP.email)
    // A wrong password is the usual 401: the SSO-only answer tells only the account's holder.
    expect((await t.http.post('/api/auth/login').send({ ...DEMO.reporterVP, password: 'wrong-password-123' })).status).toBe(401)

    const user = (await admin.get('/api/users')).body.find((u: { email: string }) => u.email === DEMO.reporterVP.email)
    expect(user.passwordSignIn).toBe(false)
    const { location } = await signOn('ministry', { sub: 'sub-vp', email: DEMO.reporterVP.email, email_verified: true })
    expect(location).toBe('/')

    const back = await admin.patch(`/api/institutions/${institution.id}`, { version: changed.body.version, ssoRequired: false })
    expect(back.status).toBe(200)
    expect(await lastAudit('institution.sso_optional')).toMatchObject({ entityId: String(institution.id) })
    expect((await t.http.post('/api/auth/login').send(DEMO.reporterVP)).status).toBe(200)
  })
})
