// Latvian first, English second: the switch changes every label, the document language and the
// date format, and the choice survives a reload.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anonymous, checkScreen, launchBrowser, loginAs } from './support/browser'
import { expectText } from './support/assert'

describe('language switch', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('switches between Latvian and English and remembers the choice', async () => {
    const { context, page } = await loginAs(browser, 'viewer')
    await page.goto('/plans/1')
    const nav = page.getByRole('navigation', { name: 'Galvenā navigācija' })
    await expectText(nav, 'Pārskats')
    expect(await page.locator('html').getAttribute('lang')).toBe('lv')
    await expectText(page.locator('.page-lead'), '2024. gada 31. decembris')
    expect(await page.getByRole('button', { name: 'LV — latviešu valoda' }).getAttribute('aria-pressed')).toBe('true')

    await page.getByRole('button', { name: 'EN — English' }).click()
    await expectText(page.getByRole('navigation', { name: 'Main navigation' }), 'Overview')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await expectText(page.locator('.page-lead'), '31 December 2024')
    await expectText(page.getByTestId('status-counts'), 'Partly done')
    await checkScreen(page, 'dashboard-en')

    await page.reload()
    await expectText(page.getByRole('navigation', { name: 'Main navigation' }), 'Measures')
    await page.getByRole('button', { name: 'LV — latviešu valoda' }).click()
    await expectText(page.getByRole('navigation', { name: 'Galvenā navigācija' }), 'Pasākumi')
    expect(await page.locator('html').getAttribute('lang')).toBe('lv')
    await context.close()
  })

  it('offers the switch on the login page too', async () => {
    const { context, page } = await anonymous(browser)
    await page.goto('/login')
    await expectText(page.locator('h1'), 'Pieslēgties')
    await page.getByRole('button', { name: 'EN — English' }).click()
    await expectText(page.locator('h1'), 'Log in')
    await page.getByRole('button', { name: 'Log in' }).click()
    await expectText(page.getByRole('alert'), 'Enter your e-mail address and password.')
    await context.close()
  })
})
