// Single sign-on in Chromium (issue 18): the login screen shows the provider's button, and the whole
// flow — our login route, the OpenID Connect provider (oidc-provider, in this process), back to the
// callback — ends signed in; a refusal ends on the login screen with its message; logout continues
// at the provider. The product runs as its own instance configured with the provider (support/own-server.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startTestProvider, type TestProvider } from '../../api/test/helpers/oidc-provider'
import { ACCOUNTS } from './support/accounts'
import { expectAccessible, launchBrowser, loginThroughForm, watchErrors } from './support/browser'
import { expectText, expectVisible } from './support/assert'
import { freePort, startOwnServer } from './support/own-server'

const LABEL = 'Ienākt ar iestādes kontu'
const REPORTER = { sub: 'e2e-vpd', email: ACCOUNTS.vpdReporter.email, email_verified: true, name: 'VPD ziņotājs' }
const STRANGER = { sub: 'e2e-stranger', email: 'svesais@nekur.lv', email_verified: true }
const VP_REPORTER = { sub: 'e2e-vp', email: ACCOUNTS.vpReporter.email, email_verified: true }

let provider: TestProvider
let server: Awaited<ReturnType<typeof startOwnServer>>
let browser: Browser

beforeAll(async () => {
  const port = await freePort()
  const app = `http://127.0.0.1:${port}`
  const secret = 'e2e-client-secret-0123456789'
  provider = await startTestProvider(
    [
      {
        clientId: 'apt-e2e',
        clientSecret: secret,
        redirectUri: `${app}/api/auth/oidc/iestade/callback`,
        postLogoutRedirectUri: `${app}/login`,
      },
    ],
    [REPORTER, STRANGER, VP_REPORTER],
  )
  server = await startOwnServer(port, {
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: 'apt-e2e',
    OIDC_CLIENT_SECRET: secret,
    OIDC_ID: 'iestade',
    OIDC_LABEL: LABEL,
  })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await provider?.close()
})

const newPage = async () =>
  (
    await browser.newContext({ baseURL: server.url, locale: 'lv-LV', timezoneId: 'Europe/Riga', viewport: { width: 1280, height: 900 } })
  ).newPage()

async function loginScreen(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'lv-LV',
    timezoneId: 'Europe/Riga',
    viewport: { width: 1280, height: 900 },
  })
  const page = await context.newPage()
  const errors = watchErrors(page)
  await page.goto('/login')
  return { page, errors }
}

describe('single sign-on in the browser', () => {
  it('the login screen shows the provider’s button beside the password form, accessible', async () => {
    const { page, errors } = await loginScreen()
    const button = page.getByRole('link', { name: LABEL })
    await expectVisible(button)
    await expectVisible(page.getByLabel('Parole', { exact: true }))
    await expectAccessible(page, 'login with single sign-on')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('completes the flow: the provider, back to the app, signed in to the existing account; logout goes on to the provider', async () => {
    provider.signInAs(REPORTER)
    const { page, errors } = await loginScreen()
    await page.getByRole('link', { name: LABEL }).click()
    await page.waitForURL((url) => url.origin === server.url && !url.pathname.startsWith('/login') && !url.pathname.startsWith('/api/'))
    const logout = page.getByRole('button', { name: 'Iziet' })
    await expectVisible(logout)
    const me = await page.evaluate(
      async () => (await (await fetch('/api/auth/me')).json()) as { user: { email: string; ssoProviders: string[] } },
    )
    expect(me.user.email).toBe(REPORTER.email)
    expect(me.user.ssoProviders).toEqual(['iestade'])
    expect(errors).toEqual([])

    await logout.click()
    await page.waitForURL((url) => url.origin === provider.issuer)
    const atApp = await page.context().request.get(`${server.url}/api/auth/me`)
    expect(atApp.status()).toBe(401)
    await page.context().close()
  })

  it('an account the app does not know: back on the login screen with what to do', async () => {
    provider.signInAs(STRANGER)
    const { page } = await loginScreen()
    await page.getByRole('link', { name: LABEL }).click()
    await page.waitForURL(
      (url) => url.origin === server.url && url.pathname === '/login' && url.searchParams.get('sso_error') === 'unknown_account',
    )
    const message = page.getByTestId('sso-error')
    await expectText(message, 'Lūdziet sistēmas administratoram izveidot jums lietotāju')
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('sso-error')
    await expectAccessible(page, 'login with a refused single sign-on')
    await page.context().close()
  })

  it('the admin sees each user’s sign-in method, and sets an institution SSO only: its users’ passwords are refused with what to do', async () => {
    // The VP reporter signs in once by single sign-on, so the users screen has both methods to show.
    provider.signInAs(VP_REPORTER)
    const sso = await loginScreen()
    await sso.page.getByRole('link', { name: LABEL }).click()
    await expectVisible(sso.page.getByRole('button', { name: 'Iziet' }))
    await sso.page.context().close()

    const admin = await newPage()
    const errors = watchErrors(admin)
    await loginThroughForm(admin, ACCOUNTS.admin.email, ACCOUNTS.admin.password)
    await admin.goto('/admin/users')
    const row = admin.getByTestId('users-table').locator(`tr[data-email="${VP_REPORTER.email}"]`)
    await expectText(row.getByTestId('sign-in-method'), 'Parole Iestādes konts (iestade)')

    await admin.goto('/admin/institutions')
    await admin.getByRole('button', { name: /— VP$/ }).click()
    await admin.getByLabel('Tikai ar iestādes kontu (SSO)').check()
    await admin.getByRole('button', { name: 'Saglabāt' }).click()
    await expectText(admin.getByTestId('institution-tree').locator('li', { hasText: 'Valsts policija' }), 'tikai SSO')
    await expectAccessible(admin, 'institutions with an SSO-only institution')
    await admin.goto('/admin/users')
    await expectText(row.getByTestId('sign-in-method'), /^Iestādes konts \(iestade\)$/)
    expect(errors).toEqual([])
    await admin.context().close()

    const vp = await newPage()
    await vp.goto('/login')
    await vp.getByLabel('E-pasta adrese').fill(ACCOUNTS.vpReporter.email)
    await vp.getByLabel('Parole', { exact: true }).fill(ACCOUNTS.vpReporter.password)
    await vp.getByRole('button', { name: 'Pieslēgties' }).click()
    await expectText(vp.getByRole('alert'), 'ienāk tikai ar iestādes kontu')
    await vp.context().close()
  })
})
