// Browser fixtures for the e2e tests: Debian's Chromium through playwright-core (never a
// downloaded browser), contexts logged in as a role (through the login form once per run, then
// reused from a saved storage state), screenshots as artefacts and an axe-core check per screen.
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import AxeBuilder from '@axe-core/playwright'
import { expect, inject } from 'vitest'
import { ACCOUNTS, type Account } from './accounts'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '..', '..', 'test-results', 'screenshots')
export const DESKTOP = { width: 1280, height: 900 }
export const MOBILE = { width: 390, height: 844 }

export const baseURL = () => inject('baseURL')

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's Chromium (apt-get install -y chromium)`)
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  })
}

export interface Session {
  context: BrowserContext
  page: Page
}

/** Errors the page logs or throws; a test fails when any appear unexpectedly. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    // A refused request is logged by the browser itself; the page shows its own message for it.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(`console: ${message.text()}`)
  })
  return errors
}

async function newContext(browser: Browser, viewport: { width: number; height: number }, storageState?: string) {
  return browser.newContext({
    baseURL: baseURL(),
    viewport,
    locale: 'lv-LV',
    timezoneId: 'Europe/Riga',
    acceptDownloads: true,
    storageState,
  })
}

/** Logs in through the form: what a user does. */
export async function loginThroughForm(page: Page, email: string, password: string) {
  await page.goto('/login')
  await page.getByLabel('E-pasta adrese').fill(email)
  await page.getByLabel('Parole', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Pieslēgties' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

/**
 * A context logged in as the account. The first call per run logs in through the UI and saves
 * the session cookie; later calls reuse it. `fresh` logs in anew (for tests that log out).
 */
export async function loginAs(
  browser: Browser,
  account: Account,
  options: { viewport?: { width: number; height: number }; fresh?: boolean } = {},
): Promise<Session> {
  const viewport = options.viewport ?? DESKTOP
  const statePath = join(inject('stateDir'), `${account}.json`)
  if (!options.fresh && existsSync(statePath)) {
    const context = await newContext(browser, viewport, statePath)
    const page = await context.newPage()
    const me = await page.request.get('/api/auth/me')
    if (me.ok()) return { context, page }
    await context.close()
  }
  const context = await newContext(browser, viewport)
  const page = await context.newPage()
  const { email, password } = ACCOUNTS[account]
  await loginThroughForm(page, email, password)
  if (!options.fresh) await context.storageState({ path: statePath })
  return { context, page }
}

export async function anonymous(browser: Browser, viewport = DESKTOP): Promise<Session> {
  const context = await newContext(browser, viewport)
  return { context, page: await context.newPage() }
}

/** Saves a full-page screenshot as a test artefact (web/test-results/screenshots, gitignored). */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const width = page.viewportSize()?.width ?? 0
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true })
}

/**
 * axe rules beyond the WCAG tags that the criteria rest on: WCAG 2.5.3 (label in name) is an
 * experimental rule, and the order of headings and landmarks (1.3.1, 2.4.1, 2.4.6) is checked by
 * "best practice" rules, so axe runs them only when asked.
 */
const EXTRA_RULES = [
  'label-content-name-mismatch',
  'heading-order',
  'page-has-heading-one',
  'landmark-one-main',
  'landmark-unique',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-no-duplicate-main',
  'landmark-banner-is-top-level',
  'landmark-main-is-top-level',
  'landmark-contentinfo-is-top-level',
  'region',
  'empty-heading',
  'empty-table-header',
]

/** Every axe finding of any impact (WCAG 2.1 A and AA, and the rules above), a line per rule with its first nodes. */
export async function axeFindings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .options({ rules: Object.fromEntries(EXTRA_RULES.map((id) => [id, { enabled: true }])) })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  return result.violations.map(
    (v) =>
      `axe ${v.impact} ${v.id} (${v.help}):\n${v.nodes
        .slice(0, 6)
        .map((n) => `     ${n.target.join(' ')} — ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`)
        .join('\n')}`,
  )
}

/** axe-core with the WCAG 2.1 A and AA rules: no serious or critical violation may remain. */
export async function expectAccessible(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const report = bad.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `   ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`,
  )
  expect(report, `axe violations on ${screen}`).toEqual([])
}

/** Screenshot and axe check of the current screen, at the page's width. */
export async function checkScreen(page: Page, name: string) {
  await page.waitForLoadState('networkidle')
  await expect.poll(() => page.locator('.loading').count(), { timeout: 10_000 }).toBe(0)
  await screenshot(page, name)
  await expectAccessible(page, name)
}

/** The same screen at the phone width: screenshot, axe, and no sideways scrolling of the page. */
export async function checkScreenNarrow(page: Page, name: string) {
  const original = page.viewportSize() ?? DESKTOP
  await page.setViewportSize(MOBILE)
  await page.waitForTimeout(200)
  await checkScreen(page, name)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0)
  await page.setViewportSize(original)
}
